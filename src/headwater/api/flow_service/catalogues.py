"""Read-only routes: connection specs, flow specs and runs."""

from __future__ import annotations

from typing import Any

from headwater.api.deps import Caller, Ctx
from headwater.api.flow_service import router
from headwater.api.flow_service.listing import Listing
from headwater.api.flow_service.models import Items
from headwater.services.flow_service import runs, specs


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
