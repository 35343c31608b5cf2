"""Calculated fields (EXPRESSION rules) through the engine's map and validate stages."""

from __future__ import annotations

from typing import Any

import pyarrow as pa
import pytest

from headwater.engine.mapping import EXPRESSION_FAILED, MappingRule, compile_mapping
from headwater.engine.validate import validate
from headwater.errors import BadRequest

SCHEMA: dict[str, Any] = {
    "type": "object",
    "required": ["_id"],
    "properties": {
        "_id": {"type": "string"},
        "name": {"type": "string"},
        "age": {"type": "integer"},
        "adult": {"type": "boolean"},
        "tags": {"type": "array", "items": {"type": "string"}},
        "items": {
            "type": "array",
            "items": {"type": "object", "properties": {"sku": {"type": "string"}}},
        },
        "addr": {
            "type": "object",
            "properties": {"city": {"type": "string"}, "zip": {"type": "string"}},
        },
    },
}


def batch(columns: dict[str, Any]) -> pa.RecordBatch:
    table = pa.table(columns).combine_chunks()
    rows = pa.array(range(1, table.num_rows + 1), pa.int64())
    arrays = [column.chunk(0) for column in table.columns]
    return pa.RecordBatch.from_arrays([*arrays, rows], names=[*table.column_names, "_hw_row"])


def expression(source: str, destination: str) -> MappingRule:
    return MappingRule("EXPRESSION", source, destination)


LEADS = batch(
    {
        "id": ["1", "2", "3"],
        "first": ["Ada", "Alan", None],
        "last": ["LOVELACE", "Turing", "Hopper"],
        "age": ["36", "forty", "85"],
        "skus": ["a;b", "", None],
    }
)


def test_calculated_fields_are_computed_per_row():
    rules = [
        MappingRule("ATTRIBUTE", "id", "_id"),
        expression('concat(first, " ", lower(last))', "name"),
        expression("to_integer(age)", "age"),
        expression('iif(to_integer(age) >= 18, "yes", "no")', "adult"),
        expression('split(skus, ";")', "tags"),
    ]
    mapped = compile_mapping(rules, SCHEMA).apply(LEADS)
    got = mapped.rows.to_pylist()
    assert [r["name"] for r in got] == ["Ada lovelace", "Alan turing", " hopper"]
    assert [r["age"] for r in got] == [36, None, 85]
    assert [r["adult"] for r in got] == [True, None, True]
    assert [r["tags"] for r in got] == [["a", "b"], [], None]


def test_a_transformation_error_nulls_the_field_keeps_the_row_and_is_recorded():
    rules = [MappingRule("ATTRIBUTE", "id", "_id"), expression("to_integer(age) * 2", "age")]
    mapped = compile_mapping(rules, SCHEMA).apply(LEADS)
    assert [r["age"] for r in mapped.rows.to_pylist()] == [72, None, 170]
    (error,) = mapped.errors.to_pylist()
    assert error == {
        "row": 2,
        "field": "age",
        "code": EXPRESSION_FAILED,
        "message": "The calculated field failed: 'forty' is not an integer",
        "severity": "warning",
    }
    checked = validate(mapped.rows, SCHEMA)
    assert checked.valid.num_rows == 3  # a warning: the row is kept


def test_a_row_whose_result_is_not_valid_xdm_is_rejected_by_validation():
    rules = [expression('iif(first == null, to_integer("x"), first)', "_id")]
    mapped = compile_mapping(rules, SCHEMA).apply(LEADS)
    assert [r["_id"] for r in mapped.rows.to_pylist()] == ["Ada", "Alan", None]
    checked = validate(mapped.rows, SCHEMA)
    assert checked.rejected_rows.to_pylist() == [3]
    assert checked.errors.column("code").to_pylist() == ["INGEST-1555-400"]


def test_a_value_of_the_wrong_kind_for_its_field_is_a_conversion_warning():
    mapped = compile_mapping([expression('concat("x", age)', "age")], SCHEMA).apply(LEADS)
    assert [r["age"] for r in mapped.rows.to_pylist()] == [None, None, None]
    assert set(mapped.errors.column("code").to_pylist()) == {"MAPPER-3700-400"}


def test_array_results_line_up_with_the_destinations_elements():
    mapped = compile_mapping([expression('split(skus, ";")', "items[*].sku")], SCHEMA).apply(LEADS)
    assert [r["items"] for r in mapped.rows.to_pylist()] == [[{"sku": "a"}, {"sku": "b"}], [], None]


def test_object_copy_takes_the_same_named_children_the_schema_has():
    source = batch(
        {
            "address": [{"city": "Paris", "zip": "75001", "floor": 3}, None],
            "id": ["1", "2"],
        }
    )
    for rule in (MappingRule("ATTRIBUTE", "address", "addr"), expression("address", "addr")):
        mapped = compile_mapping([rule], SCHEMA).apply(source)
        assert [r["addr"] for r in mapped.rows.to_pylist()] == [
            {"city": "Paris", "zip": "75001"},
            None,
        ]
        assert any("floor is not in the schema" in note for note in mapped.notes)


def test_missing_fields_are_null():
    mapped = compile_mapping([expression("lower(nickname)", "name")], SCHEMA).apply(LEADS)
    assert [r["name"] for r in mapped.rows.to_pylist()] == [None, None, None]
    assert mapped.errors.num_rows == 0


def test_an_expression_that_does_not_fit_the_inputs_types_fails_on_every_row():
    nested = batch({"id": ["1", "2"], "first": [{"a": "b"}, None]})
    rules = [MappingRule("ATTRIBUTE", "id", "_id"), expression('concat("x", lower(first))', "name")]
    mapped = compile_mapping(rules, SCHEMA).apply(nested)
    assert [(r["_id"], r["name"]) for r in mapped.rows.to_pylist()] == [("1", None), ("2", None)]
    messages = mapped.errors.column("message").to_pylist()
    assert len(messages) == 2
    assert "must be a string, not an object at line 1, column 13" in messages[0]
    assert set(mapped.errors.column("code").to_pylist()) == {EXPRESSION_FAILED}


def test_a_malformed_expression_is_refused_before_any_batch():
    with pytest.raises(BadRequest) as caught:
        compile_mapping([expression("lower(first", "name")], SCHEMA)
    assert caught.value.code == "1105"
    assert caught.value.details["column"] == 12
