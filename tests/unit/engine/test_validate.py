"""The validate stage: each XDM constraint with a passing and a failing row."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pyarrow as pa
import pytest

from headwater import xdm
from headwater.engine.validate import Validator, validate
from headwater.errors import BadRequest

SCHEMA: dict[str, Any] = {
    "type": "object",
    "properties": {
        "_id": {"type": "string"},
        "gender": {"type": "string", "enum": ["male", "female"]},
        "country": {"type": "string", "pattern": "^[A-Z]{2}$"},
        "code": {"type": "string", "minLength": 2, "maxLength": 3},
        "lat": {"type": "number", "minimum": -90, "maximum": 90},
        "level": {"type": "integer", "enum": [1, 2, 3]},
        "day": {"type": "string", "format": "date"},
        "when": {"type": "string", "meta:xdmType": "string", "format": "date-time"},
        "day_text": {"type": "string", "meta:xdmType": "string", "format": "date"},
        "person": {
            "type": "object",
            "properties": {
                "name": {
                    "type": "object",
                    "properties": {"first": {"type": "string"}, "last": {"type": "string"}},
                    "required": ["last"],
                },
            },
        },
        "items": {
            "type": "array",
            "items": {
                "type": "object",
                "properties": {
                    "sku": {"type": "string", "maxLength": 4},
                    "qty": {"type": "integer"},
                },
                "required": ["sku"],
            },
        },
        "ids": {
            "type": "object",
            "meta:xdmType": "map",
            "additionalProperties": {
                "type": "array",
                "items": {
                    "type": "object",
                    "properties": {
                        "id": {"type": "string"},
                        "state": {"type": "string", "enum": ["authenticated", "ambiguous"]},
                    },
                    "required": ["id"],
                },
            },
        },
    },
    "required": ["_id"],
}
ARROW = xdm.arrow_schema(SCHEMA)


def rows(*records: dict[str, Any]) -> pa.RecordBatch:
    """A batch of the schema from partial records (``_id`` defaults to a value)."""
    full = [{"_id": "x", **one, "_hw_row": 100 + i} for i, one in enumerate(records)]
    schema = ARROW.append(pa.field("_hw_row", pa.int64()))
    return pa.RecordBatch.from_pylist(full, schema=schema)


def outcome(*records: dict[str, Any]) -> tuple[list[int], list[tuple[int, str, str]]]:
    checked = validate(rows(*records), SCHEMA)
    assert checked.valid.schema.equals(rows().schema)
    found = [(e["row"], e["field"], e["code"]) for e in checked.errors.to_pylist()]
    assert all(e["severity"] == "error" for e in checked.errors.to_pylist())
    assert checked.valid.num_rows + len(checked.rejected_rows) == len(records)
    return checked.rejected_rows.to_pylist(), sorted(found)


def test_a_valid_row_passes() -> None:
    good = {
        "gender": "male",
        "country": "FR",
        "code": "abc",
        "lat": 45.5,
        "level": 2,
        "day": dt.date(2024, 1, 2),
        "when": "2024-01-02T03:04:05Z",
        "day_text": "2024-01-02",
        "person": {"name": {"first": "A", "last": "B"}},
        "items": [{"sku": "k1", "qty": 1}],
    }
    assert outcome(good, {}) == ([], [])


def test_a_required_top_level_field() -> None:
    assert outcome({"_id": None}, {"_id": ""}) == ([100], [(100, "_id", "INGEST-1555-400")])


def test_a_required_field_counts_only_where_its_object_is_present() -> None:
    got = outcome(
        {"person": {"name": {"first": "A", "last": None}}},
        {"person": {"name": None}},
        {"person": None},
        {"person": {"name": {"first": None, "last": "B"}}},
    )
    assert got == ([100], [(100, "person.name.last", "INGEST-1555-400")])
    message = validate(rows({"person": {"name": {"first": "A"}}}), SCHEMA).errors["message"]
    assert message[0].as_py() == "The required field person.name.last is missing or null"


def test_required_fields_of_array_items() -> None:
    got = outcome(
        {"items": [{"sku": "a"}, {"sku": None, "qty": 1}]},
        {"items": [{"sku": "b"}]},
        {"items": []},
        {"items": None},
    )
    assert got == ([100], [(100, "items[*].sku", "INGEST-1555-400")])


def test_fields_inside_the_values_of_maps() -> None:
    got = outcome(
        {"ids": [("Email", [{"id": "a@b.c", "state": "ambiguous"}])]},
        {"ids": [("Email", [{"id": "a@b.c"}]), ("Phone", [{"id": "1", "state": "lost"}])]},
        {"ids": [("Email", [{"id": None, "state": "authenticated"}])]},
        {"ids": []},
        {"ids": None},
    )
    assert got == (
        [101, 102],
        [(101, "ids.*[*].state", "INGEST-1556-400"), (102, "ids.*[*].id", "INGEST-1555-400")],
    )
    message = validate(rows({"ids": [("X", [{"id": "1", "state": "lost"}])]}), SCHEMA).errors
    assert message["message"][0].as_py() == (
        "ids.*[*].state: a value is not one of authenticated, ambiguous"
    )


def test_enum() -> None:
    assert outcome({"gender": "male"}, {"gender": "other"}, {"gender": None}) == (
        [101],
        [(101, "gender", "INGEST-1556-400")],
    )
    assert outcome({"level": 3}, {"level": 4}) == ([101], [(101, "level", "INGEST-1556-400")])
    message = validate(rows({"gender": "other"}), SCHEMA).errors["message"][0].as_py()
    assert message == "gender: the value 'other' is not one of male, female"


def test_pattern() -> None:
    assert outcome({"country": "FR"}, {"country": "France"}) == (
        [101],
        [(101, "country", "INGEST-1557-400")],
    )


def test_lengths() -> None:
    got = outcome({"code": "ab"}, {"code": "a"}, {"code": "abcd"}, {"code": "abc"})
    assert got == ([101, 102], [(101, "code", "INGEST-1558-400"), (102, "code", "INGEST-1558-400")])


def test_lengths_of_array_item_fields() -> None:
    assert outcome({"items": [{"sku": "abcd"}]}, {"items": [{"sku": "a"}, {"sku": "abcde"}]}) == (
        [101],
        [(101, "items[*].sku", "INGEST-1558-400")],
    )


def test_minimum_and_maximum() -> None:
    got = outcome({"lat": -90.0}, {"lat": 90.0}, {"lat": -90.5}, {"lat": 91.0})
    assert got == ([102, 103], [(102, "lat", "INGEST-1559-400"), (103, "lat", "INGEST-1559-400")])


def test_date_and_date_time_text() -> None:
    got = outcome(
        {"when": "2024-01-02T03:04:05.5+02:00", "day_text": "2024-02-29"},
        {"when": "2024-01-02 03:04"},
        {"day_text": "2023-02-29"},
    )
    assert got == (
        [101, 102],
        [(101, "when", "INGEST-1560-400"), (102, "day_text", "INGEST-1560-400")],
    )


def test_typed_dates_must_have_four_digit_years() -> None:
    days = pa.array([19724, 3_000_000], pa.int32()).cast(pa.date32())  # 2024-01-02, year 10183
    batch = rows({}, {})
    batch = batch.set_column(ARROW.get_field_index("day"), "day", days)
    checked = validate(batch, SCHEMA)
    assert checked.rejected_rows.to_pylist() == [101]
    assert checked.errors["code"].to_pylist() == ["INGEST-1560-400"]


def test_one_row_with_several_violations_is_rejected_once() -> None:
    checked = validate(rows({"_id": None, "gender": "x", "lat": 100.0}, {}), SCHEMA)
    assert checked.rejected_rows.to_pylist() == [100]
    assert checked.valid.column("_hw_row").to_pylist() == [101]
    assert sorted(checked.errors["field"].to_pylist()) == ["_id", "gender", "lat"]


def test_the_seed_schemas_constraints(seed_003_schema: dict[str, Any]) -> None:
    arrow = xdm.arrow_schema(seed_003_schema).append(pa.field("_hw_row", pa.int64()))
    people = [
        {"person": {"gender": "female", "birthYear": 1990}, "_hw_row": 1},
        {"person": {"gender": "robot", "birthYear": 0}, "_hw_row": 2},
        {"homeAddress": {"countryCode": "fr"}, "_hw_row": 3},
    ]
    checked = validate(pa.RecordBatch.from_pylist(people, schema=arrow), seed_003_schema)
    assert checked.rejected_rows.to_pylist() == [2, 3]
    assert sorted(checked.errors["field"].to_pylist()) == [
        "homeAddress.countryCode",
        "person.birthYear",
        "person.gender",
    ]


def test_rows_without_row_numbers_are_refused() -> None:
    with pytest.raises(ValueError, match="_hw_row"):
        validate(pa.RecordBatch.from_pylist([{"_id": "x"}]), SCHEMA)


def test_patterns_polars_cannot_run_are_refused() -> None:
    schema = {"type": "object", "properties": {"a": {"type": "string", "pattern": "^(?!x)"}}}
    with pytest.raises(BadRequest, match="look-around"):
        Validator(schema)


def test_a_schema_without_constraints_accepts_everything() -> None:
    schema = {"type": "object", "properties": {"a": {"type": "string"}}}
    batch = pa.RecordBatch.from_pylist([{"a": None, "_hw_row": 1}])
    checked = validate(batch, schema)
    assert checked.valid.num_rows == 1
    assert checked.rejected_rows.type == pa.int64()
    assert checked.errors.num_rows == 0


def test_required_fields_the_rows_lack_are_missing_where_their_object_is_present() -> None:
    # Mapped rows carry only the fields a mapping writes: an absent column is all null.
    schema = {
        "type": "object",
        "required": ["top"],
        "properties": {
            "top": {"type": "string"},
            "o": {
                "type": "object",
                "required": ["r"],
                "properties": {"r": {"type": "string"}, "s": {"type": "string"}},
            },
            "p": {"type": "object", "required": ["q"], "properties": {"q": {"type": "string"}}},
        },
    }
    batch = pa.RecordBatch.from_pylist(
        [{"o": {"s": "x"}, "_hw_row": 1}, {"o": None, "_hw_row": 2}],
        schema=pa.schema(
            [pa.field("o", pa.struct([pa.field("s", pa.string())])), ("_hw_row", pa.int64())]
        ),
    )
    checked = validate(batch, schema)
    assert checked.valid.num_rows == 0
    errors = checked.errors.to_pylist()
    assert sorted((e["row"], e["field"]) for e in errors) == [(1, "o.r"), (1, "top"), (2, "top")]
    assert {e["code"] for e in errors} == {"INGEST-1555-400"}
