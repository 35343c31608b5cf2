"""The schema-creation steps of the tutorial seeds, replayed and compared with their responses."""

from __future__ import annotations

import re

import pytest

from .helpers import (
    AUDITABLE,
    BASE,
    CTX,
    PROFILE,
    RECORD,
    SEED_000_GROUPS,
    create,
    seed_000_body,
    seed_003_body,
)

# Keys of the documented 201 bodies (seed 003 adds meta:globalLibVersion to the metadata).
SEED_KEYS = {
    "$id",
    "meta:altId",
    "meta:resourceType",
    "version",
    "title",
    "type",
    "description",
    "allOf",
    "refs",
    "imsOrg",
    "meta:extensible",
    "meta:abstract",
    "meta:extends",
    "meta:xdmType",
    "meta:registryMetadata",
    "meta:class",
    "meta:containerId",
    "meta:tenantNamespace",
}
METADATA_KEYS = {
    "repo:createdDate",
    "repo:lastModifiedDate",
    "xdm:createdClientId",
    "xdm:lastModifiedClientId",
    "xdm:createdUserId",
    "xdm:lastModifiedUserId",
    "eTag",
}


def _check_documented_shape(doc, tenant, tenant_id):
    assert set(doc) >= SEED_KEYS
    assert set(doc) - SEED_KEYS <= {"meta:sandboxId", "meta:sandboxType"}
    assert re.fullmatch(rf"https://ns\.adobe\.com/{tenant_id}/schemas/[0-9a-f]{{48}}", doc["$id"])
    digest = doc["$id"].rsplit("/", 1)[1]
    assert doc["meta:altId"] == f"_{tenant_id}.schemas.{digest}"
    assert doc["meta:resourceType"] == "schemas"
    assert doc["version"] == "1.0"
    assert doc["meta:class"] == PROFILE
    assert (doc["meta:abstract"], doc["meta:extensible"]) == (False, False)
    assert doc["meta:containerId"] == "tenant"
    assert doc["meta:tenantNamespace"] == f"_{tenant_id}"
    assert doc["meta:xdmType"] == "object"
    assert doc["imsOrg"] == tenant.org_id
    assert doc["meta:sandboxType"] == "production"
    metadata = doc["meta:registryMetadata"]
    assert set(metadata) >= METADATA_KEYS
    assert metadata["repo:createdDate"] == metadata["repo:lastModifiedDate"]
    assert metadata["xdm:createdClientId"] == tenant.client_id
    assert re.fullmatch(r"[0-9a-f]{64}", metadata["eTag"])


def test_seed_000_schema_matches_the_documented_response(tenant, tenant_id):
    doc = create(tenant, "schemas", seed_000_body())
    _check_documented_shape(doc, tenant, tenant_id)
    refs = [PROFILE, *SEED_000_GROUPS]
    assert doc["allOf"] == [{"$ref": r, "type": "object", "meta:xdmType": "object"} for r in refs]
    assert sorted(doc["refs"]) == sorted(refs)
    assert set(doc["meta:extends"]) == {*refs, RECORD, AUDITABLE}
    assert len(doc["meta:extends"]) == len(set(doc["meta:extends"]))
    assert doc["title"] == "Sample Demo Profile XDM 8d96a964"
    assert doc["description"] == ""


def test_seed_003_schema_keeps_a_repeated_field_group_once(tenant, tenant_id):
    doc = create(tenant, "schemas", seed_003_body())
    _check_documented_shape(doc, tenant, tenant_id)
    refs = [PROFILE, CTX + "profile-person-details", CTX + "profile-personal-details"]
    assert [part["$ref"] for part in doc["allOf"]] == refs
    assert all(part["type"] == part["meta:xdmType"] == "object" for part in doc["allOf"])
    assert sorted(doc["refs"]) == sorted(refs)
    assert set(doc["meta:extends"]) == {*refs, RECORD, AUDITABLE}


def test_created_schema_is_returned_unchanged_by_a_raw_lookup(tenant, schema):
    reply = tenant.request(
        "GET",
        f"{BASE}/tenant/schemas/{schema['meta:altId']}",
        headers={"Accept": "application/vnd.adobe.xed+json; version=1"},
    )
    assert reply.status_code == 200
    assert reply.json() == schema


def test_sdk_style_create_without_type_and_with_trailing_slash(tenant):
    # aepp's createProfileSchema posts to ".../tenant/schemas/" with only title/description/allOf.
    body = {
        "title": "SDK schema",
        "description": "",
        "allOf": [{"$ref": PROFILE, "type": "object", "meta:xdmType": "object"}],
    }
    reply = tenant.request("POST", f"{BASE}/tenant/schemas/", json=body)
    assert reply.status_code == 201, reply.text
    assert reply.json()["type"] == "object"


@pytest.mark.parametrize(
    "ref",
    [
        "https://ns.adobe.com/xdm/context/no-such-group",
        "https://ns.adobe.com/someoneelse/mixins/0123456789abcdef",
    ],
)
def test_unknown_reference_is_400(tenant, ref):
    body = seed_000_body()
    body["allOf"].append({"$ref": ref})
    reply = tenant.request("POST", f"{BASE}/tenant/schemas", json=body)
    assert reply.status_code == 400
    problem = reply.json()
    assert problem["type"].startswith("http://ns.adobe.com/aep/errors/XDM-")
    assert problem["type"].endswith("-400")
    assert ref in problem["detail"]


@pytest.mark.parametrize(
    ("mutate", "field"),
    [
        (lambda b: b.pop("title"), "title"),
        (lambda b: b.update(allOf=[{"$ref": CTX + "identitymap"}]), "class"),
        (lambda b: b.update(allOf=[{"$ref": PROFILE}, {"$ref": CTX + "experienceevent"}]), "class"),
        (
            lambda b: b["allOf"].append({"$ref": CTX + "experienceevent-environment-details"}),
            "does not extend",
        ),
    ],
)
def test_invalid_schema_bodies_are_400(tenant, mutate, field):
    body = seed_000_body()
    mutate(body)
    reply = tenant.request("POST", f"{BASE}/tenant/schemas", json=body)
    assert reply.status_code == 400, reply.text
    assert field in reply.json()["detail"]


def test_titles_are_unique_per_kind_in_a_sandbox(tenant, schema):
    reply = tenant.request("POST", f"{BASE}/tenant/schemas", json=seed_000_body())
    assert reply.status_code == 400
    problem = reply.json()
    assert problem["type"] == "http://ns.adobe.com/aep/errors/XDM-3005-400"
    assert "Title must be unique" in problem["detail"]
    assert schema["$id"] in problem["detail"]
