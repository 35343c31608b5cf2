"""The listing query parameters shared by every Flow Service collection."""

from __future__ import annotations

from typing import Annotated

from fastapi import Depends, Query

from headwater.errors import BadRequest
from headwater.services.flow_service.listing import ListQuery

TRUE = {"true", "1", "yes"}
FALSE = {"false", "0", "no", ""}


def list_query(
    property: Annotated[list[str] | None, Query(description="Filter, e.g. name==x")] = None,
    orderby: Annotated[str | None, Query(description="Sort: name, -createdAt")] = None,
    limit: Annotated[int | None, Query(description="Page size")] = None,
    continuation_token: Annotated[str | None, Query(alias="continuationToken")] = None,
    count: Annotated[str | None, Query(description="true: return only the count")] = None,
) -> ListQuery:
    return ListQuery(
        properties=tuple(property or ()),
        orderby=orderby,
        limit=limit,
        continuation_token=continuation_token,
        count=_flag(count),
    )


def _flag(value: str | None) -> bool:
    # Clients send count=False (Python's str(False)) alongside limit; that means "no count".
    if value is None or value.lower() in FALSE:
        return False
    if value.lower() in TRUE:
        return True
    raise BadRequest(f"count must be true or false, not {value!r}", code="1452")


Listing = Annotated[ListQuery, Depends(list_query)]
