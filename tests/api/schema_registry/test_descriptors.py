"""Descriptors: create, list in each Accept form, look up, replace, delete, and their rules."""

from __future__ import annotations

import re

import pytest

from .helpers import BASE, create, enc, seed_003_body

DESCRIPTORS = f"{BASE}/tenant/descriptors"


def _identity(schema, path="/personalEmail/address", primary=True, namespace="Email"):
    return {
        "@type": "xdm:descriptorIdentity",
        "xdm:sourceSchema": schema["$id"],
        "xdm:sourceVersion": 1,
        "xdm:sourceProperty": path,
        "xdm:namespace": namespace,
        "xdm:property": "xdm:code",
        "xdm:isPrimary": primary,
    }


def _post(tenant, body):
    return tenant.request("POST", DESCRIPTORS, json=body)


def test_create_returns_the_full_descriptor(tenant, schema):
    reply = _post(tenant, _identity(schema))
    assert reply.status_code == 201, reply.text
    doc = reply.json()
    assert re.fullmatch(r"[0-9a-f]{40}", doc["@id"])
    assert doc["@type"] == "xdm:descriptorIdentity"
    assert doc["xdm:sourceProperty"] == "/personalEmail/address"
    assert doc["xdm:isPrimary"] is True
    assert (doc["imsOrg"], doc["version"], doc["meta:containerId"]) == (
        tenant.org_id,
        "1",
        "tenant",
    )
    assert doc["meta:sandboxId"] == schema["meta:sandboxId"]
    assert "eTag" in doc["meta:registryMetadata"]
    # lookups need no Accept header
    got = tenant.request("GET", f"{DESCRIPTORS}/{doc['@id']}")
    assert got.status_code == 200
    assert got.json() == doc


def test_only_one_primary_identity_per_schema(tenant, schema):
    assert _post(tenant, _identity(schema)).status_code == 201
    second = _post(tenant, _identity(schema, "/mobilePhone/number", namespace="Phone"))
    assert second.status_code == 400
    assert "primary identity" in second.json()["detail"]
    secondary = _post(tenant, _identity(schema, "/mobilePhone/number", False, "Phone"))
    assert secondary.status_code == 201
    # another schema has its own primary
    other = create(tenant, "schemas", seed_003_body())
    assert _post(tenant, _identity(other)).status_code == 201


@pytest.mark.parametrize(
    ("change", "words"),
    [
        ({"@type": "xdm:descriptorNonsense"}, "@type"),
        ({"xdm:sourceProperty": "/person/name/nickname"}, "not a field"),
        ({"xdm:sourceProperty": "person/name/firstName"}, "starting with '/'"),
        ({"xdm:sourceSchema": "https://ns.adobe.com/xdm/context/profile"}, "does not exist"),
        ({"xdm:namespace": ""}, "xdm:namespace"),
    ],
)
def test_invalid_descriptors_are_400(tenant, schema, change, words):
    reply = _post(tenant, {**_identity(schema), **change})
    assert reply.status_code == 400
    assert words in reply.json()["detail"]


def test_listing_forms(tenant, schema):
    identity = _post(tenant, _identity(schema)).json()
    friendly = _post(
        tenant,
        {
            "@type": "xdm:alternateDisplayInfo",
            "xdm:sourceSchema": schema["$id"],
            "xdm:sourceVersion": 1,
            "xdm:sourceProperty": "/person/name/firstName",
            "xdm:title": {"en_us": "Given name"},
        },
    ).json()
    ids = tenant.request(
        "GET", DESCRIPTORS, headers={"Accept": "application/vnd.adobe.xdm-id+json"}
    )
    assert ids.json() == {
        "xdm:descriptorIdentity": [identity["@id"]],
        "xdm:alternateDisplayInfo": [friendly["@id"]],
    }
    links = tenant.request(
        "GET", DESCRIPTORS, headers={"Accept": "application/vnd.adobe.xdm-link+json"}
    ).json()
    assert links["xdm:descriptorIdentity"] == [f"/tenant/descriptors/{identity['@id']}"]
    full = tenant.request(
        "GET", DESCRIPTORS, headers={"Accept": "application/vnd.adobe.xdm+json"}
    ).json()
    assert full["xdm:alternateDisplayInfo"] == [friendly]
    paged = tenant.request(
        "GET",
        DESCRIPTORS,
        params={"property": "@type==xdm:descriptorIdentity"},
        headers={"Accept": "application/vnd.adobe.xdm-v2+json"},
    ).json()
    assert paged["results"] == [identity]
    assert paged["_page"] == {"count": 1, "next": None}


def test_put_replaces_and_answers_201_with_the_id(tenant, schema):
    doc = _post(tenant, _identity(schema)).json()
    changed = {**_identity(schema), "xdm:namespace": "ECID"}
    reply = tenant.request("PUT", f"{DESCRIPTORS}/{doc['@id']}", json=changed)
    assert reply.status_code == 201
    assert reply.json() == {"@id": doc["@id"]}
    got = tenant.request("GET", f"{DESCRIPTORS}/{doc['@id']}").json()
    assert got["xdm:namespace"] == "ECID"
    # replacing the primary with itself is not a second primary
    assert got["xdm:isPrimary"] is True


def test_delete_then_404(tenant, schema):
    doc = _post(tenant, _identity(schema)).json()
    assert tenant.request("DELETE", f"{DESCRIPTORS}/{doc['@id']}").status_code == 204
    assert tenant.request("GET", f"{DESCRIPTORS}/{doc['@id']}").status_code == 404
    assert tenant.request("DELETE", f"{DESCRIPTORS}/{doc['@id']}").status_code == 404


def test_deleting_a_schema_removes_its_descriptors(tenant, schema):
    doc = _post(tenant, _identity(schema)).json()
    deleted = tenant.request("DELETE", f"{BASE}/tenant/schemas/{enc(schema['$id'])}")
    assert deleted.status_code == 204
    assert tenant.request("GET", f"{DESCRIPTORS}/{doc['@id']}").status_code == 404
