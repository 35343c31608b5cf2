"""No mapping (parquet_xdm): columns already XDM-shaped pass through by name."""

from __future__ import annotations

import datetime as dt

import pyarrow as pa
import pytest
from engine_cases import RICH, batch, errors, records

from headwater.engine.mapping import compile_mapping
from headwater.errors import BadRequest

IDENTITIES = pa.map_(
    pa.string(), pa.list_(pa.struct([("id", pa.string()), ("primary", pa.bool_())]))
)


def test_xdm_shaped_columns_pass_through_into_the_exact_schema() -> None:
    mapping = compile_mapping(None, RICH)
    source = batch(
        {
            "_id": ["a", "b"],
            "count": pa.array([7, 2**20], pa.int64()),  # to short: range-checked
            "person": [
                {"name": {"first": "Ada", "last": "L"}, "born": dt.date(1815, 12, 10)},
                None,
            ],
            "tags": [["x"], None],
            "identityMap": pa.array(
                [[("Email", [{"id": "a@x", "primary": True}])], None], IDENTITIES
            ),
            "at": pa.array(["2024-01-02T03:04:05Z", None]),  # strings still convert
        }
    )
    out = mapping.apply(source)
    assert out.rows.schema.equals(mapping.output_schema)
    rows = records(out.rows)
    assert rows[0]["person"] == {
        "name": {"first": "Ada", "last": "L"},
        "born": dt.date(1815, 12, 10),
    }
    assert rows[0]["identityMap"] == [("Email", [{"id": "a@x", "primary": True}])]
    assert rows[0]["at"] == dt.datetime(2024, 1, 2, 3, 4, 5, tzinfo=dt.UTC)
    assert rows[0]["emails"] is None  # columns the input lacks are null
    assert rows[1]["count"] is None
    assert errors(out.errors) == [(2, "count", "MAPPER-3701-400", "warning")]


def test_objects_become_maps() -> None:
    source = batch({"identityMap": [{"Email": [{"id": "a@x"}], "Phone": None}]})
    out = compile_mapping(None, RICH).apply(source)
    assert records(out.rows, "identityMap")[0]["identityMap"] == [
        ("Email", [{"id": "a@x", "primary": None}])
    ]


def test_columns_that_do_not_fit_are_all_listed() -> None:
    source = batch(
        {
            "_id": ["a"],
            "extra": [1],
            "person": [{"name": {"first": "Ada", "nick": "A"}}],
            "tags": ["not a list"],
            "flag": [1],
        }
    )
    with pytest.raises(BadRequest) as caught:
        compile_mapping(None, RICH).apply(source)
    listed = caught.value.details["columns"]
    assert listed == [
        "extra: not in the schema",
        "person.name.nick: not in the schema",
        "tags: string cannot be converted to array",
        "flag: int64 cannot be converted to boolean",
    ]
    assert "parquet_xdm" in caught.value.message
