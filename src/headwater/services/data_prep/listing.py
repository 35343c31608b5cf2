"""``GET /mappingSets``: ``{data, _page, _links}`` answers.

The docs call ``limit`` and ``start`` required. ``limit`` is; a missing ``start`` means 0,
because aepp 0.6.0's ``getMappingSets`` sends only ``limit`` (and the spec gives ``start`` a
default of 0, which the platform's Spring service applies when the parameter is absent).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy.orm import Session

from headwater.errors import BadRequest
from headwater.services.catalog.listing import property_filter, sort_key
from headwater.services.data_prep.mapping_sets import with_schema
from headwater.store import Database, MappingSet, Scope, find

Doc = dict[str, Any]
MAX_LIMIT = 100
# orderBy fields the platform documents (createdDate, updatedDate; Postman: lastUpdateDate).
ORDER_FIELDS = {
    "createdDate": "createdDate",
    "updatedDate": "modifiedDate",
    "lastUpdateDate": "modifiedDate",
    "modifiedDate": "modifiedDate",
}
_ORDER = re.compile(r"^(?P<sign>[+\-]?)(?P<field>[A-Za-z]+)$")


@dataclass(frozen=True)
class MappingSetQuery:
    limit: int | None
    start: int | None
    name: str | None = None
    order_by: str | None = None
    expand_schema: bool = False
    property: list[str] = field(default_factory=list)


def list_mapping_sets(db: Database, scope: Scope, query: MappingSetQuery) -> Doc:
    """One page of the sandbox's mapping sets (current versions), newest change first by default."""
    limit, start = _page_bounds(query)
    field_name, descending = _order(query.order_by)
    checks = [property_filter(p) for p in query.property]
    with db.transaction() as session:
        docs = [
            r.body
            for r in find(session, MappingSet, scope)
            if query.name is None or r.name == query.name
        ]
        docs = [d for d in docs if all(check(d) for check in checks)]
        docs.sort(key=lambda d: sort_key(d.get(field_name)), reverse=descending)
        data = [_shown(session, scope, d, query.expand_schema) for d in docs[start : start + limit]]
    return {"data": data, "_page": {"count": len(data), "limit": limit}, "_links": {}}


def _shown(session: Session, scope: Scope, doc: Doc, expand: bool) -> Doc:
    if not expand:
        return doc
    return with_schema(session, scope, dict(doc, outputSchema=dict(doc["outputSchema"])))


def _page_bounds(query: MappingSetQuery) -> tuple[int, int]:
    limit, start = query.limit, query.start if query.start is not None else 0
    if limit is None:
        raise BadRequest("Query parameter limit is required (e.g. ?limit=10&start=0)", code="1304")
    if limit < 1:
        raise BadRequest(f"limit must be 1 or more, got {limit}")
    if start < 0:
        raise BadRequest(f"start must be 0 or more, got {start}")
    # The platform documents no maximum; larger pages are capped rather than refused.
    return min(limit, MAX_LIMIT), start


def _order(order_by: str | None) -> tuple[str, bool]:
    if order_by is None or not order_by.strip():
        return "modifiedDate", True
    # A "+" sent unencoded in a query string arrives as a space; stripping it means ascending.
    match = _ORDER.match(order_by.strip())
    if match is None or match["field"] not in ORDER_FIELDS:
        raise BadRequest(
            f"orderBy must be createdDate or updatedDate, optionally prefixed with "
            f"+ or -; got {order_by!r}"
        )
    return ORDER_FIELDS[match["field"]], match["sign"] == "-"
