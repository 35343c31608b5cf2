"""Checks of the entities a Flow Service body refers to (specs, schemas, datasets, mappings)."""

from __future__ import annotations

from typing import Any

from sqlalchemy import or_, select
from sqlalchemy.orm import Session

from headwater import connectors
from headwater.errors import BadRequest
from headwater.store import Dataset, Flow, Scope, XdmResource, find, get


def spec_of(body: dict[str, Any]) -> connectors.ConnectorSpec:
    ref = body.get("connectionSpec")
    if not isinstance(ref, dict) or not ref.get("id"):
        raise BadRequest("connectionSpec.id is required", code="1304")
    return connectors.get_spec(str(ref["id"]))


def spec_ref(spec: connectors.ConnectorSpec, body: dict[str, Any]) -> dict[str, str]:
    """The stored ``connectionSpec`` reference: the canonical id and the version as sent."""
    return {"id": spec.id, "version": str(body["connectionSpec"].get("version", "1.0"))}


def object_member(body: dict[str, Any], key: str) -> dict[str, Any]:
    """``body[key]`` when it is an object (``{}`` when absent)."""
    value = body.get(key) or {}
    if not isinstance(value, dict):
        raise BadRequest(f"{key} must be an object", code="1304")
    return value


def find_schema(session: Session, scope: Scope, schema_id: str) -> XdmResource | None:
    """A tenant schema of this sandbox, by ``$id`` or ``meta:altId``."""
    stmt = select(XdmResource).where(
        XdmResource.org_id == scope.org_id,
        XdmResource.sandbox_id == scope.sandbox_id,
        XdmResource.kind == "schemas",
        or_(XdmResource.id == schema_id, XdmResource.alt_id == schema_id),
    )
    return session.scalars(stmt).first()


def check_schema_ref(session: Session, scope: Scope, schema: Any) -> str | None:
    """The schema ``$id`` a ``data.schema`` names, checked to exist; None when not given."""
    if schema is None:
        return None
    if not isinstance(schema, dict):
        raise BadRequest("data.schema must be an object", code="1304")
    schema_id = schema.get("id")
    if not schema_id:
        return None
    found = find_schema(session, scope, str(schema_id))
    if found is None:
        raise BadRequest(f"Schema {schema_id} not found in this sandbox", code="1101")
    return found.id


def dataset(session: Session, scope: Scope, dataset_id: str) -> Dataset:
    found = get(session, Dataset, scope, dataset_id)
    if found is None:
        raise BadRequest(
            f"Dataset {dataset_id} not found in this sandbox",
            code="1325",
            resource_id=dataset_id,
            resource_type="dataSets",
        )
    return found


def refuse_if_used_by_flows(session: Session, scope: Scope, member: str, record_id: str) -> None:
    users = [f.id for f in find(session, Flow, scope) if record_id in f.body.get(member, [])]
    if users:
        raise BadRequest(
            f"{record_id} is used by flows {', '.join(users)}; delete them first",
            code="1418",
            resource_id=record_id,
        )
