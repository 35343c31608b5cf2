"""A small nested dataset schema and batches of it, for real Delta tables in ``tmp_path``."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterator
from pathlib import Path

import pyarrow as pa  # type: ignore[import-untyped]
import pytest

from headwater import lake

XDM = pa.schema(
    [
        ("_id", pa.string()),
        (
            "person",
            pa.struct(
                [
                    ("name", pa.struct([("firstName", pa.string()), ("lastName", pa.string())])),
                    ("birthDate", pa.date32()),
                ]
            ),
        ),
        (
            "identityMap",
            pa.map_(
                pa.string(),
                pa.list_(pa.struct([("id", pa.string()), ("primary", pa.bool_())])),
            ),
        ),
        ("_repo", pa.struct([("createDate", pa.timestamp("us", tz="UTC"))])),
        ("score", pa.float64()),
    ]
)

Rows = Callable[..., Iterator[pa.RecordBatch]]


@pytest.fixture
def uri(tmp_path: Path) -> str:
    return str(tmp_path / "org" / "sandbox" / "datasets" / "ds1")


@pytest.fixture
def xdm_schema() -> pa.Schema:
    return XDM


@pytest.fixture
def schema() -> pa.Schema:
    return lake.table_schema(XDM)


def person(i: int) -> dict[str, object]:
    return {
        "_id": f"id-{i}",
        "person": {
            "name": {"firstName": f"First{i}", "lastName": None},
            "birthDate": dt.date(1990, 1, 1) + dt.timedelta(days=i),
        },
        "identityMap": [("Email", [{"id": f"p{i}@example.com", "primary": True}])],
        "_repo": {"createDate": dt.datetime(2024, 5, 6, 7, 8, 9, tzinfo=dt.UTC)},
        "score": float(i),
    }


@pytest.fixture
def rows() -> Rows:
    """``rows(n, per_batch=…, fail_after=…)``: record batches of people, from a file."""

    def make(
        n: int, *, per_batch: int = 10, fail_after: int | None = None, source: str = "in.json"
    ) -> Iterator[pa.RecordBatch]:
        for start in range(0, n, per_batch):
            if fail_after is not None and start >= fail_after:
                raise RuntimeError("the source broke")
            chunk = [person(i) for i in range(start, min(n, start + per_batch))]
            batch = pa.RecordBatch.from_pylist(chunk, schema=XDM)
            yield lake.add_system_columns(batch, source_file=source, first_row=start)

    return make
