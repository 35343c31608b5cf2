"""Target connections: the dataset (in the data lake) a flow writes to."""

from __future__ import annotations

from typing import Any

from sqlalchemy.orm import Session

from headwater import connectors
from headwater.errors import BadRequest
from headwater.services.flow_service import references
from headwater.services.flow_service import resources as res
from headwater.services.patching import apply_patch
from headwater.store import Connection, Scope, TargetConnection, get

KIND = res.Kind(
    collection="targetConnections",
    model=TargetConnection,
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
        }
    ),
    label="Target connection",
)
SCHEMA_VERSIONS = (
    "application/vnd.adobe.xed-full+json;version=1",
    "application/vnd.adobe.xed-full+json;version=1.0",
    "application/vnd.adobe.xed+json;version=1",
)


def create(session: Session, scope: Scope, body: dict[str, Any]) -> res.Written:
    stored = _validated(session, scope, body)
    record = TargetConnection(base_connection_id=stored.get("baseConnectionId"))
    return res.insert(session, scope, record, stored)


def patch(
    session: Session, scope: Scope, record_id: str, if_match: str | None, operations: Any
) -> res.Written:
    record = res.load(session, scope, KIND, record_id)
    res.check_if_match(record, if_match, KIND)
    stored = _validated(session, scope, apply_patch(res.editable(record), operations))
    assert isinstance(record, TargetConnection)
    record.base_connection_id = stored.get("baseConnectionId")
    return res.update(session, scope, record, stored)


def delete(session: Session, scope: Scope, record_id: str) -> None:
    record = res.load(session, scope, KIND, record_id)
    references.refuse_if_used_by_flows(session, scope, "targetConnectionIds", record_id)
    session.delete(record)


def _validated(session: Session, scope: Scope, body: dict[str, Any]) -> dict[str, Any]:
    spec = references.spec_of(body)
    data, params = connectors.validate_target(
        spec, references.object_member(body, "data"), references.object_member(body, "params")
    )
    dataset = references.dataset(session, scope, str(params["dataSetId"]))
    _check_schema(session, scope, data.get("schema"), dataset.schema_id)
    _check_base_connection(session, scope, spec, body.get("baseConnectionId"))
    stored = {k: v for k, v in body.items() if k not in res.AUDIT_FIELDS}
    stored.update(
        params=params,
        data=data,
        state=body.get("state", "enabled"),
        connectionSpec=references.spec_ref(spec, body),
    )
    return stored


def _check_base_connection(
    session: Session, scope: Scope, spec: connectors.ConnectorSpec, base_id: Any
) -> None:
    if not base_id:
        return
    base = get(session, Connection, scope, str(base_id))
    if base is None or base.spec_id != spec.id:
        raise BadRequest(
            f"Base connection {base_id} is not a Data Lake connection of this sandbox", code="1413"
        )


def _check_schema(session: Session, scope: Scope, schema: Any, dataset_schema: str | None) -> None:
    schema_id = references.check_schema_ref(session, scope, schema)
    if schema_id and dataset_schema and schema_id != dataset_schema:
        raise BadRequest(
            f"data.schema.id {schema_id} is not the schema of the dataset ({dataset_schema})",
            code="1425",
        )
    version = (schema or {}).get("version") if isinstance(schema, dict) else None
    if version and version.replace(" ", "") not in SCHEMA_VERSIONS:
        raise BadRequest(
            f"data.schema.version must be one of {', '.join(SCHEMA_VERSIONS)}", code="1304"
        )
