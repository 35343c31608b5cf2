"""JSON-shaped sources: nested objects, arrays with [*] and [n], maps, destination indexes."""

from __future__ import annotations

from typing import Any

import pyarrow as pa
from engine_cases import RICH, errors, records

from headwater.engine.mapping import MappingRule, compile_mapping

A = "ATTRIBUTE"
CONTACTS = [
    {
        "id": "1",
        "contact": {
            "name": {"first": "Ada", "Full.Name": "Ada L"},
            "emails": [{"address": "a@x", "type": "work"}, {"address": "b@x", "type": None}],
            "scores": ["1", "x", "3"],
        },
    },
    {"id": None, "contact": {"name": None, "emails": [], "scores": []}},
    {"id": "3", "contact": None},
]


def json_batch(rows: list[dict[str, Any]]) -> pa.RecordBatch:
    table = pa.Table.from_pylist(rows)
    numbers = pa.array(range(1, len(rows) + 1), pa.int64())
    return table.append_column("_hw_row", numbers).to_batches()[0]


def mapped(rules: list[MappingRule], *names: str) -> tuple[list[dict[str, Any]], pa.Table]:
    out = compile_mapping(rules, RICH).apply(json_batch(CONTACTS))
    assert out.rows.schema.equals(compile_mapping(rules, RICH).output_schema)
    return records(out.rows, *names), out.errors


def test_nested_source_fields_and_escaped_dots() -> None:
    rows, _ = mapped(
        [
            MappingRule(A, "contact.name.first", "person.name.first"),
            MappingRule(A, "contact.name.Full\\.Name", "person.name.last"),
        ],
        "person",
    )
    assert rows[0]["person"]["name"] == {"first": "Ada", "last": "Ada L"}
    assert rows[1]["person"] is None
    assert rows[2]["person"] is None


def test_wildcards_map_arrays_of_objects_element_by_element() -> None:
    rules = [
        MappingRule(A, "contact.emails[*].address", "emails[*].address"),
        MappingRule(A, "contact.emails[*].type", "emails[*].kind"),
    ]
    rows, errs = mapped(rules, "emails")
    assert rows[0]["emails"] == [
        {"address": "a@x", "kind": "work", "src": None},
        {"address": "b@x", "kind": None, "src": None},
    ]
    assert rows[1]["emails"] == []
    assert rows[2]["emails"] is None
    assert errs.num_rows == 0


def test_a_value_without_a_list_is_repeated_in_every_element() -> None:
    rules = [
        MappingRule(A, "contact.emails[*].address", "emails[*].address"),
        MappingRule("STATIC", "crm", "emails[*].src"),
        MappingRule(A, "id", "emails[*].kind"),
    ]
    rows, _ = mapped(rules, "emails")
    assert [one["src"] for one in rows[0]["emails"]] == ["crm", "crm"]
    assert [one["kind"] for one in rows[0]["emails"]] == ["1", "1"]


def test_a_wildcard_source_fills_a_whole_array_and_converts_each_element() -> None:
    rows, errs = mapped(
        [
            MappingRule(A, "contact.emails[*].address", "tags"),
            MappingRule(A, "contact.scores", "scores"),
        ],
        "tags",
        "scores",
    )
    assert rows[0]["tags"] == ["a@x", "b@x"]
    assert rows[0]["scores"] == [1, None, 3]
    assert rows[1]["scores"] == []
    assert errors(errs) == [(1, "scores", "MAPPER-3700-400", "warning")]


def test_an_index_picks_one_element_and_a_destination_index_builds_a_list() -> None:
    rules = [
        MappingRule(A, "contact.emails[1].address", "person.name.first"),
        MappingRule(A, "contact.emails[0].address", "tags[0]"),
        MappingRule(A, "contact.emails[1].address", "tags[2]"),
        MappingRule(A, "contact.emails[0].type", "emails[0].kind"),
    ]
    rows, _ = mapped(rules, "person", "tags", "emails")
    assert rows[0]["person"]["name"]["first"] == "b@x"
    assert rows[0]["tags"] == ["a@x", None, "b@x"]
    assert rows[0]["emails"] == [{"address": None, "kind": "work", "src": None}]
    assert rows[1]["tags"] is None  # no element has a value
    assert rows[2]["emails"] is None


def test_map_keys_become_entries_when_they_have_a_value() -> None:
    rules = [
        MappingRule(A, "contact.emails[0].address", "identityMap.Email[0].id"),
        MappingRule("STATIC", "true", "identityMap.Email[0].primary"),
        MappingRule(A, "id", "identityMap.CRM[0].id"),
    ]
    rows, _ = mapped(rules, "identityMap")
    assert rows[0]["identityMap"] == [
        ("Email", [{"id": "a@x", "primary": True}]),
        ("CRM", [{"id": "1", "primary": None}]),
    ]
    assert rows[1]["identityMap"] == [("Email", [{"id": None, "primary": True}])]
    assert rows[2]["identityMap"][1] == ("CRM", [{"id": "3", "primary": None}])


def test_lists_of_different_lengths_are_zipped_with_nulls() -> None:
    source = [{"a": ["x", "y", "z"], "b": ["1"]}, {"a": None, "b": ["2", "3"]}]
    rules = [MappingRule(A, "a[*]", "emails[*].address"), MappingRule(A, "b[*]", "emails[*].kind")]
    out = compile_mapping(rules, RICH).apply(json_batch(source))
    rows = records(out.rows, "emails")
    assert [(e["address"], e["kind"]) for e in rows[0]["emails"]] == [
        ("x", "1"),
        ("y", None),
        ("z", None),
    ]
    assert [(e["address"], e["kind"]) for e in rows[1]["emails"]] == [(None, "2"), (None, "3")]


def test_objects_copy_same_named_fields_and_drop_the_rest() -> None:
    source = [{"p": {"name": {"first": "Ada", "nick": "A"}, "born": "1815-12-10"}}, {"p": None}]
    out = compile_mapping([MappingRule(A, "p", "person")], RICH).apply(json_batch(source))
    rows = records(out.rows, "person")
    assert rows[0]["person"]["name"] == {"first": "Ada", "last": None}
    assert str(rows[0]["person"]["born"]) == "1815-12-10"
    assert rows[1]["person"] is None
    assert any("person.name.nick is not in the schema" in note for note in out.notes)


def test_a_path_through_a_scalar_is_a_missing_source() -> None:
    out = compile_mapping([MappingRule(A, "id.deeper", "_id")], RICH).apply(json_batch(CONTACTS))
    assert records(out.rows, "_id")[0]["_id"] is None
    assert "has no field 'deeper'" in out.notes[0]


def test_an_empty_batch_maps_to_an_empty_batch_of_the_schema() -> None:
    rules = [
        MappingRule(A, "contact.emails[*].address", "emails[*].address"),
        MappingRule("STATIC", "crm", "emails[*].src"),
        MappingRule(A, "contact.emails[0].address", "tags[1]"),
        MappingRule(A, "id", "identityMap.CRM[0].id"),
        MappingRule(A, "contact.name.first", "person.name.first"),
    ]
    mapping = compile_mapping(rules, RICH)
    empty = json_batch(CONTACTS).slice(0, 0)
    out = mapping.apply(empty)
    assert out.rows.num_rows == 0
    assert out.rows.schema.equals(mapping.output_schema)
    assert out.errors.num_rows == 0


def test_a_sliced_batch_keeps_its_rows_aligned() -> None:
    rules = [
        MappingRule(A, "contact.emails[*].address", "emails[*].address"),
        MappingRule(A, "id", "emails[*].kind"),
    ]
    out = compile_mapping(rules, RICH).apply(json_batch(CONTACTS).slice(1, 2))
    rows = records(out.rows, "emails")
    assert rows == [{"emails": [], "_hw_row": 2}, {"emails": None, "_hw_row": 3}]
