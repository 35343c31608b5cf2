"""Routes every Flow Service entity collection has: list, get, patch, delete."""

from __future__ import annotations

from collections.abc import Callable
from typing import Annotated, Any

from fastapi import APIRouter, Header, Response
from sqlalchemy.orm import Session

from headwater.api.deps import Caller, Ctx
from headwater.api.flow_service.listing import Listing
from headwater.api.flow_service.models import Created, Items, PatchOperation
from headwater.services.flow_service import resources as res
from headwater.store import Scope

Patcher = Callable[[Session, Scope, Any, str, str | None, list[dict[str, Any]]], res.Written]
Deleter = Callable[[Session, Scope, str], None]
IfMatch = Annotated[str | None, Header(alias="If-Match")]


def add_entity_routes(
    router: APIRouter, kind: res.Kind, *, patch: Patcher, delete: Deleter
) -> None:
    """Register GET (list and one), PATCH and DELETE for ``kind`` under ``/{collection}``."""
    base = f"/{kind.collection}"

    @router.get(
        base, response_model=Items, response_model_exclude_none=True, name=f"list_{kind.collection}"
    )
    def list_entities(ctx: Ctx, scope: Caller, query: Listing) -> dict[str, Any]:
        with ctx.db.transaction() as session:
            return res.listing(session, scope, kind, query)

    @router.get(
        base + "/{entity_id}",
        response_model=Items,
        response_model_exclude_none=True,
        name=f"get_{kind.collection}",
    )
    def get_entity(ctx: Ctx, scope: Caller, entity_id: str) -> dict[str, Any]:
        with ctx.db.transaction() as session:
            return {"items": [res.public(res.load(session, scope, kind, entity_id), scope)]}

    @router.patch(base + "/{entity_id}", response_model=Created, name=f"patch_{kind.collection}")
    def patch_entity(
        ctx: Ctx,
        scope: Caller,
        entity_id: str,
        operations: list[PatchOperation],
        if_match: IfMatch = None,
    ) -> Created:
        ops = [op.model_dump(by_alias=True, exclude_unset=True) for op in operations]
        with ctx.db.transaction() as session:
            written = patch(session, scope, ctx, entity_id, if_match, ops)
        return Created(id=written.id, etag=written.etag)

    @router.delete(
        base + "/{entity_id}",
        status_code=204,
        response_class=Response,
        name=f"delete_{kind.collection}",
    )
    def delete_entity(ctx: Ctx, scope: Caller, entity_id: str) -> Response:
        with ctx.db.transaction() as session:
            delete(session, scope, entity_id)
        return Response(status_code=204)
