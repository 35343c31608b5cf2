"""Seed 003's mapping set (Id, FirstName, LastName) over a delimited batch, and rule reading."""

from __future__ import annotations

from typing import Any

import pyarrow as pa
import pytest
from engine_cases import batch, records

from headwater import xdm
from headwater.engine.mapping import MappingRule, compile_mapping, rules_from_mapping_set
from headwater.errors import BadRequest

# The mapping set of seed 003 as Data Prep stores it (legacy request vocabulary folded in).
SEED_003_STORED = {
    "id": "bf5286a9c1ad4266baca76ba3adc9366",
    "version": 0,
    "mappings": [
        {
            "sourceType": "text/x.schema-path",
            "source": "Id",
            "destination": "_id",
            "sourceAttribute": "Id",
            "destinationXdmPath": "_id",
        },
        {
            "sourceType": "text/x.schema-path",
            "source": "FirstName",
            "destination": "person.name.firstName",
        },
        {
            "sourceType": "text/x.schema-path",
            "source": "LastName",
            "destination": "person.name.lastName",
        },
    ],
}


def test_rules_from_the_stored_mapping_set() -> None:
    assert rules_from_mapping_set(SEED_003_STORED) == [
        MappingRule("ATTRIBUTE", "Id", "_id"),
        MappingRule("ATTRIBUTE", "FirstName", "person.name.firstName"),
        MappingRule("ATTRIBUTE", "LastName", "person.name.lastName"),
    ]


def test_rules_read_every_source_type_spelling_and_the_legacy_vocabulary() -> None:
    stored = {
        "mappings": [
            {"sourceType": "STATIC", "source": "x", "destination": "a"},
            {"sourceType": "text/x.aep-xl", "source": "upper(b)", "destination": "b"},
            {"sourceType": "expression", "source": "c", "destination": "c"},
            {"sourceAttribute": "d", "destinationXdmPath": "d"},
        ]
    }
    kinds = [rule.kind for rule in rules_from_mapping_set(stored)]
    assert kinds == ["STATIC", "EXPRESSION", "EXPRESSION", "ATTRIBUTE"]
    assert rules_from_mapping_set(stored)[3] == MappingRule("ATTRIBUTE", "d", "d")


@pytest.mark.parametrize("stored", [{}, {"mappings": [{"source": "a"}]}, {"mappings": ["x"]}])
def test_rules_from_a_broken_document_are_refused(stored: dict[str, Any]) -> None:
    with pytest.raises(BadRequest):
        rules_from_mapping_set(stored)


def test_seed_003_maps_strings_to_nested_structs(seed_003_schema: dict[str, Any]) -> None:
    mapping = compile_mapping(rules_from_mapping_set(SEED_003_STORED), seed_003_schema)
    source = batch(
        {
            "Id": ["1", "2", None],
            "FirstName": ["Ada", None, None],
            "LastName": ["Lovelace", "Byron", None],
            "Email": ["a@x", "b@x", None],
        }
    )
    mapped = mapping.apply(source)

    # Only what the rules write: the schema's other fields are left out (null when read).
    full = xdm.arrow_schema(seed_003_schema)
    name = full.field("person").type.field("name").type
    expected = pa.schema(
        [
            full.field("_id"),
            pa.field(
                "person",
                pa.struct(
                    [pa.field("name", pa.struct([name.field("firstName"), name.field("lastName")]))]
                ),
            ),
            pa.field("_hw_row", pa.int64()),
        ]
    )
    assert mapped.rows.schema.equals(expected)
    assert mapping.output_schema.equals(expected)
    got = records(mapped.rows, "_id", "person")
    assert got[0]["_id"] == "1"
    assert got[0]["person"] == {"name": {"firstName": "Ada", "lastName": "Lovelace"}}
    assert got[1]["person"]["name"] == {"firstName": None, "lastName": "Byron"}
    # nothing mapped below person has a value: the object is absent, not empty
    assert got[2] == {"_id": None, "person": None, "_hw_row": 3}
    assert mapped.errors.num_rows == 0
    assert mapped.notes == ()


def test_a_missing_source_column_maps_to_null_with_a_note(seed_003_schema: dict[str, Any]) -> None:
    mapping = compile_mapping(rules_from_mapping_set(SEED_003_STORED), seed_003_schema)
    mapped = mapping.apply(batch({"Id": ["1"], "FirstName": ["Ada"]}))
    assert records(mapped.rows, "person")[0]["person"]["name"]["lastName"] is None
    assert mapped.errors.num_rows == 0
    assert len(mapped.notes) == 1
    assert "'LastName'" in mapped.notes[0]
    assert "person.name.lastName" in mapped.notes[0]


def test_batches_without_row_numbers_are_refused(seed_003_schema: dict[str, Any]) -> None:
    mapping = compile_mapping(rules_from_mapping_set(SEED_003_STORED), seed_003_schema)
    with pytest.raises(ValueError, match="_hw_row"):
        mapping.apply(pa.record_batch({"Id": ["1"]}))


def test_row_numbers_are_carried_through(seed_003_schema: dict[str, Any]) -> None:
    mapping = compile_mapping(rules_from_mapping_set(SEED_003_STORED), seed_003_schema)
    mapped = mapping.apply(batch({"Id": ["a", "b"]}, first_row=41))
    assert mapped.rows.column("_hw_row").to_pylist() == [41, 42]


def test_one_compiled_mapping_serves_input_schemas_that_differ(
    seed_003_schema: dict[str, Any],
) -> None:
    mapping = compile_mapping(rules_from_mapping_set(SEED_003_STORED), seed_003_schema)
    first = mapping.apply(batch({"Id": ["1"], "FirstName": ["Ada"], "LastName": ["L"]}))
    second = mapping.apply(batch({"LastName": ["M"], "Id": ["2"]}))
    assert records(first.rows, "_id")[0]["_id"] == "1"
    assert records(second.rows, "person")[0]["person"]["name"]["lastName"] == "M"
    assert second.notes and not first.notes
