"""Compile-time checks, STATIC literals and malformed EXPRESSION rules."""

from __future__ import annotations

import datetime as dt

import pytest
from engine_cases import RICH, batch, records

from headwater.engine.mapping import SOURCE_COMPILERS, MappingRule, compile_mapping
from headwater.engine.mapping.paths import Each, Index, Name, format_path, parse_path
from headwater.errors import BadRequest

A = "ATTRIBUTE"


def test_static_literals_are_typed_by_their_destination() -> None:
    rules = [
        MappingRule(A, "id", "_id"),
        MappingRule("STATIC", "YES", "flag"),
        MappingRule("STATIC", "-12", "count"),
        MappingRule("STATIC", "2024-02-29", "day"),
        MappingRule("STATIC", "2024-02-29T10:00:00+01:00", "at"),
        MappingRule("STATIC", "crm", "person.name.last"),
    ]
    mapped = compile_mapping(rules, RICH).apply(batch({"id": ["a", "b"]}))
    got = records(mapped.rows, "flag", "count", "day", "at", "person")
    assert got[1]["flag"] is True
    assert got[1]["count"] == -12
    assert got[1]["day"] == dt.date(2024, 2, 29)
    assert got[1]["at"] == dt.datetime(2024, 2, 29, 9, 0, tzinfo=dt.UTC)
    assert got[1]["person"]["name"]["last"] == "crm"
    assert mapped.errors.num_rows == 0


@pytest.mark.parametrize(
    ("literal", "destination"),
    [("maybe", "flag"), ("40000", "count"), ("2024-13-01", "day"), ("x", "emails")],
)
def test_a_static_literal_that_cannot_convert_is_refused(literal: str, destination: str) -> None:
    with pytest.raises(BadRequest, match=destination):
        compile_mapping([MappingRule("STATIC", literal, destination)], RICH)


def test_a_malformed_expression_is_refused_when_the_mapping_compiles() -> None:
    # Calculated fields themselves are tested in tests/unit/dataprep.
    rule = MappingRule("EXPRESSION", "upper(name", "_id")
    with pytest.raises(BadRequest, match="calculated field") as caught:
        compile_mapping([rule], RICH)
    assert caught.value.code == "1105"
    assert "upper(name" in caught.value.message
    assert set(SOURCE_COMPILERS) == {"ATTRIBUTE", "STATIC", "EXPRESSION"}


def test_every_unknown_destination_is_listed() -> None:
    rules = [
        MappingRule(A, "a", "nope"),
        MappingRule(A, "b", "person.name.nickname"),
        MappingRule(A, "c", "_id.deeper"),
        MappingRule(A, "d", "_id"),
    ]
    with pytest.raises(BadRequest) as caught:
        compile_mapping(rules, RICH)
    problems = caught.value.details["problems"]
    assert len(problems) == 3
    assert any("person.name.nickname" in one for one in problems)


@pytest.mark.parametrize(
    "destinations",
    [["_id", "_id"], ["person", "person.name.first"], ["tags[*]", "tags[0]"]],
)
def test_conflicting_destinations_are_refused(destinations: list[str]) -> None:
    rules = [MappingRule(A, f"s{i}", one) for i, one in enumerate(destinations)]
    with pytest.raises(BadRequest):
        compile_mapping(rules, RICH)


def test_malformed_source_paths_are_refused() -> None:
    with pytest.raises(BadRequest, match="a\\[x"):
        compile_mapping([MappingRule(A, "a[x]", "_id")], RICH)


def test_paths_parse_escapes_and_indexes() -> None:
    assert parse_path("address.street\\.name") == (Name("address"), Name("street.name"))
    assert parse_path("emails[0].address") == (Name("emails"), Index(0), Name("address"))
    assert parse_path("a[*][2]") == (Name("a"), Each(), Index(2))
    for text in ["Full\\.Name", "a[*].b\\[c\\]", "x.y[3]"]:
        assert format_path(parse_path(text)) == text
    for bad in ["", "a..b", "a[", "a[-1]", "[0]"]:
        with pytest.raises(ValueError, match="path"):
            parse_path(bad)


def test_json_to_object_takes_the_type_of_its_destination_object() -> None:
    rules = [MappingRule("EXPRESSION", "json_to_object(j)", "person.name")]
    mapping = compile_mapping(rules, RICH)
    texts = ['{"first": "Ada", "last": "Lovelace", "extra": 1}', '{"first": "Alan"}', "not json"]
    mapped = mapping.apply(batch({"j": texts}))
    got = [row["person"]["name"] if row["person"] else None for row in records(mapped.rows)]
    assert got[0] == {"first": "Ada", "last": "Lovelace"}
    assert got[1] == {"first": "Alan", "last": None}
    assert got[2] is None  # a transformation error: the field is null, the error recorded
    errors = mapped.errors.to_pylist()
    assert [(e["row"], e["field"]) for e in errors] == [(3, "person.name")]
