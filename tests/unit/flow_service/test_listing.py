"""The Flow Service listing language over plain documents."""

from __future__ import annotations

import pytest

from headwater.errors import BadRequest
from headwater.services.flow_service.listing import ListQuery, list_documents

FIELDS = frozenset(
    {"id", "name", "state", "createdAt", "sourceConnectionIds", "transformations", "lastRunDetails"}
)
DOCS = [
    {
        "id": "a",
        "name": "Alpha",
        "state": "enabled",
        "createdAt": 3,
        "sourceConnectionIds": ["s1"],
        "transformations": [{"name": "Mapping", "params": {"mappingId": "m1"}}],
        "lastRunDetails": {"startedAtUTC": 100},
    },
    {
        "id": "b",
        "name": "beta",
        "state": "disabled",
        "createdAt": 1,
        "sourceConnectionIds": ["s2", "s3"],
        "transformations": [],
        "lastRunDetails": {"startedAtUTC": 300},
    },
    {
        "id": "c",
        "name": "Gamma",
        "state": "enabled",
        "createdAt": 2,
        "sourceConnectionIds": [],
        "transformations": [{"name": "Mapping", "params": {"mappingId": "m2"}}],
    },
]


def ids(body):
    return [item["id"] for item in body["items"]]


def run(*properties, **kwargs):
    return list_documents(
        DOCS, ListQuery(properties=properties, **kwargs), fields=FIELDS, collection="flows"
    )


def test_default_order_is_creation():
    assert ids(run()) == ["b", "c", "a"]


@pytest.mark.parametrize(
    ("expr", "expected"),
    [
        ("state==enabled", ["c", "a"]),
        ("state!=enabled", ["b"]),
        ('name=="Alpha"', ["a"]),
        ("id==a,b", ["b", "a"]),
        ("id!=a,b", ["c"]),
        ("sourceConnectionIds[]==s3", ["b"]),
        ("sourceConnectionIds==s1", ["a"]),
        ("transformations[].params.mappingId==m2", ["c"]),
        ("lastRunDetails.startedAtUTC>=150", ["b"]),
        ("lastRunDetails.startedAtUTC<150", ["a"]),
        ("createdAt>1", ["c", "a"]),
    ],
)
def test_filters(expr, expected):
    assert ids(run(expr)) == expected


def test_filters_are_anded():
    assert ids(run("state==enabled", "createdAt<=2")) == ["c"]


@pytest.mark.parametrize(
    ("expr", "code"),
    [
        ("name~Al", "1440"),
        ("createdAt<=1,2", "1443"),
        ("id>=a", "1448"),
        ("nosuch==1", "1449"),
        ("name!>x", "1450"),
        ("createdAt==yesterday", "1452"),
        ("createdAt==", "1453"),
    ],
)
def test_filter_errors_carry_platform_codes(expr, code):
    with pytest.raises(BadRequest) as caught:
        run(expr)
    assert caught.value.code == code


def test_orderby_both_directions():
    assert ids(run(orderby="name")) == ["a", "b", "c"]
    assert ids(run(orderby="-name")) == ["c", "b", "a"]
    assert ids(run(orderby="+createdAt")) == ["b", "c", "a"]


def test_bad_orderby():
    with pytest.raises(BadRequest) as caught:
        run(orderby="-nosuch")
    assert caught.value.code == "1432"


def test_count_and_limit_conflict():
    assert run(count=True) == {"count": 3}
    assert run("state==enabled", count=True) == {"count": 2}
    with pytest.raises(BadRequest) as caught:
        run(count=True, limit=1)
    assert caught.value.code == "1401"


def test_pages_follow_continuation_tokens():
    first = run(limit=2)
    assert ids(first) == ["b", "c"]
    href = first["_links"]["next"]["href"]
    assert href.startswith("/flows?continuationToken=")
    token = href.split("=")[1].split("&")[0]
    second = run(limit=2, continuation_token=token)
    assert ids(second) == ["a"]
    assert second["_links"] == {}


def test_garbage_token_is_rejected():
    with pytest.raises(BadRequest):
        run(continuation_token="!!!")
