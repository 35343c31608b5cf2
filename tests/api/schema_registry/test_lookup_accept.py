"""Looking resources up by encoded ``$id`` or ``meta:altId`` in every Accept form (§3.2)."""

from __future__ import annotations

import pytest

from .helpers import BASE, PROFILE, XED_FULL, enc, lookup


def _first_name(doc):
    return doc["properties"]["person"]["properties"]["name"]["properties"]["firstName"]


@pytest.mark.parametrize("by", ["$id", "meta:altId"])
def test_raw_lookup_by_id_or_alt_id(tenant, schema, by):
    reply = lookup(tenant, "schemas", schema[by])
    assert reply.status_code == 200
    doc = reply.json()
    assert doc["$id"] == schema["$id"]
    assert [p["$ref"] for p in doc["allOf"]] == [p["$ref"] for p in schema["allOf"]]
    assert "properties" not in doc


@pytest.mark.parametrize("by", ["$id", "meta:altId"])
def test_full_lookup_resolves_field_groups(tenant, schema, by):
    reply = lookup(tenant, "schemas", schema[by], XED_FULL)
    assert reply.status_code == 200
    doc = reply.json()
    assert _first_name(doc)["type"] == "string"
    assert _first_name(doc)["title"]
    assert "allOf" not in doc
    assert doc["$id"] == schema["$id"]
    assert "identityMap" in doc["properties"]


def test_notext_forms_drop_titles_and_descriptions(tenant, schema):
    raw = lookup(
        tenant, "schemas", schema["$id"], "application/vnd.adobe.xed-notext+json; version=1"
    ).json()
    assert "title" not in raw
    assert "description" not in raw
    assert raw["allOf"] == schema["allOf"]
    full = lookup(
        tenant, "schemas", schema["$id"], "application/vnd.adobe.xed-full-notext+json; version=1"
    ).json()
    assert "title" not in full
    assert "title" not in _first_name(full)
    assert _first_name(full)["type"] == "string"


def test_full_desc_form_carries_descriptors(tenant, schema):
    descriptor = {
        "@type": "xdm:descriptorIdentity",
        "xdm:sourceSchema": schema["$id"],
        "xdm:sourceVersion": 1,
        "xdm:sourceProperty": "/personalEmail/address",
        "xdm:namespace": "Email",
        "xdm:property": "xdm:code",
        "xdm:isPrimary": True,
    }
    created = tenant.request("POST", f"{BASE}/tenant/descriptors", json=descriptor).json()
    doc = lookup(
        tenant, "schemas", schema["$id"], "application/vnd.adobe.xed-full-desc+json; version=1"
    ).json()
    assert _first_name(doc)["type"] == "string"
    assert [d["@id"] for d in doc["meta:descriptors"]] == [created["@id"]]


def test_deprecatefield_form_marks_deprecated_fields(tenant, schema):
    descriptor = {
        "@type": "xdm:descriptorDeprecated",
        "xdm:sourceSchema": schema["$id"],
        "xdm:sourceVersion": 1,
        "xdm:sourceProperty": ["/person/name/middleName"],
    }
    reply = tenant.request("POST", f"{BASE}/tenant/descriptors", json=descriptor)
    assert reply.status_code == 201, reply.text
    doc = lookup(
        tenant, "schemas", schema["$id"], "application/vnd.adobe.xed-deprecatefield+json; version=1"
    ).json()
    names = doc["properties"]["person"]["properties"]["name"]["properties"]
    assert names["middleName"]["meta:status"] == "deprecated"
    assert "meta:status" not in names["firstName"]


def test_sdk_xdm_forms_are_accepted(tenant, schema):
    # aepp asks for "application/vnd.adobe.xdm-full+json; version=1" by default.
    accept = "application/vnd.adobe.xdm-full+json; version=1"
    reply = lookup(tenant, "schemas", schema["$id"], accept)
    assert reply.status_code == 200
    assert _first_name(reply.json())["type"] == "string"


def test_global_lookup_and_tenant_container_separation(tenant):
    reply = lookup(tenant, "classes", PROFILE, container="global")
    assert reply.status_code == 200
    assert reply.json()["meta:altId"] == "_xdm.context.profile"
    by_alt = lookup(tenant, "classes", "_xdm.context.profile", XED_FULL, container="global")
    assert by_alt.json()["properties"]["_repo"]
    assert lookup(tenant, "classes", PROFILE).status_code == 404
    assert lookup(tenant, "fieldgroups", PROFILE, container="global").status_code == 404


@pytest.mark.parametrize(
    "accept",
    [
        None,
        "application/vnd.adobe.xed+json",
        "application/vnd.adobe.xed-full+json",
        "application/json",
    ],
)
def test_lookup_without_version_is_1007(tenant, schema, accept):
    headers = {"Accept": accept} if accept else {}
    reply = tenant.request("GET", f"{BASE}/tenant/schemas/{enc(schema['$id'])}", headers=headers)
    assert reply.status_code == 400
    problem = reply.json()
    assert problem["type"] == "http://ns.adobe.com/aep/errors/XDM-1007-400"
    assert problem["title"] == "Accept header invalid"
    assert "Version should be specified" in problem["detail"]


@pytest.mark.parametrize(
    "accept",
    ["application/vnd.adobe.xed+json; version=1", "application/vnd.adobe.xed-full+json; version=1"],
)
def test_listing_with_a_versioned_accept_is_1006(tenant, accept):
    reply = tenant.request("GET", f"{BASE}/tenant/schemas", headers={"Accept": accept})
    assert reply.status_code == 400
    assert reply.json()["type"] == "http://ns.adobe.com/aep/errors/XDM-1006-400"


@pytest.mark.parametrize(
    "accept",
    [
        "text/csv",
        "application/vnd.adobe.xed-bogus+json; version=1",
        "application/vnd.adobe.xed+json; version=2",
    ],
)
def test_unknown_or_unavailable_forms_are_406(tenant, schema, accept):
    reply = lookup(tenant, "schemas", schema["$id"], accept)
    assert reply.status_code == 406
    assert reply.json()["type"].endswith("-406")


def test_descriptor_listing_with_xed_accept_is_1008(tenant):
    reply = tenant.request(
        "GET", f"{BASE}/tenant/descriptors", headers={"Accept": "application/vnd.adobe.xed+json"}
    )
    assert reply.status_code == 400
    assert reply.json()["type"] == "http://ns.adobe.com/aep/errors/XDM-1008-400"


def test_unknown_id_is_1012(tenant, tenant_id):
    missing = f"https://ns.adobe.com/{tenant_id}/schemas/{'0' * 48}"
    reply = lookup(tenant, "schemas", missing)
    assert reply.status_code == 404
    problem = reply.json()
    assert problem["type"] == "http://ns.adobe.com/aep/errors/XDM-1012-404"
    assert problem["detail"] == f"Requested resource {missing} with version 1 is not found"


def test_unknown_container_is_404(tenant, schema):
    assert lookup(tenant, "schemas", schema["$id"], container="other").status_code == 404
