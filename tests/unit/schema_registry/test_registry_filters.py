"""``property`` filter parsing and matching, and listing pages (reference §3.4)."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from headwater.errors import BadRequest
from headwater.services.schema_registry.filters import Condition, apply, parse_conditions
from headwater.services.schema_registry.listing import ListQuery, page_of

DOCS = [
    {"title": "A", "version": "1.0", "meta:extends": ["x", "y"], "n": 3},
    {"title": "B", "version": "1.2", "meta:extends": ["y"], "n": 10},
    {"title": "C", "version": "1.1", "n": 7, "meta:immutableTags": ["union"]},
]


@pytest.mark.parametrize(
    ("text", "condition"),
    [
        ("title==A", Condition("title", "==", "A")),
        (
            "meta:intendedToExtend==https://ns.adobe.com/xdm/context/profile",
            Condition("meta:intendedToExtend", "==", "https://ns.adobe.com/xdm/context/profile"),
        ),
        ("version>=1.1", Condition("version", ">=", "1.1")),
        ("title~^A|B$", Condition("title", "~", "^A|B$")),
        ("@type==xdm:descriptorIdentity", Condition("@type", "==", "xdm:descriptorIdentity")),
        ("meta:immutableTags", Condition("meta:immutableTags", None)),
    ],
)
def test_parse(text, condition):
    assert parse_conditions([text]) == [condition]


def test_commas_split_conditions_but_not_regexes():
    assert parse_conditions(["title==A,version<2"]) == [
        Condition("title", "==", "A"),
        Condition("version", "<", "2"),
    ]
    assert parse_conditions(["title~^(A,B)$"]) == [Condition("title", "~", "^(A,B)$")]


@pytest.mark.parametrize(
    ("text", "titles"),
    [
        ("meta:extends==y", ["A", "B"]),
        ("meta:extends!=x", ["B", "C"]),
        ("n>5", ["B", "C"]),
        ("n<=3", ["A"]),
        ("version~^1\\.[01]$", ["A", "C"]),
        ("meta:immutableTags", ["C"]),
    ],
)
def test_matching(text, titles):
    assert [d["title"] for d in apply(DOCS, parse_conditions([text]))] == titles


@pytest.mark.parametrize("text", ["==A", "title~(", "1bad==x"])
def test_invalid(text):
    with pytest.raises(BadRequest):
        parse_conditions([text])


def test_pages_never_split_ties():
    docs = [{"title": t} for t in ["a", "b", "b", "b", "c"]]
    first = page_of(docs, ListQuery(orderby="title", limit=2), "full", base_url="/x")
    assert [d["title"] for d in first["results"]] == ["a", "b", "b", "b"]
    assert first["_page"]["next"] == "b"
    rest = page_of(docs, ListQuery(orderby="title", limit=2, start="b"), "full", base_url="/x")
    assert [d["title"] for d in rest["results"]] == ["c"]


@given(
    st.lists(st.text(alphabet="abcdef", min_size=1, max_size=3), max_size=30),
    st.integers(min_value=1, max_value=7),
    st.booleans(),
)
def test_paging_visits_every_document_once(titles, limit, descending):
    docs = [{"title": t, "i": i} for i, t in enumerate(titles)]
    orderby = "-title" if descending else "title"
    seen, start = [], None
    for _ in range(len(docs) + 1):
        page = page_of(
            docs, ListQuery(orderby=orderby, limit=limit, start=start), "full", base_url="/x"
        )
        seen.extend(d["i"] for d in page["results"])
        start = page["_page"]["next"]
        if start is None:
            break
    assert sorted(seen) == list(range(len(docs)))
