"""Resolved XDM schemas as Arrow schemas."""

from __future__ import annotations

from typing import Any

import pyarrow as pa  # type: ignore[import-untyped]
import pytest

from headwater import xdm
from headwater.errors import BadRequest


def none(resource_id: str) -> dict[str, Any] | None:
    return None


def test_seed_000_profile_maps_to_nested_arrow(seed_000_body: dict[str, Any]) -> None:
    schema = xdm.arrow_schema(xdm.resolve(seed_000_body, none))

    person = schema.field("person").type
    assert pa.types.is_struct(person)
    name = person.field("name").type
    assert name.field("firstName").type == pa.string()
    assert person.field("birthDate").type == pa.date32()
    assert person.field("birthYear").type == pa.int16()  # short
    identity_map = schema.field("identityMap").type
    assert pa.types.is_map(identity_map)
    assert identity_map.key_type == pa.string()
    identities = identity_map.item_type
    assert pa.types.is_list(identities)
    identity = identities.value_type
    assert {one.name for one in identity} == {"id", "authenticatedState", "primary"}
    assert identity.field("primary").type == pa.bool_()
    repo = schema.field("_repo").type
    assert repo.field("createDate").type == pa.timestamp("us", tz="UTC")
    assert schema.field("_id").type == pa.string()
    subscription = schema.field("subscriptions").type.value_type
    assert subscription.field("startDate").type == pa.date32()


def test_every_field_is_nullable(seed_000_body: dict[str, Any]) -> None:
    schema = xdm.arrow_schema(xdm.resolve(seed_000_body, none))

    def walk(field: pa.Field) -> None:
        assert field.nullable, field
        kind = field.type
        if pa.types.is_struct(kind):
            for child in kind:
                walk(child)
        elif pa.types.is_list(kind):
            walk(kind.value_field)
        elif pa.types.is_map(kind):
            walk(kind.item_field)

    for field in schema:
        walk(field)


def test_root_fields_keep_declared_order(seed_000_body: dict[str, Any]) -> None:
    resolved = xdm.resolve(seed_000_body, none)
    assert xdm.arrow_schema(resolved).names == list(resolved["properties"])


def node(kind: str, **extra: Any) -> dict[str, Any]:
    return {"type": kind, **extra}


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        (node("string"), pa.string()),
        (node("string", format="email"), pa.string()),
        (node("integer", **{"meta:xdmType": "int"}), pa.int32()),
        (node("integer"), pa.int32()),
        (node("integer", **{"meta:xdmType": "long"}), pa.int64()),
        (node("integer", minimum=-(2**53) + 1, maximum=2**53 - 1), pa.int64()),
        (node("integer", **{"meta:xdmType": "short"}), pa.int16()),
        (node("integer", **{"meta:xdmType": "byte"}), pa.int8()),
        (node("number"), pa.float64()),
        (node("number", **{"meta:xdmType": "double"}), pa.float64()),
        (node("boolean"), pa.bool_()),
        (node("string", format="date"), pa.date32()),
        (node("string", format="date-time"), pa.timestamp("us", tz="UTC")),
        (node("array", items=node("integer")), pa.list_(pa.int32())),
        (node("array"), pa.list_(pa.string())),
        (node("object", additionalProperties=node("string")), pa.map_(pa.string(), pa.string())),
        (
            node("object", **{"meta:xdmType": "map"}, additionalProperties=node("number")),
            pa.map_(pa.string(), pa.float64()),
        ),
    ],
)
def test_type_table(body: dict[str, Any], expected: pa.DataType) -> None:
    assert xdm.arrow_type(body) == expected


def test_tenant_namespace_and_nested_objects() -> None:
    resolved = {
        "type": "object",
        "properties": {
            "_acme": node(
                "object",
                properties={
                    "loyalty": node(
                        "object",
                        properties={
                            "points": node("integer"),
                            "since": node("string", format="date"),
                        },
                    )
                },
            )
        },
    }
    schema = xdm.arrow_schema(resolved)
    assert schema.names == ["_acme"]
    loyalty = schema.field("_acme").type.field("loyalty").type
    assert loyalty.field("points").type == pa.int32()
    assert loyalty.field("since").type == pa.date32()


def test_empty_objects_are_left_out() -> None:
    resolved = {
        "type": "object",
        "properties": {
            "empty": node("object", properties={}),
            "emptyList": node("array", items=node("object")),
            "keep": node("string"),
        },
    }
    assert xdm.arrow_schema(resolved).names == ["keep"]


def test_unknown_type_is_refused() -> None:
    with pytest.raises(BadRequest, match="bytes"):
        xdm.arrow_schema({"type": "object", "properties": {"b": {"meta:xdmType": "bytes"}}})
