"""Listings: Accept forms, property filters, orderby, start/limit pages, global container."""

from __future__ import annotations

import pytest

from .helpers import BASE, PROFILE, XED_LIST, create, field_group_body, seed_000_body

TITLES = ["Delta", "alpha", "Charlie", "Bravo", "Echo"]


@pytest.fixture
def schemas(tenant):
    return [create(tenant, "schemas", seed_000_body(title)) for title in TITLES]


def _list(tenant, path="/tenant/schemas", accept=None, **params):
    headers = {"Accept": accept} if accept else {}
    reply = tenant.request("GET", BASE + path, params=params, headers=headers)
    assert reply.status_code == 200, reply.text
    return reply.json()


def test_id_listing_shape(tenant, schemas):
    body = _list(tenant, accept="application/vnd.adobe.xed-id+json")
    assert {r["title"] for r in body["results"]} == set(TITLES)
    for result in body["results"]:
        assert set(result) == {"$id", "meta:altId", "version", "title"}
    assert body["_page"] == {"orderby": "title", "next": None, "count": 5}
    assert body["_links"]["next"] is None
    assert body["_links"]["global_schemas"]["href"].endswith(
        "/data/foundation/schemaregistry/global/schemas"
    )


def test_missing_accept_lists_ids_and_full_accept_lists_resources(tenant, schemas):
    assert set(_list(tenant)["results"][0]) == {"$id", "meta:altId", "version", "title"}
    full = _list(tenant, accept=XED_LIST)["results"]
    assert {r["$id"]: r for r in full} == {s["$id"]: s for s in schemas}


def test_orderby_ascending_and_descending(tenant, schemas):
    ascending = [r["title"] for r in _list(tenant, orderby="title")["results"]]
    assert ascending == sorted(TITLES)
    descending = _list(tenant, orderby="-title")
    assert [r["title"] for r in descending["results"]] == sorted(TITLES, reverse=True)
    assert descending["_page"]["orderby"] == "-title"


def test_limit_and_start_page_through(tenant, schemas):
    first = _list(tenant, orderby="title", limit=2)
    assert [r["title"] for r in first["results"]] == ["Bravo", "Charlie"]
    assert first["_page"]["next"] == "Charlie"
    assert "start=Charlie" in first["_links"]["next"]
    second = _list(tenant, orderby="title", limit=2, start=first["_page"]["next"])
    assert [r["title"] for r in second["results"]] == ["Delta", "Echo"]
    third = _list(tenant, orderby="title", limit=2, start=second["_page"]["next"])
    assert [r["title"] for r in third["results"]] == ["alpha"]
    assert third["_page"]["next"] is None


def test_property_filters(tenant, schemas):
    def titles(*props):
        return sorted(r["title"] for r in _list(tenant, property=list(props))["results"])

    assert titles("title==Echo") == ["Echo"]
    assert titles("title!=Echo") == sorted(set(TITLES) - {"Echo"})
    assert titles("title~^[A-C]") == ["Bravo", "Charlie"]
    assert titles("title>Charlie") == ["Delta", "Echo", "alpha"]
    assert titles("title<=Bravo") == ["Bravo"]
    assert titles("meta:class==" + PROFILE) == sorted(TITLES)
    assert titles("meta:extends!=https://ns.adobe.com/xdm/data/adhoc") == sorted(TITLES)
    assert titles("meta:immutableTags") == []
    assert titles("title~^[A-C]", "title!=Bravo") == ["Charlie"]
    assert titles("title~^[A-C],title!=Bravo") == ["Charlie"]


def test_invalid_parameters_are_400(tenant):
    assert tenant.request("GET", f"{BASE}/tenant/schemas", params={"limit": 501}).status_code == 400
    unknown = tenant.request("GET", f"{BASE}/tenant/schemas", params={"sort": "title"})
    assert unknown.status_code == 400
    bad_regex = tenant.request("GET", f"{BASE}/tenant/schemas", params={"property": "title~("})
    assert bad_regex.status_code == 400


def test_global_listings_serve_the_bundled_library(tenant):
    classes = _list(tenant, "/global/classes")["results"]
    assert PROFILE in {r["$id"] for r in classes}
    groups = _list(tenant, "/global/fieldgroups", property=f"meta:intendedToExtend=={PROFILE}")[
        "results"
    ]
    assert groups
    assert all(r["meta:altId"].startswith("_xdm.") for r in groups)
    assert _list(tenant, "/global/schemas")["results"] == []


def test_sdk_style_listing_with_trailing_slash_and_limit_alone(tenant, tenant_id):
    create(tenant, "fieldgroups", field_group_body(tenant_id))
    body = _list(
        tenant, "/tenant/fieldgroups/", accept="application/vnd.adobe.xdm-id+json", limit=300
    )
    assert [r["title"] for r in body["results"]] == ["Loyalty Details"]
    assert _list(tenant, "/global/behaviors", accept=XED_LIST)["results"]
