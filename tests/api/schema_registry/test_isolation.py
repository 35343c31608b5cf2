"""Another org, or another sandbox of the same org, sees none of a tenant's resources."""

from __future__ import annotations

import pytest

from headwater.services import tenancy

from .helpers import BASE, XED_FULL, create, enc, field_group_body, lookup, seed_000_body


@pytest.fixture
def dev(tenant, db):
    tenancy.create_sandbox(db, tenant.org_id, "dev")
    return tenant.in_sandbox("dev")


@pytest.fixture(params=["other_org", "other_sandbox"])
def outsider(request, other_tenant, dev):
    return other_tenant if request.param == "other_org" else dev


def test_outsiders_get_404_for_the_same_id(outsider, schema):
    for ident in (schema["$id"], schema["meta:altId"]):
        reply = lookup(outsider, "schemas", ident, XED_FULL)
        assert reply.status_code == 404
        assert reply.json()["type"] == "http://ns.adobe.com/aep/errors/XDM-1012-404"
    path = f"{BASE}/tenant/schemas/{enc(schema['$id'])}"
    assert outsider.request("PUT", path, json=seed_000_body("x")).status_code == 404
    assert (
        outsider.request(
            "PATCH", path, json=[{"op": "replace", "path": "/title", "value": "x"}]
        ).status_code
        == 404
    )
    assert outsider.request("DELETE", path).status_code == 404


def test_outsiders_list_and_count_nothing(outsider, schema):
    assert outsider.request("GET", f"{BASE}/tenant/schemas").json()["results"] == []
    assert outsider.request("GET", f"{BASE}/stats").json()["counts"]["schemas"] == 0


def test_outsiders_cannot_reference_a_tenant_field_group(tenant, tenant_id, outsider):
    group = create(tenant, "fieldgroups", field_group_body(tenant_id))
    body = seed_000_body()
    body["allOf"].append({"$ref": group["$id"]})
    reply = outsider.request("POST", f"{BASE}/tenant/schemas", json=body)
    assert reply.status_code == 400
    assert group["$id"] in reply.json()["detail"]


def test_outsiders_cannot_describe_or_see_descriptors(tenant, schema, outsider):
    descriptor = {
        "@type": "xdm:descriptorIdentity",
        "xdm:sourceSchema": schema["$id"],
        "xdm:sourceVersion": 1,
        "xdm:sourceProperty": "/personalEmail/address",
        "xdm:namespace": "Email",
        "xdm:isPrimary": True,
    }
    doc = tenant.request("POST", f"{BASE}/tenant/descriptors", json=descriptor).json()
    refused = outsider.request("POST", f"{BASE}/tenant/descriptors", json=descriptor)
    assert refused.status_code == 400
    assert outsider.request("GET", f"{BASE}/tenant/descriptors/{doc['@id']}").status_code == 404
    assert outsider.request("GET", f"{BASE}/tenant/descriptors").json() == {}


def test_the_same_title_is_free_in_another_sandbox(dev, schema):
    other = create(dev, "schemas", seed_000_body())
    assert other["$id"] != schema["$id"]
    assert other["meta:sandboxType"] == "development"
