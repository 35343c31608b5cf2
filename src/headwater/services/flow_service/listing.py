"""Listing Flow Service collections: filters, ordering, pages and counts (reference §2.2)."""

from __future__ import annotations

import base64
import binascii
import functools
import json
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urlencode

from headwater.errors import BadRequest
from headwater.services.flow_service.filters import parse_filter, values_at

DEFAULT_LIMIT = 100
MAX_LIMIT = 1000


@dataclass(frozen=True)
class ListQuery:
    """The listing parameters of a Flow Service collection, as the client sent them."""

    properties: tuple[str, ...] = ()
    orderby: str | None = None
    limit: int | None = None
    continuation_token: str | None = None
    count: bool = False
    extra: dict[str, str] = field(default_factory=dict)


def list_documents(
    documents: list[dict[str, Any]], query: ListQuery, *, fields: frozenset[str], collection: str
) -> dict[str, Any]:
    """The response body of a listing: ``{items, _links}`` or ``{count}``."""
    if query.count and query.limit is not None:
        raise BadRequest("limit and count cannot be used together", code="1401")
    filters = [parse_filter(expr, fields=fields) for expr in query.properties]
    selected = [doc for doc in documents if all(f.matches(doc) for f in filters)]
    if query.count:
        return {"count": len(selected)}
    selected = _ordered(selected, query.orderby, fields)
    limit = _limit(query.limit)
    offset = _offset(query.continuation_token)
    page = selected[offset : offset + limit]
    links: dict[str, Any] = {}
    if offset + limit < len(selected):
        links["next"] = {"href": _next_href(collection, query, offset + limit)}
    return {"items": page, "_links": links}


def _limit(limit: int | None) -> int:
    if limit is None:
        return DEFAULT_LIMIT
    if limit < 1 or limit > MAX_LIMIT:
        raise BadRequest(f"limit must be between 1 and {MAX_LIMIT}", code="1451")
    return limit


def _ordered(
    docs: list[dict[str, Any]], orderby: str | None, fields: frozenset[str]
) -> list[dict[str, Any]]:
    if not orderby:
        return sorted(docs, key=lambda d: (d.get("createdAt", 0), d.get("id", "")))
    for term in reversed([t.strip() for t in orderby.split(",") if t.strip()]):
        descending = term.startswith("-")
        name = term.lstrip("+-")
        if not name or name.split(".")[0] not in fields:
            raise BadRequest(f"Cannot sort by {term!r}", code="1432")
        path = tuple(name.split("."))
        docs = sorted(docs, key=functools.partial(_sort_key, path=path), reverse=descending)
    return docs


def _sort_key(doc: dict[str, Any], path: tuple[str, ...]) -> tuple[int, Any]:
    values = list(values_at(doc, path))
    if not values:
        return (0, "")
    value = values[0]
    if isinstance(value, int | float) and not isinstance(value, bool):
        return (1, float(value))
    return (2, str(value).lower())


def _offset(token: str | None) -> int:
    if not token:
        return 0
    try:
        padded = token + "=" * (-len(token) % 4)
        offset = json.loads(base64.urlsafe_b64decode(padded))["o"]
    except (binascii.Error, ValueError, KeyError, TypeError):
        raise BadRequest("Invalid continuationToken", code="1451") from None
    if not isinstance(offset, int) or offset < 0:
        raise BadRequest("Invalid continuationToken", code="1451")
    return offset


def _next_href(collection: str, query: ListQuery, offset: int) -> str:
    # The token goes first and has no '=' padding: some clients read it as href.split("=")[1].
    token = base64.urlsafe_b64encode(json.dumps({"o": offset}).encode()).decode().rstrip("=")
    params: list[tuple[str, str]] = [("continuationToken", token)]
    params += [("property", p) for p in query.properties]
    if query.orderby:
        params.append(("orderby", query.orderby))
    if query.limit is not None:
        params.append(("limit", str(query.limit)))
    return f"/{collection}?{urlencode(params)}"
