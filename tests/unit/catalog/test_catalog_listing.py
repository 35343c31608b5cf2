"""The Catalog's listing conventions as pure functions."""

from __future__ import annotations

import pytest

from headwater.errors import BadRequest
from headwater.services.catalog import dataset_body
from headwater.services.catalog.listing import (
    PageParams,
    page,
    parse_order,
    property_filter,
    simple_filter,
    tags_filter,
)

DOCS = [
    ("a", {"name": "alpha", "created": 3, "enabled": True, "tags": {"t": ["x", "y"]}}),
    ("b", {"name": "beta*", "created": 1, "enabled": False}),
    ("c", {"name": "gamma", "created": 2}),
]


@pytest.mark.parametrize(
    ("text", "keys"),
    [
        ("asc:created,desc:updated", [("created", False), ("updated", True)]),
        ("desc:created,updated", [("created", True), ("updated", False)]),
        ("-created", [("created", True)]),
        ("+created", [("created", False)]),
        (" created", [("created", False)]),  # "+" decoded as a space
        ("DESC:name", [("name", True)]),
        (None, []),
    ],
)
def test_parse_order(text, keys):
    assert parse_order(text) == keys


@pytest.mark.parametrize("text", ["up:created", "a b", "desc:"])
def test_parse_order_refuses_nonsense(text):
    with pytest.raises(BadRequest):
        parse_order(text)


def test_page_orders_slices_and_projects():
    params = PageParams(limit=2, start=0, order_by="desc:created", properties="name")
    assert page(DOCS, params) == {"a": {"name": "alpha"}, "c": {"name": "gamma"}}
    assert list(page(DOCS, PageParams(start=1, order_by="created"))) == ["c", "a"]


def test_missing_values_sort_last_in_both_directions():
    assert list(page(DOCS, PageParams(order_by="enabled"))) == ["b", "a", "c"]
    assert list(page(DOCS, PageParams(order_by="-enabled"))) == ["a", "b", "c"]


@pytest.mark.parametrize(
    ("expression", "matching"),
    [
        ("name==alpha", {"a"}),
        ("name!=alpha", {"b", "c"}),
        ("created>1", {"a", "c"}),
        ("created<=2", {"b", "c"}),
        ("name~^[ab]", {"a", "b"}),
        ("enabled", {"a", "b"}),
        ("!enabled", {"c"}),
        ("enabled==true", {"a"}),
        ("created>x", set()),
    ],
)
def test_property_filter(expression, matching):
    check = property_filter(expression)
    assert {key for key, doc in DOCS if check(doc)} == matching


@pytest.mark.parametrize(
    ("raw", "matching"),
    [
        ("alpha", {"a"}),
        ("!alpha", {"b", "c"}),
        ("alpha,gamma", {"a", "c"}),
        ("!alpha,gamma", {"b"}),
        ("*a", {"a", "c"}),
        ("beta**", {"b"}),
        ("beta", set()),
    ],
)
def test_simple_filter_with_wildcards(raw, matching):
    check = simple_filter("name", raw)
    assert {key for key, doc in DOCS if check(doc)} == matching


@pytest.mark.parametrize(
    ("raw", "matching"),
    [
        ("t:x", {"a"}),
        ("t:*", {"a"}),
        ("t:z", set()),
        ("t:x,t:y", {"a"}),
        ("u:*", set()),
    ],
)
def test_tags_filter(raw, matching):
    check = tags_filter(raw)
    assert {key for key, doc in DOCS if check(doc)} == matching


@pytest.mark.parametrize(("limit", "start"), [(0, 0), (101, 0), (5, -1)])
def test_page_bounds(limit, start):
    with pytest.raises(BadRequest):
        page(DOCS, PageParams(limit=limit, start=start))


@pytest.mark.parametrize(
    ("version", "bumped"), [("1.0.0", "1.0.1"), ("1.2.9", "1.2.10"), ("odd", "1.0.0")]
)
def test_dataset_versions_bump_the_patch_number(version, bumped):
    assert dataset_body.next_version(version) == bumped


@pytest.mark.parametrize(
    ("name", "table"), [("Leads Dataset 1", "leads_dataset_1"), ("--", "dataset"), ("Café", "caf")]
)
def test_table_names(name, table):
    assert dataset_body.table_name(name) == table
