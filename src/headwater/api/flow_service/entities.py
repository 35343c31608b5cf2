"""Create routes of the Flow Service entities, and their shared list/get/patch/delete."""

from __future__ import annotations

from typing import Any

from fastapi import Query

from headwater.api.deps import Caller, Ctx
from headwater.api.flow_service import router
from headwater.api.flow_service.crud import add_entity_routes
from headwater.api.flow_service.models import (
    ConnectionCreate,
    Created,
    FlowCreate,
    SourceConnectionCreate,
    TargetConnectionCreate,
    body_of,
)
from headwater.services.flow_service import (
    connections,
    flows,
    source_connections,
    target_connections,
)


@router.post("/connections", status_code=201, response_model=Created)
def create_connection(ctx: Ctx, scope: Caller, body: ConnectionCreate) -> Created:
    with ctx.db.transaction() as session:
        written = connections.create(session, scope, ctx.keys.fernet, body_of(body))
    return Created(id=written.id, etag=written.etag)


@router.post("/sourceConnections", status_code=201, response_model=Created)
def create_source_connection(ctx: Ctx, scope: Caller, body: SourceConnectionCreate) -> Created:
    with ctx.db.transaction() as session:
        written = source_connections.create(session, scope, body_of(body))
    return Created(id=written.id, etag=written.etag)


@router.post("/targetConnections", status_code=201, response_model=Created)
def create_target_connection(ctx: Ctx, scope: Caller, body: TargetConnectionCreate) -> Created:
    with ctx.db.transaction() as session:
        written = target_connections.create(session, scope, body_of(body))
    return Created(id=written.id, etag=written.etag)


@router.post("/flows", status_code=201, response_model=Created)
def create_flow(ctx: Ctx, scope: Caller, body: FlowCreate) -> Created:
    with ctx.db.transaction() as session:
        written = flows.create(session, scope, body_of(body))
    return Created(id=written.id, etag=written.etag)


@router.post("/flows/{flow_id}/action", response_model=Created)
def flow_action(
    ctx: Ctx, scope: Caller, flow_id: str, op: str = Query(description="enable | disable")
) -> Created:
    with ctx.db.transaction() as session:
        written = flows.act(session, scope, flow_id, op)
    return Created(id=written.id, etag=written.etag)


def _patch_connection(session: Any, scope: Any, ctx: Any, *args: Any) -> Any:
    return connections.patch(session, scope, ctx.keys.fernet, *args)


def _without_ctx(patch: Any) -> Any:
    return lambda session, scope, _ctx, *args: patch(session, scope, *args)


add_entity_routes(router, connections.KIND, patch=_patch_connection, delete=connections.delete)
add_entity_routes(
    router,
    source_connections.KIND,
    patch=_without_ctx(source_connections.patch),
    delete=source_connections.delete,
)
add_entity_routes(
    router,
    target_connections.KIND,
    patch=_without_ctx(target_connections.patch),
    delete=target_connections.delete,
)
add_entity_routes(router, flows.KIND, patch=_without_ctx(flows.patch), delete=flows.delete)
