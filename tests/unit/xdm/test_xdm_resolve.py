"""Resolution into the registry's full form (xed-full / xed-full-notext)."""

from __future__ import annotations

import json
from typing import Any

import pytest

from headwater import xdm
from headwater.errors import BadRequest

CTX = "https://ns.adobe.com/xdm/context/"
TENANT_FG = "https://ns.adobe.com/acme/mixins/loyalty"
TENANT_DT = "https://ns.adobe.com/acme/datatypes/tier"


def none(resource_id: str) -> dict[str, Any] | None:
    return None


def tenant_lookup() -> dict[str, dict[str, Any]]:
    tier = {
        "$id": TENANT_DT,
        "type": "object",
        "title": "Tier",
        "properties": {
            "code": {"title": "Code", "type": "string", "enum": ["gold", "silver"]},
            "since": {"title": "Since", "type": "string", "format": "date"},
        },
    }
    loyalty = {
        "$id": TENANT_FG,
        "type": "object",
        "title": "Loyalty",
        "meta:intendedToExtend": [CTX + "profile"],
        "definitions": {
            "loyalty": {
                "properties": {
                    "_acme": {
                        "type": "object",
                        "properties": {
                            "points": {"title": "Points", "type": "integer", "minimum": 0},
                            "tier": {"title": "Member tier", "$ref": TENANT_DT},
                        },
                    }
                }
            }
        },
        "allOf": [{"$ref": "#/definitions/loyalty"}],
    }
    return {TENANT_DT: tier, TENANT_FG: loyalty}


def test_seed_000_resolves_the_tutorial_fields(seed_000_body: dict[str, Any]) -> None:
    resolved = xdm.resolve(seed_000_body, none)
    props = resolved["properties"]
    assert props["_id"]["type"] == "string"
    assert props["_id"]["format"] == "uri-reference"
    name = props["person"]["properties"]["name"]["properties"]
    assert name["firstName"]["meta:xdmType"] == "string"
    assert name["lastName"]["title"] == "Last name"
    assert props["personalEmail"]["properties"]["address"]["format"] == "email"
    assert props["workEmail"]["properties"]["address"]["format"] == "email"
    assert props["identityMap"]["meta:xdmType"] == "map"
    item = props["identityMap"]["additionalProperties"]["items"]
    assert set(item["properties"]) == {"id", "authenticatedState", "primary"}
    assert props["subscriptions"]["items"]["properties"]["startDate"]["format"] == "date"
    assert props["_repo"]["properties"]["createDate"]["meta:xdmType"] == "date-time"


def test_full_form_keeps_root_meta_and_drops_composition(seed_000_body: dict[str, Any]) -> None:
    resolved = xdm.resolve(seed_000_body, none)
    assert resolved["meta:class"] == CTX + "profile"
    assert resolved["title"] == seed_000_body["title"]
    assert resolved["type"] == "object"
    assert "allOf" not in resolved
    assert "$ref" not in json.dumps(resolved)
    assert seed_000_body["allOf"][0] == {"$ref": CTX + "profile"}  # input untouched


def test_field_keeps_its_own_title_and_notes_the_data_type(seed_000_body: dict[str, Any]) -> None:
    props = xdm.resolve(seed_000_body, none)["properties"]
    assert props["homeAddress"]["title"] == "Home address"
    assert props["homeAddress"]["meta:referencedFrom"] == "https://ns.adobe.com/xdm/common/address"
    assert props["homeAddress"]["meta:xdmField"] == "xdm:homeAddress"
    # address composes geo (with schema.org coordinates) and the audit trail
    assert props["homeAddress"]["properties"]["_schema"]["properties"]["latitude"]["minimum"] == -90
    assert "city" in props["homeAddress"]["properties"]
    assert "street1" in props["homeAddress"]["properties"]


def test_seed_003_merges_the_duplicate_field_group_once(seed_003_body: dict[str, Any]) -> None:
    once = dict(seed_003_body, allOf=seed_003_body["allOf"][:3])
    twice = xdm.resolve(seed_003_body, none)
    assert twice["properties"] == xdm.resolve(once, none)["properties"]
    assert list(twice["properties"]).count("personalEmail") == 1
    assert "workEmail" not in twice["properties"]
    assert "mobilePhone" in twice["properties"]


def test_notext_drops_titles_and_descriptions_everywhere(seed_000_body: dict[str, Any]) -> None:
    resolved = xdm.resolve(seed_000_body, none, keep_text=False)
    text = json.dumps(resolved)
    assert '"title"' not in text
    assert '"description": "' not in text
    # a field *named* description survives; only the keyword goes
    latitude = resolved["properties"]["homeAddress"]["properties"]["_schema"]["properties"]
    assert set(latitude) == {"description", "latitude", "longitude", "elevation"}
    assert latitude["description"]["type"] == "string"
    first = resolved["properties"]["person"]["properties"]["name"]["properties"]["firstName"]
    assert first == {"type": "string", "meta:xdmType": "string", "meta:xdmField": "xdm:firstName"}


def test_strip_text_on_a_raw_resource() -> None:
    raw = xdm.standard_resources()[CTX + "person"]
    stripped = xdm.strip_text(raw)
    assert "title" not in stripped
    assert "title" not in stripped["definitions"]["person"]["properties"]["birthDate"]
    assert stripped["allOf"] == raw["allOf"]
    assert raw["title"] == "Person"


def test_unknown_ref_is_a_bad_request() -> None:
    body = {
        "type": "object",
        "title": "X",
        "allOf": [{"$ref": CTX + "profile"}, {"$ref": "https://ns.adobe.com/acme/mixins/missing"}],
    }
    with pytest.raises(BadRequest) as caught:
        xdm.resolve(body, none)
    assert "https://ns.adobe.com/acme/mixins/missing" in caught.value.message
    assert caught.value.code == "1002"
    assert caught.value.status == 400


def test_unknown_local_definition_is_a_bad_request() -> None:
    body = {
        "type": "object",
        "title": "X",
        "definitions": {},
        "allOf": [{"$ref": "#/definitions/nope"}],
    }
    with pytest.raises(BadRequest, match="#/definitions/nope"):
        xdm.resolve(body, none)


def test_circular_data_types_are_refused() -> None:
    loop = {
        "$id": "https://ns.adobe.com/acme/datatypes/loop",
        "type": "object",
        "title": "Loop",
        "properties": {
            "again": {"title": "Again", "$ref": "https://ns.adobe.com/acme/datatypes/loop"}
        },
    }
    with pytest.raises(BadRequest, match="Circular reference"):
        xdm.resolve(loop, {loop["$id"]: loop}.get)


def test_tenant_field_group_and_data_type_resolve(seed_000_body: dict[str, Any]) -> None:
    tenant = tenant_lookup()
    body = dict(seed_000_body, allOf=[*seed_000_body["allOf"], {"$ref": TENANT_FG}])
    acme = xdm.resolve(body, tenant.get)["properties"]["_acme"]
    assert acme["properties"]["points"]["meta:xdmType"] == "int"  # filled in like the registry
    tier = acme["properties"]["tier"]
    assert tier["title"] == "Member tier"
    assert tier["meta:referencedFrom"] == TENANT_DT
    assert tier["properties"]["code"]["enum"] == ["gold", "silver"]
    assert tier["properties"]["since"]["meta:xdmType"] == "date"


def test_resolving_a_field_group_alone() -> None:
    resolved = xdm.resolve(xdm.standard_resources()[CTX + "profile-work-details"], none)
    assert set(resolved["properties"]) == {"workAddress", "workEmail", "workPhone", "organizations"}
    assert resolved["meta:intendedToExtend"] == [CTX + "profile"]
    assert resolved["properties"]["organizations"]["items"]["type"] == "string"


def test_experience_event_carries_required_fields() -> None:
    body = {"type": "object", "title": "Events", "allOf": [{"$ref": CTX + "experienceevent"}]}
    resolved = xdm.resolve(body, none)
    assert resolved["required"] == ["_id", "timestamp"]
    assert resolved["properties"]["timestamp"]["format"] == "date-time"
    assert "identityMap" in resolved["properties"]


def test_array_data_type_resolves_its_items() -> None:
    people = {
        "$id": "https://ns.adobe.com/acme/datatypes/people",
        "type": "array",
        "title": "People",
        "items": {"$ref": CTX + "person-name"},
    }
    resolved = xdm.resolve(people, none)
    assert "properties" not in resolved
    assert resolved["items"]["meta:referencedFrom"] == CTX + "person-name"
    assert resolved["items"]["properties"]["firstName"]["type"] == "string"
