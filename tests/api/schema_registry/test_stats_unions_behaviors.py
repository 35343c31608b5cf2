"""``/stats``, union schemas and global behaviours."""

from __future__ import annotations

from .helpers import (
    BASE,
    PROFILE,
    RECORD,
    XED,
    XED_FULL,
    create,
    enc,
    field_group_body,
)


def test_stats_reports_the_tenant_and_its_resources(tenant, tenant_id, schema):
    create(tenant, "fieldgroups", field_group_body(tenant_id))
    stats = tenant.request("GET", f"{BASE}/stats").json()
    assert set(stats) == {
        "imsOrg",
        "tenantId",
        "counts",
        "recentlyCreatedResources",
        "recentlyUpdatedResources",
        "classUsage",
    }
    assert stats["imsOrg"] == tenant.org_id
    assert stats["tenantId"] == tenant_id
    assert stats["counts"] == {"schemas": 1, "mixins": 1, "datatypes": 0, "classes": 0, "unions": 0}
    assert stats["recentlyCreatedResources"][0]["title"] == "Loyalty Details"
    assert set(stats["recentlyCreatedResources"][0]) == {"$id", "meta:altId", "version", "title"}
    usage = stats["classUsage"]
    assert [(u["$id"], u["numberOfSchemas"]) for u in usage] == [(PROFILE, 1)]
    assert usage[0]["title"] == "XDM Individual Profile"
    assert usage[0]["schemas"][0]["$id"] == schema["$id"]


def test_stats_answers_with_a_trailing_slash(tenant):
    assert tenant.request("GET", f"{BASE}/stats/").status_code == 200


def test_unions_follow_profile_enabled_schemas(tenant, schema):
    assert tenant.request("GET", f"{BASE}/tenant/unions").json()["results"] == []
    tags = [{"op": "add", "path": "/meta:immutableTags", "value": ["union"]}]
    path = f"{BASE}/tenant/schemas/{enc(schema['$id'])}"
    assert tenant.request("PATCH", path, json=tags).status_code == 200
    listed = tenant.request("GET", f"{BASE}/tenant/unions").json()
    assert listed["results"] == [
        {
            "$id": PROFILE + "__union",
            "meta:altId": "_xdm.context.profile__union",
            "version": "1.0",
            "title": "XDM Individual Profile",
        }
    ]
    union = tenant.request(
        "GET", f"{BASE}/tenant/unions/{enc(PROFILE + '__union')}", headers={"Accept": XED_FULL}
    )
    assert union.status_code == 200
    assert "firstName" in union.json()["properties"]["person"]["properties"]["name"]["properties"]
    assert tenant.request("GET", f"{BASE}/stats").json()["counts"]["unions"] == 1


def test_behaviors(tenant):
    listed = tenant.request("GET", f"{BASE}/global/behaviors").json()["results"]
    assert RECORD in {r["$id"] for r in listed}
    reply = tenant.request(
        "GET",
        f"{BASE}/global/behaviors/{enc(RECORD)}",
        headers={"Accept": "application/vnd.adobe.xdm-full+json; version=1.0"},
    )
    assert reply.status_code == 200
    assert reply.json()["$id"] == RECORD
    raw = tenant.request(
        "GET", f"{BASE}/global/behaviors/_xdm.data.record", headers={"Accept": XED}
    )
    assert raw.json()["meta:resourceType"] == "behaviors"
