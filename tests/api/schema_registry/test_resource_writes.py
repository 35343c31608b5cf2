"""PATCH, PUT and DELETE of tenant resources; version bumps and what deletion refuses."""

from __future__ import annotations

import pytest

from headwater import clock
from headwater.store import Dataset, Scope, stamp

from .helpers import (
    BASE,
    CTX,
    PROFILE,
    XED_FULL,
    create,
    enc,
    field_group_body,
    lookup,
    seed_000_body,
    seed_003_body,
)

WORK = CTX + "profile-work-details"


def _path(doc, segment="schemas"):
    return f"{BASE}/tenant/{segment}/{enc(doc['$id'])}"


def test_patch_adding_a_field_group_bumps_the_minor_version(tenant):
    doc = create(tenant, "schemas", seed_003_body())
    ops = [
        {"op": "add", "path": "/meta:extends/-", "value": WORK},
        {"op": "add", "path": "/allOf/-", "value": {"$ref": WORK}},
    ]
    reply = tenant.request("PATCH", _path(doc), json=ops)
    assert reply.status_code == 200, reply.text
    patched = reply.json()
    assert patched["version"] == "1.1"
    assert patched["allOf"][-1] == {"$ref": WORK, "type": "object", "meta:xdmType": "object"}
    assert WORK in patched["refs"]
    assert WORK in patched["meta:extends"]
    assert patched["$id"] == doc["$id"]
    metadata, before = patched["meta:registryMetadata"], doc["meta:registryMetadata"]
    assert metadata["repo:createdDate"] == before["repo:createdDate"]
    assert metadata["eTag"] != before["eTag"]
    full = lookup(tenant, "schemas", doc["$id"], XED_FULL).json()
    assert "workAddress" in full["properties"]
    again = tenant.request(
        "PATCH", _path(doc), json=[{"op": "replace", "path": "/description", "value": "second"}]
    )
    assert again.json()["version"] == "1.2"


def test_patch_enabling_profile_and_tags_are_immutable(tenant, schema):
    reply = tenant.request(
        "PATCH",
        _path(schema),
        json=[{"op": "add", "path": "/meta:immutableTags", "value": ["union"]}],
    )
    assert reply.status_code == 200, reply.text
    assert reply.json()["meta:immutableTags"] == ["union"]
    removed = tenant.request(
        "PATCH", _path(schema), json=[{"op": "remove", "path": "/meta:immutableTags"}]
    )
    assert removed.status_code == 400
    assert "immutableTags" in removed.json()["detail"]


def test_patch_errors_are_400(tenant, schema):
    bad_path = tenant.request(
        "PATCH", _path(schema), json=[{"op": "remove", "path": "/nothing/here"}]
    )
    assert bad_path.status_code == 400
    unknown = tenant.request(
        "PATCH",
        _path(schema),
        json=[{"op": "add", "path": "/allOf/-", "value": {"$ref": CTX + "nope"}}],
    )
    assert unknown.status_code == 400
    assert CTX + "nope" in unknown.json()["detail"]
    assert lookup(tenant, "schemas", schema["$id"]).json()["version"] == "1.0"


def test_put_replaces_the_schema(tenant, schema):
    # SDKs GET the raw schema, edit it and PUT it back whole, server fields included.
    current = lookup(tenant, "schemas", schema["$id"]).json()
    current["allOf"] = current["allOf"][:2]
    current["title"] = "Renamed"
    reply = tenant.request("PUT", _path(schema), json=current)
    assert reply.status_code == 200, reply.text
    doc = reply.json()
    assert doc["version"] == "1.1"
    assert doc["title"] == "Renamed"
    assert doc["refs"] == [PROFILE, CTX + "profile-person-details"]
    assert CTX + "identitymap" not in doc["meta:extends"]
    assert lookup(tenant, "schemas", schema["meta:altId"]).json() == doc


def test_put_cannot_change_the_class_or_take_a_used_title(tenant, schema):
    other = create(tenant, "schemas", seed_003_body())
    event = {"title": "Events", "type": "object", "allOf": [{"$ref": CTX + "experienceevent"}]}
    changed = tenant.request("PUT", _path(schema), json=event)
    assert changed.status_code == 400
    assert "class" in changed.json()["detail"]
    clash = tenant.request("PUT", _path(other), json=seed_000_body())
    assert clash.status_code == 400
    assert clash.json()["type"].endswith("XDM-3005-400")


def test_delete_then_404(tenant, schema):
    reply = tenant.request("DELETE", _path(schema))
    assert reply.status_code == 204
    assert reply.content == b""
    assert lookup(tenant, "schemas", schema["$id"]).status_code == 404
    assert tenant.request("DELETE", _path(schema)).status_code == 404
    # the title is free again
    create(tenant, "schemas", seed_000_body())


def test_delete_refuses_a_schema_used_by_a_dataset(tenant, schema, db):
    scope = Scope(tenant.org_id, schema["meta:sandboxId"], "prod", tenant.client_id)
    with db.transaction() as session:
        dataset = Dataset(
            id="5e7439b1ad55a618ad4c5102", name="Leads", schema_id=schema["$id"], body={}
        )
        stamp(dataset, scope, now=clock.now_ms(), etag='"1"')
        session.add(dataset)
    reply = tenant.request("DELETE", _path(schema))
    assert reply.status_code == 409
    assert "5e7439b1ad55a618ad4c5102" in reply.json()["detail"]
    assert lookup(tenant, "schemas", schema["$id"]).status_code == 200


def test_delete_refuses_a_field_group_a_schema_uses(tenant, tenant_id):
    group = create(tenant, "fieldgroups", field_group_body(tenant_id))
    body = seed_000_body()
    body["allOf"].append({"$ref": group["$id"]})
    user = create(tenant, "schemas", body)
    reply = tenant.request("DELETE", _path(group, "fieldgroups"))
    assert reply.status_code == 409
    assert user["$id"] in reply.json()["detail"]


@pytest.mark.parametrize("method", ["PUT", "PATCH", "DELETE"])
def test_global_resources_are_read_only(tenant, method):
    reply = tenant.request(method, f"{BASE}/global/classes/{enc(PROFILE)}", json=[])
    assert reply.status_code in (404, 405)
    missing = tenant.request(
        method,
        f"{BASE}/tenant/classes/{enc(PROFILE)}",
        json=[{"op": "add", "path": "/x", "value": 1}] if method == "PATCH" else {"title": "x"},
    )
    assert missing.status_code == 404
