"""Read-only routes: connection specs, flow specs and runs."""

from __future__ import annotations

from typing import Any

from fastapi import Query

from headwater.api.deps import Caller, Ctx
from headwater.api.flow_service import router
from headwater.api.flow_service.listing import Listing
from headwater.api.flow_service.models import Created, Items, RunCreate, body_of
from headwater.errors import BadRequest
from headwater.services import runs as run_lifecycle
from headwater.services.flow_service import runs, specs
from headwater.services.runs.on_demand import create_on_demand_run


@router.get("/connectionSpecs", response_model=Items, response_model_exclude_none=True)
def list_connection_specs(scope: Caller, query: Listing) -> dict[str, Any]:
    return specs.list_connection_specs(query)


@router.get("/connectionSpecs/{spec_id}", response_model=Items, response_model_exclude_none=True)
def get_connection_spec(scope: Caller, spec_id: str) -> dict[str, Any]:
    return {"items": [specs.get_connection_spec(spec_id)]}


@router.get("/flowSpecs", response_model=Items, response_model_exclude_none=True)
def list_flow_specs(scope: Caller, query: Listing) -> dict[str, Any]:
    return specs.list_flow_specs(query)


@router.get("/flowSpecs/{spec_id}", response_model=Items, response_model_exclude_none=True)
def get_flow_spec(scope: Caller, spec_id: str) -> dict[str, Any]:
    return {"items": [specs.get_flow_spec(spec_id)]}


@router.get("/runs", response_model=Items, response_model_exclude_none=True)
def list_runs(ctx: Ctx, scope: Caller, query: Listing) -> dict[str, Any]:
    with ctx.db.transaction() as session:
        return runs.listing(session, scope, query)


@router.get("/runs/{run_id}", response_model=Items, response_model_exclude_none=True)
def get_run(ctx: Ctx, scope: Caller, run_id: str) -> dict[str, Any]:
    with ctx.db.transaction() as session:
        return {"items": [runs.get(session, scope, run_id)]}


@router.post("/runs", status_code=201, response_model=Created)
def create_run(ctx: Ctx, scope: Caller, body: RunCreate) -> Created:
    """An on-demand run of a flow scheduled ``once``; it starts within a scheduler tick."""
    written = create_on_demand_run(ctx.db, scope, body_of(body))
    return Created(id=written.id, etag=written.etag)


@router.post("/runs/{run_id}/action", response_model=Created)
def run_action(
    ctx: Ctx, scope: Caller, run_id: str, op: str = Query(description="re-trigger")
) -> Created:
    """``re-trigger`` a failed run: a new run retries the files it did not ingest."""
    if op.strip().lower().replace("_", "-") != "re-trigger":
        raise BadRequest(f"Unsupported run action {op!r}", code="1435")
    written = run_lifecycle.retrigger_run(ctx.db, scope, run_id)
    return Created(id=written.id, etag=written.etag)
