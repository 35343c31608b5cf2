"""Source connections: where a flow reads (base connection + path + format)."""

from __future__ import annotations

from typing import Any

from sqlalchemy.orm import Session

from headwater import connectors
from headwater.errors import BadRequest
from headwater.services.flow_service import references
from headwater.services.flow_service import resources as res
from headwater.services.patching import apply_patch
from headwater.store import Connection, Scope, SourceConnection, get

KIND = res.Kind(
    collection="sourceConnections",
    model=SourceConnection,
    fields=frozenset(
        {
            "name",
            "description",
            "baseConnectionId",
            "connectionSpec",
            "data",
            "params",
            "state",
            "inheritedAttributes",
            "providerRefId",
        }
    ),
    label="Source connection",
)


def create(session: Session, scope: Scope, body: dict[str, Any]) -> res.Written:
    stored = _validated(session, scope, body)
    record = SourceConnection(base_connection_id=stored.get("baseConnectionId"))
    return res.insert(session, scope, record, stored)


def patch(
    session: Session, scope: Scope, record_id: str, if_match: str | None, operations: Any
) -> res.Written:
    record = res.load(session, scope, KIND, record_id)
    res.check_if_match(record, if_match, KIND)
    patched = apply_patch(res.editable(record), operations)
    if patched.get("connectionSpec") != record.body.get("connectionSpec"):
        raise BadRequest(
            "The connection spec of a source connection cannot be changed", code="1414"
        )
    stored = _validated(session, scope, patched)
    assert isinstance(record, SourceConnection)
    record.base_connection_id = stored.get("baseConnectionId")
    return res.update(session, scope, record, stored)


def delete(session: Session, scope: Scope, record_id: str) -> None:
    record = res.load(session, scope, KIND, record_id)
    references.refuse_if_used_by_flows(session, scope, "sourceConnectionIds", record_id)
    session.delete(record)


def _validated(session: Session, scope: Scope, body: dict[str, Any]) -> dict[str, Any]:
    if not isinstance(body.get("name"), str) or not body["name"].strip():
        raise BadRequest("name is required", code="1304")
    spec = references.spec_of(body)
    if not spec.is_source:
        raise BadRequest(f"Connection spec {spec.id} is not a source", code="1413")
    base_id = _base_connection(session, scope, spec, body.get("baseConnectionId"))
    data, params = connectors.validate_source(
        spec, references.object_member(body, "data"), references.object_member(body, "params")
    )
    references.check_schema_ref(session, scope, data.get("schema"))
    stored = {k: v for k, v in body.items() if k not in res.AUDIT_FIELDS}
    stored.update(
        data=data,
        params=params,
        state=body.get("state", "enabled"),
        connectionSpec=references.spec_ref(spec, body),
    )
    stored["inheritedAttributes"] = (
        {"baseConnection": {"id": base_id, "connectionSpec": stored["connectionSpec"]}}
        if base_id
        else {}
    )
    if base_id:
        stored["baseConnectionId"] = base_id
    return stored


def _base_connection(
    session: Session, scope: Scope, spec: connectors.ConnectorSpec, base_id: Any
) -> str | None:
    connectors.validate_base_connection(spec, base_id if isinstance(base_id, str) else None)
    if not spec.needs_base_connection:
        return None
    if not isinstance(base_id, str):
        raise BadRequest("baseConnectionId must be a string", code="1304")
    base = get(session, Connection, scope, base_id)
    if base is None:
        raise BadRequest(
            f"Base connection {base_id} not found",
            code="1101",
            resource_id=base_id,
            resource_type="connections",
        )
    if base.spec_id != spec.id:
        raise BadRequest(
            f"The source connection's spec ({spec.id}) must be its base connection's spec "
            f"({base.spec_id})",
            code="1413",
        )
    return base_id
