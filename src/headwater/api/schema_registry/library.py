"""Read-only routes: global behaviours and the tenant's union schemas."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Depends, Request

from headwater.api.deps import Caller, Ctx
from headwater.api.schema_registry.params import AcceptHeader, listing_query, listing_url
from headwater.services import schema_registry as registry
from headwater.services.schema_registry import ListQuery

router = APIRouter()
Query = Annotated[ListQuery, Depends(listing_query)]


@router.get(
    "/global/behaviors",
    tags=["Behaviors"],
    operation_id="listBehaviors",
    summary="List behaviours (record, time-series, ad hoc)",
)
def list_behaviors(
    request: Request, scope: Caller, ctx: Ctx, query: Query, accept: AcceptHeader = None
) -> dict[str, Any]:
    style = registry.listing_style(accept)
    return registry.list_resources(
        ctx.db, scope, "global", "behaviors", query, style, base_url=listing_url(request)
    )


@router.get(
    "/global/behaviors/{behavior_id:path}",
    tags=["Behaviors"],
    operation_id="getBehavior",
    summary="Look up a behaviour",
)
def get_behavior(
    scope: Caller, ctx: Ctx, behavior_id: str, accept: AcceptHeader = None
) -> dict[str, Any]:
    fmt = registry.lookup_format(accept)
    ident = registry.normalise_id(behavior_id)
    return registry.get_resource(ctx.db, scope, "global", "behaviors", ident, fmt)


@router.get(
    "/tenant/unions",
    tags=["Unions"],
    operation_id="listUnions",
    summary="List union schemas (one per class with Profile-enabled schemas)",
)
def list_unions(
    request: Request, scope: Caller, ctx: Ctx, query: Query, accept: AcceptHeader = None
) -> dict[str, Any]:
    style = registry.listing_style(accept)
    return registry.list_unions(ctx.db, scope, query, style, base_url=listing_url(request))


@router.get(
    "/tenant/unions/{union_id:path}",
    tags=["Unions"],
    operation_id="getUnion",
    summary="Look up a union schema",
)
def get_union(
    scope: Caller, ctx: Ctx, union_id: str, accept: AcceptHeader = None
) -> dict[str, Any]:
    fmt = registry.lookup_format(accept)
    return registry.get_union(ctx.db, scope, registry.normalise_id(union_id), fmt)
