"""Dataflows: source connections → (mapping) → target connections, on a schedule."""

from __future__ import annotations

from typing import Any

from sqlalchemy.orm import Session

from headwater import clock, connectors
from headwater.errors import BadRequest
from headwater.services.flow_service import resources as res
from headwater.services.flow_service import source_connections, target_connections
from headwater.services.flow_service.transformations import check_transformations
from headwater.services.patching import apply_patch
from headwater.services.runs.schedule import first_run_at, rescheduled_at
from headwater.services.runs.wake import wake_after_commit
from headwater.store import Flow, Scope, ScopedRecord

KIND = res.Kind(
    collection="flows",
    model=Flow,
    fields=frozenset(
        {
            "name",
            "description",
            "flowSpec",
            "state",
            "sourceConnectionIds",
            "targetConnectionIds",
            "inheritedAttributes",
            "scheduleParams",
            "transformations",
            "options",
            "lastRunDetails",
            "providerRefId",
            "labels",
            "runs",
            "lastOperation",
        }
    ),
    label="Flow",
)
PATCHABLE = frozenset(
    {
        "name",
        "description",
        "scheduleParams",
        "transformations",
        "options",
        "sourceConnectionIds",
        "targetConnectionIds",
        "labels",
    }
)
ACTIONS = {"enable": "enabled", "disable": "disabled"}


def create(session: Session, scope: Scope, body: dict[str, Any]) -> res.Written:
    if "state" in body:
        raise BadRequest("state is not allowed when creating a flow", code="1410")
    if "mode" in body:
        raise BadRequest("mode is not allowed when creating a flow", code="1368")
    stored = _validated(session, scope, body)
    stored["state"] = "enabled"
    record = Flow(state="enabled", next_run_at=first_run_at(stored.get("scheduleParams") or {}))
    written = res.insert(session, scope, record, stored)
    wake_after_commit(session)  # its start time may have come
    record.body = {**record.body, "runs": f"/runs?property=flowId=={record.id}"}
    return written


def patch(
    session: Session, scope: Scope, record_id: str, if_match: str | None, operations: Any
) -> res.Written:
    record = res.load(session, scope, KIND, record_id)
    res.check_if_match(record, if_match, KIND)
    before = res.editable(record)
    patched = apply_patch(before, operations)
    changed = {k for k in before.keys() | patched.keys() if before.get(k) != patched.get(k)}
    if changed - PATCHABLE:
        raise BadRequest(
            f"These fields cannot be changed: {', '.join(sorted(changed - PATCHABLE))}", code="1455"
        )
    stored = {**patched, **_validated(session, scope, patched)}
    assert isinstance(record, Flow)
    if "scheduleParams" in changed:
        wake_after_commit(session)
        record.next_run_at = rescheduled_at(
            stored.get("scheduleParams") or {},
            clock.now_s(),
            ran=bool(record.body.get("lastRunDetails")),
        )
    stored["lastOperation"] = {
        "operation": "update",
        "ops": operations,
        "status": {"value": "completed"},
    }
    return res.update(session, scope, record, stored)


def act(session: Session, scope: Scope, record_id: str, op: str) -> res.Written:
    """``enable`` or ``disable`` a flow (spec upper-case or docs lower-case)."""
    record = res.load(session, scope, KIND, record_id)
    state = ACTIONS.get(op.strip().lower())
    if state is None:
        raise BadRequest(f"Unsupported action {op!r}; use enable or disable", code="1422")
    assert isinstance(record, Flow)
    record.state = state
    wake_after_commit(session)
    return res.update(session, scope, record, {**res.editable(record), "state": state})


def delete(session: Session, scope: Scope, record_id: str) -> None:
    session.delete(res.load(session, scope, KIND, record_id))


def _validated(session: Session, scope: Scope, body: dict[str, Any]) -> dict[str, Any]:
    if not isinstance(body.get("name"), str) or not body["name"].strip():
        raise BadRequest("name is required", code="1304")
    flow_spec = _flow_spec(body)
    sources = _linked(
        session,
        scope,
        body,
        "sourceConnectionIds",
        source_connections.KIND,
        flow_spec.get("sourceConnectionSpecIds", []),
    )
    targets = _linked(
        session,
        scope,
        body,
        "targetConnectionIds",
        target_connections.KIND,
        flow_spec.get("targetConnectionSpecIds", []),
    )
    stored = {k: v for k, v in body.items() if k not in res.AUDIT_FIELDS}
    stored["flowSpec"] = {
        "id": flow_spec["id"],
        "version": str(body["flowSpec"].get("version", "1.0")),
    }
    stored["transformations"] = check_transformations(
        session, scope, body.get("transformations"), sources, targets
    )
    if "scheduleSpec" in flow_spec:
        stored["scheduleParams"] = connectors.validate_schedule(
            flow_spec, body.get("scheduleParams") or {}
        )
    if body.get("options") is not None:
        stored["options"] = connectors.validate_options(flow_spec, body["options"])
    stored["inheritedAttributes"] = _inherited(sources, targets)
    return stored


def _flow_spec(body: dict[str, Any]) -> dict[str, Any]:
    ref = body.get("flowSpec")
    if not isinstance(ref, dict) or not ref.get("id"):
        raise BadRequest("flowSpec.id is required", code="1304")
    return connectors.get_flow_spec(str(ref["id"]))


def _linked(
    session: Session,
    scope: Scope,
    body: dict[str, Any],
    member: str,
    kind: res.Kind,
    allowed_specs: list[str],
) -> list[ScopedRecord]:
    ids = body.get(member)
    if not isinstance(ids, list) or not ids or not all(isinstance(i, str) for i in ids):
        raise BadRequest(f"{member} must be a non-empty list of ids", code="1304")
    records = []
    for record_id in ids:
        record = res.load(session, scope, kind, record_id)
        spec_id = record.body.get("connectionSpec", {}).get("id")
        if spec_id not in allowed_specs:
            raise BadRequest(
                f"{kind.label} {record_id} uses spec {spec_id}, which this flow spec does not take",
                code="1413",
            )
        records.append(record)
    return records


def _inherited(sources: list[ScopedRecord], targets: list[ScopedRecord]) -> dict[str, Any]:
    def base_of(record: ScopedRecord) -> dict[str, Any] | None:
        base: dict[str, Any] | None = record.body.get("inheritedAttributes", {}).get(
            "baseConnection"
        )
        return base

    return {
        "sourceConnections": [
            {"id": s.id, "connectionSpec": s.body["connectionSpec"], "baseConnection": base_of(s)}
            for s in sources
        ],
        "targetConnections": [
            {"id": t.id, "connectionSpec": t.body["connectionSpec"]} for t in targets
        ],
        "properties": {"isSourceFlow": True},
    }
