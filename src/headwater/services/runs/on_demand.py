"""On-demand runs (``POST /runs``) for flows scheduled ``once`` (reference §2.11.4)."""

from __future__ import annotations

from typing import Any

from headwater.errors import BadRequest
from headwater.services.flow_service import flows
from headwater.services.flow_service import resources as res
from headwater.services.runs.lifecycle import create_run
from headwater.store import Database, Flow, Scope

WINDOW = ("startTime", "windowStartTime", "windowEndTime")


def create_on_demand_run(db: Database, scope: Scope, body: dict[str, Any]) -> res.Written:
    flow_id = body.get("flowId")
    if not isinstance(flow_id, str) or not flow_id:
        raise BadRequest("flowId is required", code="1384")
    params = _window(body.get("params") or {})
    with db.transaction() as session:
        flow = res.load(session, scope, flows.KIND, flow_id)
        assert isinstance(flow, Flow)
        if (flow.body.get("scheduleParams") or {}).get("frequency") != "once":
            raise BadRequest("On-demand runs are only for flows scheduled once", code="1386")
        if flow.state != "enabled":
            raise BadRequest("The flow is disabled", code="1388")
        return create_run(session, scope, flow, trigger="on-demand", params=params)


def _window(params: Any) -> dict[str, int]:
    if not isinstance(params, dict):
        raise BadRequest("params must be an object", code="1384")
    window: dict[str, int] = {}
    for name in WINDOW:
        value = params.get(name)
        if value is None:
            continue
        try:
            window[name] = int(str(value))
        except ValueError:
            raise BadRequest(f"params.{name} must be epoch seconds", code="1384") from None
    start, end = window.get("windowStartTime"), window.get("windowEndTime")
    if start is not None and end is not None and end < start:
        raise BadRequest("windowEndTime is before windowStartTime", code="1381")
    return window
