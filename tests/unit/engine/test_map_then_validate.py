"""Map then validate: transformation warnings keep rows unless the schema then rejects them."""

from __future__ import annotations

from typing import Any

import pyarrow as pa
from engine_cases import batch

from headwater.engine.mapping import MappingRule, compile_mapping
from headwater.engine.validate import validate

SCHEMA: dict[str, Any] = {
    "type": "object",
    "properties": {
        "_id": {"type": "string"},
        "age": {"type": "integer", "minimum": 0, "maximum": 150},
        "visits": {"type": "integer"},
        "vip": {"type": "boolean"},
    },
    "required": ["_id", "age"],
}
RULES = [
    MappingRule("ATTRIBUTE", "id", "_id"),
    MappingRule("ATTRIBUTE", "age", "age"),
    MappingRule("ATTRIBUTE", "visits", "visits"),
    MappingRule("ATTRIBUTE", "vip", "vip"),
]


def run(columns: dict[str, Any]) -> tuple[list[int], list[tuple[int, str, str, str]]]:
    mapped = compile_mapping(RULES, SCHEMA).apply(batch(columns, first_row=10))
    checked = validate(mapped.rows, SCHEMA)
    every = pa.concat_tables([mapped.errors, checked.errors]).to_pylist()
    return checked.valid.column("_hw_row").to_pylist(), sorted(
        (e["row"], e["field"], e["code"], e["severity"]) for e in every
    )


def test_a_failed_optional_field_warns_and_the_row_is_kept() -> None:
    valid, found = run(
        {
            "id": ["a", "b"],
            "age": ["30", "40"],
            "visits": ["3", "many"],
            "vip": ["yes", "sometimes"],
        }
    )
    assert valid == [10, 11]
    assert found == [
        (11, "vip", "MAPPER-3700-400", "warning"),
        (11, "visits", "MAPPER-3700-400", "warning"),
    ]


def test_a_failed_required_field_warns_and_validation_rejects_the_row() -> None:
    valid, found = run({"id": ["a", "b", "c"], "age": ["30", "old", "200"]})
    assert valid == [10]
    assert found == [
        (11, "age", "INGEST-1555-400", "error"),
        (11, "age", "MAPPER-3700-400", "warning"),
        (12, "age", "INGEST-1559-400", "error"),
    ]


def test_a_type_clash_is_an_error_for_every_row_with_a_value() -> None:
    columns = {"id": ["a", "b"], "age": ["1", "2"], "vip": pa.array([1, None], pa.int64())}
    mapped = compile_mapping(RULES, SCHEMA).apply(batch(columns))
    assert [(e["row"], e["severity"]) for e in mapped.errors.to_pylist()] == [(1, "error")]
    assert any("int64 cannot be converted to boolean" in note for note in mapped.notes)
