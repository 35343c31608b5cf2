"""uuid()/guid() and fpid_to_ecid."""

from __future__ import annotations

import hashlib
import re
import uuid

import polars as pl
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from headwater.dataprep.functions import function_table
from headwater.dataprep.functions.special import NOT_UUID, random_uuids
from headwater.dataprep.values import ExpressionError, Value

V4 = re.compile(r"^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$")
FPID = "4ed70bee-b654-420a-a3fd-b58b6b65e991"


def ecids(fpids: list[str | None]) -> tuple[list[str | None], list[str | None]]:
    value = function_table()["fpid_to_ecid"].compile([Value(pl.col("f"), pl.String())])
    assert value.dtype == pl.String and value.error is not None
    frame = pl.DataFrame({"f": fpids}, schema={"f": pl.String})
    out = frame.select(value.expr.alias("ecid"), value.error.alias("error"))
    return out["ecid"].to_list(), out["error"].to_list()


def test_uuid_gives_each_row_its_own_version_4_uuid() -> None:
    for name in ("uuid", "guid"):
        value = function_table()[name].compile([])
        assert value.dtype == pl.String and not value.is_constant
        frame = pl.DataFrame({"n": range(1000)})
        got = frame.select(value.expr).to_series().to_list()
        assert len(set(got)) == 1000
        assert all(V4.match(text) and uuid.UUID(text).version == 4 for text in got)
        assert function_table()[name].scalar is None


def test_uuid_on_an_empty_batch() -> None:
    value = function_table()["uuid"].compile([])
    frame = pl.DataFrame({"n": []}, schema={"n": pl.Int64})
    assert frame.with_columns(u=value.expr)["u"].to_list() == []
    assert random_uuids(0).to_list() == []


def test_guid_is_an_alias_of_uuid() -> None:
    assert function_table()["guid"] is function_table()["uuid"]


def documented_ecid(fpid: str) -> str:
    """Our derivation, restated: MD5 of the lowercase FPID, two 63-bit halves, 19 digits each."""
    digest = hashlib.md5(fpid.lower().encode(), usedforsecurity=False).digest()
    halves = [int.from_bytes(digest[i : i + 8], "big") & (2**63 - 1) for i in (0, 8)]
    return "".join(f"{half:019d}" for half in halves)


def test_fpid_to_ecid_is_38_digits_and_deterministic() -> None:
    got, errors = ecids([FPID, FPID.upper(), "123e4567-e89b-12d3-a456-426614174000"])
    assert got[0] == got[1] == documented_ecid(FPID)
    assert got[2] == documented_ecid("123e4567-e89b-12d3-a456-426614174000")
    assert all(re.fullmatch(r"[0-9]{38}", ecid or "") for ecid in got)
    assert errors == [None, None, None]
    # Adobe does not publish its algorithm: the platform's example gives another ECID.
    assert got[0] != "28880788470263023831040523038280731744"
    assert function_table()["fpid_to_ecid"].result == f'"{got[0]}"'


def test_a_text_that_is_not_a_uuid_is_null_with_an_error() -> None:
    got, errors = ecids(
        [None, "", "not-a-uuid", FPID + "0", "4ed70bee-b654-420a-a3fd-b58b6b65e99Z"]
    )
    assert got == [None] * 5
    assert errors == [None, *[NOT_UUID] * 4]


def test_fpid_to_ecid_takes_a_text() -> None:
    with pytest.raises(ExpressionError, match="must be a text"):
        function_table()["fpid_to_ecid"].compile([Value(pl.col("n"), pl.Int64())])


@settings(max_examples=100, deadline=None)
@given(st.lists(st.none() | st.uuids().map(str) | st.text(max_size=40), max_size=10))
def test_vectorised_ecids_equal_the_reference(fpids: list[str | None]) -> None:
    got, _ = ecids(fpids)
    assert got == [function_table()["fpid_to_ecid"].scalar(fpid) for fpid in fpids]
