"""Query parameters every Catalog list takes (limit, start, orderBy, properties, property)."""

from __future__ import annotations

from typing import Annotated

from fastapi import Query

from headwater.services.catalog import PageParams


def catalog_page(
    limit: Annotated[int | None, Query(description="1-100 objects (default 20)")] = None,
    start: Annotated[int | None, Query(description="0-based offset")] = None,
    order_by: Annotated[
        str | None, Query(alias="orderBy", description="e.g. asc:created,desc:updated")
    ] = None,
    properties: Annotated[str | None, Query(description="top-level properties to return")] = None,
    property_: Annotated[
        list[str] | None, Query(alias="property", description="e.g. name~^test, created>=0")
    ] = None,
) -> PageParams:
    return PageParams(
        limit=limit, start=start, order_by=order_by, properties=properties, property=property_ or []
    )


def present(**values: str | None) -> dict[str, str]:
    """The simple filters the caller gave (parameter name → raw value)."""
    return {name: value for name, value in values.items() if value is not None}
