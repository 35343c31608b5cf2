"""Tenant field groups, data types and classes, and their use in schemas."""

from __future__ import annotations

import re

from .helpers import (
    BASE,
    PROFILE,
    RECORD,
    XED_FULL,
    create,
    enc,
    field_group_body,
    lookup,
    seed_000_body,
)


def _address_type(title="Loyalty Address"):
    return {
        "type": "object",
        "title": title,
        "description": "Where rewards are sent",
        "properties": {
            "street": {"type": "string", "title": "Street"},
            "zip": {"type": "string", "title": "Zip"},
        },
    }


def test_field_group_create_and_use_in_a_schema(tenant, tenant_id):
    group = create(tenant, "fieldgroups", field_group_body(tenant_id))
    assert re.fullmatch(rf"https://ns\.adobe\.com/{tenant_id}/mixins/[0-9a-f]{{48}}", group["$id"])
    assert group["meta:altId"].startswith(f"_{tenant_id}.mixins.")
    assert group["meta:resourceType"] == "mixins"
    assert (group["meta:abstract"], group["meta:extensible"]) == (True, True)
    assert group["meta:intendedToExtend"] == [PROFILE]
    assert group["version"] == "1.0"
    body = seed_000_body("With loyalty")
    body["allOf"].append({"$ref": group["$id"]})
    schema = create(tenant, "schemas", body)
    assert group["$id"] in schema["refs"]
    assert group["$id"] in schema["meta:extends"]
    full = lookup(tenant, "schemas", schema["$id"], XED_FULL).json()
    custom = full["properties"][f"_{tenant_id}"]["properties"]
    assert custom["loyaltyId"]["type"] == "string"
    assert custom["points"]["type"] == "integer"


def test_mixins_alias_sees_the_same_field_groups(tenant, tenant_id):
    group = create(tenant, "mixins", field_group_body(tenant_id, "Via mixins"))
    assert lookup(tenant, "fieldgroups", group["$id"]).json() == group
    listed = tenant.request("GET", f"{BASE}/tenant/mixins").json()["results"]
    assert [r["$id"] for r in listed] == [group["$id"]]


def test_field_group_fields_must_sit_under_the_tenant_namespace(tenant, tenant_id):
    body = field_group_body(tenant_id)
    loyalty = body["definitions"]["loyalty"]["properties"]
    loyalty["loyaltyId"] = loyalty.pop(f"_{tenant_id}")
    reply = tenant.request("POST", f"{BASE}/tenant/fieldgroups", json=body)
    assert reply.status_code == 400
    assert f"_{tenant_id}" in reply.json()["detail"]


def test_data_type_create_and_reference_from_a_field_group(tenant, tenant_id):
    datatype = create(tenant, "datatypes", _address_type())
    assert datatype["$id"].startswith(f"https://ns.adobe.com/{tenant_id}/datatypes/")
    assert datatype["meta:resourceType"] == "datatypes"
    body = field_group_body(tenant_id, "Loyalty With Address")
    fields = body["definitions"]["loyalty"]["properties"][f"_{tenant_id}"]["properties"]
    fields["rewardAddress"] = {"title": "Reward address", "$ref": datatype["$id"]}
    group = create(tenant, "fieldgroups", body)
    assert datatype["$id"] in group["refs"]
    full = lookup(tenant, "fieldgroups", group["$id"], XED_FULL).json()
    address = full["properties"][f"_{tenant_id}"]["properties"]["rewardAddress"]
    assert address["properties"]["zip"]["type"] == "string"
    # a data type in use cannot be deleted
    used = tenant.request("DELETE", f"{BASE}/tenant/datatypes/{enc(datatype['$id'])}")
    assert used.status_code == 409


def test_data_type_patch_and_title_conflict(tenant):
    datatype = create(tenant, "datatypes", _address_type())
    path = f"{BASE}/tenant/datatypes/{enc(datatype['$id'])}"
    reply = tenant.request(
        "PATCH",
        path,
        json=[
            {"op": "add", "path": "/properties/city", "value": {"type": "string", "title": "City"}}
        ],
    )
    assert reply.status_code == 200, reply.text
    assert reply.json()["version"] == "1.1"
    assert "city" in reply.json()["properties"]
    clash = tenant.request("POST", f"{BASE}/tenant/datatypes", json=_address_type())
    assert clash.status_code == 400
    # the same title in another kind is fine
    create(tenant, "schemas", seed_000_body("Loyalty Address"))


def test_class_create_and_schema_on_a_tenant_class(tenant, tenant_id):
    cls = create(
        tenant,
        "classes",
        {
            "type": "object",
            "title": "Property",
            "description": "A hotel",
            "definitions": {
                "property": {
                    "properties": {
                        f"_{tenant_id}": {
                            "type": "object",
                            "properties": {"propertyId": {"type": "string"}},
                        }
                    }
                }
            },
            "allOf": [{"$ref": RECORD}, {"$ref": "#/definitions/property"}],
        },
    )
    assert cls["meta:resourceType"] == "classes"
    assert RECORD in cls["meta:extends"]
    schema = create(
        tenant, "schemas", {"type": "object", "title": "Hotels", "allOf": [{"$ref": cls["$id"]}]}
    )
    assert schema["meta:class"] == cls["$id"]
    full = lookup(tenant, "schemas", schema["$id"], XED_FULL).json()
    assert "propertyId" in full["properties"][f"_{tenant_id}"]["properties"]


def test_class_needs_a_behaviour(tenant):
    reply = tenant.request(
        "POST",
        f"{BASE}/tenant/classes",
        json={"type": "object", "title": "No behaviour", "allOf": []},
    )
    assert reply.status_code == 400
    assert "behavior" in reply.json()["detail"]
