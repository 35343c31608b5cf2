"""GET /dataSets: the Catalog's listing conventions (reference §4.1)."""

from __future__ import annotations

import time

import pytest

from .helpers import CATALOG, create_dataset

LIST = f"{CATALOG}/dataSets"


@pytest.fixture
def three(tenant, schema_id):
    """Datasets alpha, beta, gamma, created in that order."""
    made = {}
    for name, tags in (
        ("alpha", {"team": ["red"]}),
        ("beta", {"team": ["blue"]}),
        ("gamma", {"other": ["x"]}),
    ):
        made[name] = create_dataset(
            tenant,
            schema_id,
            name,
            tags=tags,
            **({"description": "has one"} if name != "beta" else {}),
        )
        time.sleep(0.003)  # distinct "created" stamps
    return made


def _names(tenant, **params):
    reply = tenant.request("GET", LIST, params=params)
    assert reply.status_code == 200, reply.text
    return [doc.get("name") for doc in reply.json().values()]


def test_list_is_a_map_keyed_by_id(tenant, three):
    body = tenant.request("GET", LIST).json()
    assert set(body) == set(three.values())
    assert body[three["alpha"]]["name"] == "alpha"


def test_default_limit_is_20(tenant, schema_id):
    for i in range(21):
        create_dataset(tenant, schema_id, f"d{i:02}")
    assert len(tenant.request("GET", LIST).json()) == 20
    assert len(tenant.request("GET", LIST, params={"limit": 100}).json()) == 21


@pytest.mark.parametrize("limit", [0, 101, -1])
def test_limit_out_of_range_is_400(tenant, limit):
    reply = tenant.request("GET", LIST, params={"limit": limit})
    assert reply.status_code == 400
    assert "limit" in reply.json()["detail"]


def test_start_and_limit_page_through(tenant, three):
    order = {"orderBy": "asc:created"}
    assert _names(tenant, limit=2, **order) == ["alpha", "beta"]
    assert _names(tenant, limit=2, start=2, **order) == ["gamma"]
    assert _names(tenant, start=5, **order) == []
    assert tenant.request("GET", LIST, params={"start": -1}).status_code == 400


@pytest.mark.parametrize(
    ("order_by", "expected"),
    [
        ("asc:created", ["alpha", "beta", "gamma"]),
        ("desc:created", ["gamma", "beta", "alpha"]),
        ("created", ["alpha", "beta", "gamma"]),
        ("-created", ["gamma", "beta", "alpha"]),
        ("desc:name", ["gamma", "beta", "alpha"]),
        ("asc:description,desc:name", ["gamma", "alpha", "beta"]),  # missing values go last
    ],
)
def test_order_by(tenant, three, order_by, expected):
    assert _names(tenant, orderBy=order_by) == expected


def test_bad_order_by_is_400(tenant):
    assert tenant.request("GET", LIST, params={"orderBy": "sideways:name"}).status_code == 400


def test_properties_project_each_item(tenant, three):
    body = tenant.request("GET", LIST, params={"properties": "name,tags"}).json()
    assert body[three["beta"]] == {
        "name": "beta",
        "tags": {"team": ["blue"], "adobe/pqs/table": ["beta"]},
    }


@pytest.mark.parametrize(
    ("params", "expected"),
    [
        ({"name": "beta"}, ["beta"]),
        ({"name": "!beta"}, ["alpha", "gamma"]),
        ({"name": "alpha,gamma"}, ["alpha", "gamma"]),
        ({"name": "!alpha,gamma"}, ["beta"]),
        ({"name": "*a"}, ["alpha", "beta", "gamma"]),
        ({"name": "g*"}, ["gamma"]),
        ({"property": "name==beta"}, ["beta"]),
        ({"property": "name!=beta"}, ["alpha", "gamma"]),
        ({"property": "name~^[ab]"}, ["alpha", "beta"]),
        ({"property": "description"}, ["alpha", "gamma"]),
        ({"property": "!description"}, ["beta"]),
        ({"property": ["created>0", "name<beta"]}, ["alpha"]),
        ({"tags": "team:*"}, ["alpha", "beta"]),
        ({"tags": "team:red"}, ["alpha"]),
        ({"tags": "team:red,other:*"}, []),
    ],
)
def test_filters(tenant, three, params, expected):
    assert sorted(_names(tenant, **params)) == expected


def test_numeric_property_comparisons(tenant, three):
    created = tenant.request("GET", f"{LIST}/{three['beta']}").json()[three["beta"]]["created"]
    assert sorted(_names(tenant, property=f"created>={created}")) == ["beta", "gamma"]
    assert _names(tenant, property=f"created<{created}") == ["alpha"]
    assert _names(tenant, created=str(created)) == ["beta"]


@pytest.mark.parametrize("expression", ["name~(", "!name==x", "na me==x"])
def test_bad_property_filters_are_400(tenant, expression):
    assert tenant.request("GET", LIST, params={"property": expression}).status_code == 400


def test_unknown_query_parameters_are_refused(tenant):
    reply = tenant.request("GET", LIST, params={"colour": "red"})
    assert reply.status_code == 400
    assert "colour" in reply.json()["detail"]


def test_lists_never_show_other_orgs_or_sandboxes(tenant, other_tenant, three, db):
    from headwater.services import tenancy

    assert other_tenant.request("GET", LIST).json() == {}
    tenancy.create_sandbox(db, tenant.org_id, "dev")
    assert tenant.in_sandbox("dev").request("GET", LIST, params={"name": "alpha"}).json() == {}
