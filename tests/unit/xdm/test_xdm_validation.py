"""Create rules for tenant schemas, field groups, data types and classes."""

from __future__ import annotations

from typing import Any

import pytest

from headwater import xdm
from headwater.errors import BadRequest, InvalidField

CTX = "https://ns.adobe.com/xdm/context/"
RECORD = "https://ns.adobe.com/xdm/data/record"
TENANT_CLASS = "https://ns.adobe.com/acme/classes/store"


def field_group(**overrides: Any) -> dict[str, Any]:
    body: dict[str, Any] = {
        "type": "object",
        "title": "Loyalty",
        "description": "Loyalty details",
        "meta:intendedToExtend": [CTX + "profile"],
        "definitions": {
            "loyalty": {
                "properties": {
                    "_acme": {
                        "type": "object",
                        "properties": {
                            "points": {"title": "Points", "type": "integer", "minimum": 0},
                            "level": {"title": "Level", "type": "string", "enum": ["a", "b"]},
                            "tags": {"title": "Tags", "type": "array", "items": {"type": "string"}},
                        },
                    }
                }
            }
        },
        "allOf": [{"$ref": "#/definitions/loyalty"}],
    }
    body.update(overrides)
    return body


def loyalty_field(body: dict[str, Any]) -> dict[str, Any]:
    fields: dict[str, Any] = body["definitions"]["loyalty"]["properties"]["_acme"]["properties"]
    return fields


def rule(caught: pytest.ExceptionInfo[InvalidField]) -> tuple[str, str]:
    return caught.value.field, caught.value.message


def test_tutorial_schemas_are_valid(
    seed_000_body: dict[str, Any], seed_003_body: dict[str, Any]
) -> None:
    xdm.validate_tenant_resource(seed_000_body, "schemas")
    xdm.validate_tenant_resource(seed_003_body, "schemas", lookup=lambda _: None)


@pytest.mark.parametrize(
    ("change", "field"),
    [
        ({"title": ""}, "title"),
        ({"title": None}, "title"),
        ({"type": "array"}, "type"),
        ({"allOf": []}, "allOf"),
        ({"allOf": "profile"}, "allOf"),
        ({"description": 3}, "description"),
    ],
)
def test_schema_header_rules(
    seed_000_body: dict[str, Any], change: dict[str, Any], field: str
) -> None:
    with pytest.raises(InvalidField) as caught:
        xdm.validate_tenant_resource({**seed_000_body, **change}, "schemas")
    assert caught.value.field == field


def test_schema_needs_exactly_one_class(seed_000_body: dict[str, Any]) -> None:
    no_class = {**seed_000_body, "allOf": seed_000_body["allOf"][1:]}
    with pytest.raises(InvalidField, match=r"exactly one class \(found 0\)"):
        xdm.validate_tenant_resource(no_class, "schemas")
    two = {**seed_000_body, "allOf": [*seed_000_body["allOf"], {"$ref": CTX + "experienceevent"}]}
    with pytest.raises(InvalidField, match=r"exactly one class \(found 2\)"):
        xdm.validate_tenant_resource(two, "schemas")


def test_schema_may_not_compose_data_types_or_behaviours(seed_000_body: dict[str, Any]) -> None:
    body = {**seed_000_body, "allOf": [*seed_000_body["allOf"], {"$ref": CTX + "person"}]}
    with pytest.raises(InvalidField, match="only a class and field groups"):
        xdm.validate_tenant_resource(body, "schemas")


def test_meta_class_must_match_the_class(seed_000_body: dict[str, Any]) -> None:
    body = {**seed_000_body, "meta:class": CTX + "experienceevent"}
    with pytest.raises(InvalidField) as caught:
        xdm.validate_tenant_resource(body, "schemas")
    assert caught.value.field == "meta:class"


def test_field_group_must_fit_the_class() -> None:
    body: dict[str, Any] = {
        "type": "object",
        "title": "Events",
        "allOf": [{"$ref": CTX + "experienceevent"}, {"$ref": CTX + "profile-person-details"}],
    }
    with pytest.raises(InvalidField, match="does not extend class"):
        xdm.validate_tenant_resource(body, "schemas")
    body["allOf"][1] = {"$ref": CTX + "identitymap"}  # intended for any class
    xdm.validate_tenant_resource(body, "schemas")


def test_unknown_refs_need_a_lookup_to_be_refused(seed_000_body: dict[str, Any]) -> None:
    ref = "https://ns.adobe.com/acme/mixins/unknown"
    body = {**seed_000_body, "allOf": [*seed_000_body["allOf"], {"$ref": ref}]}
    xdm.validate_tenant_resource(body, "schemas")  # left to resolve()
    with pytest.raises(InvalidField, match="unknown resource"):
        xdm.validate_tenant_resource(body, "schemas", lookup=lambda _: None)


def test_schema_on_a_tenant_class_with_a_matching_field_group() -> None:
    tenant: dict[str, dict[str, Any]] = {
        TENANT_CLASS: {
            "$id": TENANT_CLASS,
            "meta:resourceType": "classes",
            "allOf": [{"$ref": RECORD}],
        },
        "https://ns.adobe.com/acme/mixins/hours": {
            "$id": "https://ns.adobe.com/acme/mixins/hours",
            "meta:resourceType": "mixins",
            "meta:intendedToExtend": [TENANT_CLASS],
        },
    }
    body = {"type": "object", "title": "Stores", "allOf": [{"$ref": ref} for ref in tenant]}
    xdm.validate_tenant_resource(body, "schemas", lookup=tenant.get)
    # without the lookup the tenant class cannot be classified, so the class count is not judged
    xdm.validate_tenant_resource(body, "schemas")


def test_valid_field_group() -> None:
    xdm.validate_tenant_resource(field_group(), "mixins", tenant_id="acme")


def test_field_group_rules() -> None:
    with pytest.raises(InvalidField) as caught:
        xdm.validate_tenant_resource(field_group(**{"meta:intendedToExtend": None}), "mixins")
    assert caught.value.field == "meta:intendedToExtend"
    with pytest.raises(InvalidField) as caught:
        xdm.validate_tenant_resource(field_group(definitions={}, allOf=[]), "mixins")
    assert caught.value.field == "definitions"


def test_custom_fields_sit_under_the_tenant_namespace() -> None:
    with pytest.raises(InvalidField) as caught:
        xdm.validate_tenant_resource(field_group(), "mixins", tenant_id="other")
    assert rule(caught) == (
        "/definitions/loyalty/properties/_acme",
        "/definitions/loyalty/properties/_acme: custom fields must be nested under '_other'",
    )


@pytest.mark.parametrize(
    ("name", "node", "where"),
    [
        ("bad name", {"type": "string"}, "/properties/bad name"),
        ("_hidden", {"type": "string"}, "/properties/_hidden"),
        ("f", {"type": "text"}, "/properties/f/type"),
        ("f", {"type": "string", "meta:xdmType": "varchar"}, "/properties/f/meta:xdmType"),
        ("f", {"type": "array"}, "/properties/f/items"),
        ("f", {"type": "string", "enum": [1, 2]}, "/properties/f/enum"),
        ("f", {"type": "string", "enum": []}, "/properties/f/enum"),
        ("f", {"type": "integer", "minimum": 5, "maximum": 1}, "/properties/f/minimum"),
        ("f", {"type": "string", "minLength": "3"}, "/properties/f/minLength"),
        ("f", {"type": "string", "pattern": "("}, "/properties/f/pattern"),
        ("f", {"$ref": 3}, "/properties/f/$ref"),
    ],
)
def test_field_rules(name: str, node: dict[str, Any], where: str) -> None:
    body = field_group()
    loyalty_field(body)[name] = node
    with pytest.raises(InvalidField) as caught:
        xdm.validate_tenant_resource(body, "mixins")
    assert caught.value.field == "/definitions/loyalty/properties/_acme" + where


def test_data_type_rules() -> None:
    object_type = {"type": "object", "title": "Tier", "properties": {"code": {"type": "string"}}}
    xdm.validate_tenant_resource(object_type, "datatypes")
    xdm.validate_tenant_resource(
        {"type": "array", "title": "Codes", "items": {"type": "string"}}, "datatypes"
    )
    with pytest.raises(InvalidField) as caught:
        xdm.validate_tenant_resource({"type": "array", "title": "Codes"}, "datatypes")
    assert caught.value.field == "items"
    with pytest.raises(InvalidField) as caught:
        xdm.validate_tenant_resource({"type": "object", "title": "Empty"}, "datatypes")
    assert caught.value.field == "properties"
    with pytest.raises(InvalidField) as caught:
        xdm.validate_tenant_resource({"type": "object", "properties": {}}, "datatypes")
    assert caught.value.field == "title"


def test_class_needs_one_behaviour() -> None:
    body: dict[str, Any] = {
        "type": "object",
        "title": "Store",
        "definitions": {"store": {"properties": {"_acme": {"type": "object", "properties": {}}}}},
        "allOf": [{"$ref": RECORD}, {"$ref": "#/definitions/store"}],
    }
    xdm.validate_tenant_resource(body, "classes", tenant_id="acme")
    with pytest.raises(InvalidField, match="exactly one behavior"):
        xdm.validate_tenant_resource({**body, "allOf": body["allOf"][1:]}, "classes")


def test_body_and_kind_must_make_sense() -> None:
    with pytest.raises(BadRequest, match="JSON object"):
        xdm.validate_tenant_resource([], "schemas")
    with pytest.raises(BadRequest, match="Unknown resource kind"):
        xdm.validate_tenant_resource({}, "unions")
