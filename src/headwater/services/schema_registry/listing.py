"""Listing registry resources: filters, ``orderby``, ``start``/``limit`` pages (reference §3.4)."""

from __future__ import annotations

import functools
from dataclasses import dataclass, field
from typing import Any, Literal
from urllib.parse import urlencode

from headwater.services.schema_registry import filters
from headwater.services.schema_registry.repository import global_docs, tenant_rows
from headwater.store import Database, Scope

MAX_RESULTS = 300
SUMMARY_KEYS = ("$id", "meta:altId", "version", "title")


@dataclass(frozen=True)
class ListQuery:
    """The listing parameters as the client sent them."""

    properties: tuple[str, ...] = ()
    orderby: str | None = None
    start: str | None = None
    limit: int | None = None
    extra_links: dict[str, Any] = field(default_factory=dict)


def list_resources(
    db: Database,
    scope: Scope,
    container: str,
    kind: str,
    query: ListQuery,
    style: Literal["id", "full"],
    *,
    base_url: str,
) -> dict[str, Any]:
    """``{results, _page, _links}`` for the resources of ``kind`` in ``container``."""
    if container == "global":
        docs = global_docs(kind)
    else:
        with db.transaction() as session:
            docs = [row.body for row in tenant_rows(session, scope, kind)]
    return page_of(docs, query, style, base_url=base_url)


def page_of(
    docs: list[dict[str, Any]], query: ListQuery, style: Literal["id", "full"], *, base_url: str
) -> dict[str, Any]:
    """One page of ``docs`` as the registry's listing envelope."""
    selected = filters.apply(docs, filters.parse_conditions(query.properties))
    keys = _order_keys(query.orderby)
    selected = _sorted(selected, keys)
    primary, descending = keys[0]
    if query.start is not None:
        selected = [d for d in selected if _after(_key(d, primary), query.start, descending)]
    page, more = _cut(selected, primary, _limit(query.limit))
    next_start = _key(page[-1], primary) if more and page else None
    results = [summary(d) for d in page] if style == "id" else page
    links: dict[str, Any] = {"next": _next_href(base_url, query, next_start)}
    links.update(query.extra_links)
    return {
        "results": results,
        "_page": {"orderby": query.orderby or "title", "next": next_start, "count": len(results)},
        "_links": links,
    }


def summary(doc: dict[str, Any]) -> dict[str, Any]:
    return {key: doc.get(key) for key in SUMMARY_KEYS}


def _order_keys(orderby: str | None) -> list[tuple[str, bool]]:
    names = [n.strip() for n in (orderby or "title").split(",") if n.strip()] or ["title"]
    return [(n.lstrip("-+"), n.startswith("-")) for n in names]


def _sorted(docs: list[dict[str, Any]], keys: list[tuple[str, bool]]) -> list[dict[str, Any]]:
    out = list(docs)
    for name, descending in reversed(keys):  # stable sorts: least significant key first
        out.sort(key=functools.partial(_key, name=name), reverse=descending)
    return out


def _key(doc: dict[str, Any], name: str) -> str:
    value = doc.get(name)
    return "" if value is None else str(value)


def _after(value: str, start: str, descending: bool) -> bool:
    return value < start if descending else value > start


def _limit(limit: int | None) -> int:
    return MAX_RESULTS if not limit else min(limit, MAX_RESULTS)


def _cut(docs: list[dict[str, Any]], primary: str, limit: int) -> tuple[list[dict[str, Any]], bool]:
    # ``start`` skips everything up to and including a key, so a page never splits a tie.
    if len(docs) <= limit:
        return docs, False
    end = limit
    last = _key(docs[end - 1], primary)
    while end < len(docs) and _key(docs[end], primary) == last:
        end += 1
    return docs[:end], end < len(docs)


def _next_href(base_url: str, query: ListQuery, next_start: str | None) -> str | None:
    if next_start is None:
        return None
    params: dict[str, Any] = {"orderby": query.orderby or "title", "start": next_start}
    if query.limit:
        params["limit"] = query.limit
    if query.properties:
        params["property"] = ",".join(query.properties)
    return f"{base_url}?{urlencode(params)}"
