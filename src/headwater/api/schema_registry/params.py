"""Request pieces the registry's routes share: listing parameters and the Accept header."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import Header, Query, Request

from headwater.services.schema_registry import ListQuery

AcceptHeader = Annotated[
    str | None,
    Header(
        description="Response form, e.g. application/vnd.adobe.xed-id+json (listings) or "
        "application/vnd.adobe.xed-full+json; version=1 (lookups)"
    ),
]


def listing_query(
    orderby: Annotated[
        str | None,
        Query(description="Sort keys, e.g. title or -title; comma-separated for secondary keys"),
    ] = None,
    start: Annotated[
        str | None,
        Query(description="Continue after this value of the primary sort key (_page.next)"),
    ] = None,
    limit: Annotated[
        int | None,
        Query(ge=0, le=500, description="Page size hint (0-500); listings return at most 300"),
    ] = None,
    properties: Annotated[
        list[str] | None,
        Query(
            alias="property",
            description="Filters: name==v, name!=v, <, >, <=, >=, name~regex, or a bare name",
        ),
    ] = None,
) -> ListQuery:
    return ListQuery(properties=tuple(properties or ()), orderby=orderby, start=start, limit=limit)


def listing_url(request: Request) -> str:
    """The listing's own URL without its query (base of ``_links.next``)."""
    return str(request.url.replace(query=""))


def with_links(query: ListQuery, links: dict[str, Any]) -> ListQuery:
    return ListQuery(query.properties, query.orderby, query.start, query.limit, links)
