"""Flow runs: read and list (runs are created by the scheduler and the engine)."""

from __future__ import annotations

from typing import Any

from sqlalchemy.orm import Session

from headwater.services.flow_service import resources as res
from headwater.services.flow_service.filters import parse_filter
from headwater.services.flow_service.listing import ListQuery
from headwater.store import Run, Scope

KIND = res.Kind(
    collection="runs",
    model=Run,
    fields=frozenset(
        {
            "flowId",
            "flowSpec",
            "state",
            "metrics",
            "activities",
            "params",
            "providerRefId",
            "status",
            "recordTypes",
        }
    ),
    label="Run",
)


def get(session: Session, scope: Scope, run_id: str) -> dict[str, Any]:
    return res.public(res.load(session, scope, KIND, run_id), scope)


def listing(session: Session, scope: Scope, query: ListQuery) -> dict[str, Any]:
    """Runs of the sandbox; a ``flowId==x`` filter is answered from the indexed column."""
    equals: dict[str, Any] = {}
    for expression in query.properties:
        parsed = parse_filter(expression, fields=KIND.fields | res.AUDIT_FIELDS)
        if parsed.path == ("flowId",) and parsed.op == "==" and len(parsed.values) == 1:
            equals["flow_id"] = parsed.values[0]
    return res.listing(session, scope, KIND, query, **equals)
