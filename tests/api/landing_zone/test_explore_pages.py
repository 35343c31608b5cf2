"""Landing-zone explore listings come a page at a time, with a ``Link`` to the next page."""

from __future__ import annotations

from typing import Any
from urllib.parse import parse_qs, urlsplit

from .conftest import EXPLORE, problem_code, upload


def next_query(reply: Any) -> dict[str, str] | None:
    link = reply.headers.get("link")
    if link is None:
        return None
    assert link.endswith('>; rel="next"')
    url = urlsplit(link[1 : link.index(">")])
    assert url.path == EXPLORE
    return {k: v[0] for k, v in parse_qs(url.query).items()}


def test_root_and_folders_are_paged(tenant: Any) -> None:
    for name in ("c.csv", "a.csv", "e.csv", "b/x.csv", "d/y.csv"):
        upload(tenant, name, b"h\n1\n")
    query: dict[str, str] | None = {"objectType": "root", "limit": "2"}
    pages: list[list[str]] = []
    while query is not None:
        reply = tenant.request("GET", EXPLORE, params=query)
        assert reply.status_code == 200, reply.text
        pages.append([item["name"] for item in reply.json()])
        query = next_query(reply)
    assert pages == [["a.csv", "b"], ["c.csv", "d"], ["e.csv"]]
    whole = tenant.request("GET", EXPLORE, params={"objectType": "root"})
    assert "link" not in whole.headers and len(whole.json()) == 5


def test_bad_limits_and_tokens_are_refused(tenant: Any) -> None:
    for params in ({"limit": "0"}, {"limit": "100000"}, {"continuationToken": "%%%"}):
        reply = tenant.request("GET", EXPLORE, params={"objectType": "root", **params})
        assert reply.status_code == 400, reply.text
        assert problem_code(reply) == "1451"
