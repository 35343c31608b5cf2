"""Creating, replacing, patching and deleting tenant resources (schemas, field groups, ...)."""

from __future__ import annotations

from typing import Any

from sqlalchemy.orm import Session

from headwater import clock
from headwater.errors import BadRequest, Conflict
from headwater.services.patching import apply_patch
from headwater.services.schema_registry.compose import Writer, compose
from headwater.services.schema_registry.kinds import new_resource_ids
from headwater.services.schema_registry.repository import (
    require_tenant,
    sandbox_type,
    tenant_lookup,
    tenant_rows,
)
from headwater.store import Database, Dataset, Descriptor, Scope, XdmResource, find, stamp

TITLE_CODE = "3005"
IN_USE_CODE = "1021"


def create_resource(db: Database, scope: Scope, kind: str, payload: Any) -> dict[str, Any]:
    """Store a new tenant resource of ``kind``; returns it as the registry does (201 body)."""
    with db.transaction() as session:
        writer = _writer(session, scope)
        resource_id, alt_id = new_resource_ids(scope.tenant_id, kind)
        doc = compose(kind, payload, writer, ids=(resource_id, alt_id))
        _check_title(session, scope, kind, doc["title"], exclude=None)
        row = XdmResource(id=resource_id, kind=kind, alt_id=alt_id, title=doc["title"], body=doc)
        stamp(row, scope, now=writer.now, etag=doc["meta:registryMetadata"]["eTag"])
        session.add(row)
        return doc


def replace_resource(
    db: Database, scope: Scope, kind: str, ident: str, payload: Any
) -> dict[str, Any]:
    """PUT: a full replacement (minor version bump); ids and creation audit are kept."""
    with db.transaction() as session:
        row = require_tenant(session, scope, kind, ident)
        return _rewrite(session, scope, row, payload)


def patch_resource(
    db: Database, scope: Scope, kind: str, ident: str, operations: Any
) -> dict[str, Any]:
    """PATCH: JSON Patch applied to the stored resource, then checked like a replacement."""
    with db.transaction() as session:
        row = require_tenant(session, scope, kind, ident)
        return _rewrite(session, scope, row, apply_patch(row.body, operations))


def delete_resource(db: Database, scope: Scope, kind: str, ident: str) -> None:
    """Delete a tenant resource nothing else uses; a schema takes its descriptors along."""
    with db.transaction() as session:
        row = require_tenant(session, scope, kind, ident)
        _check_unused(session, scope, row)
        if kind == "schemas":
            for descriptor in find(session, Descriptor, scope, source_schema=row.id):
                session.delete(descriptor)
        session.delete(row)


def _writer(session: Session, scope: Scope) -> Writer:
    lookup = tenant_lookup(session, scope)
    return Writer(scope, sandbox_type(session, scope), lookup, clock.now_ms())


def _rewrite(session: Session, scope: Scope, row: XdmResource, payload: Any) -> dict[str, Any]:
    writer = _writer(session, scope)
    doc = compose(row.kind, payload, writer, ids=(row.id, row.alt_id), previous=row.body)
    _check_title(session, scope, row.kind, doc["title"], exclude=row.id)
    row.body = doc
    row.title = doc["title"]
    row.updated_at = writer.now
    row.etag = doc["meta:registryMetadata"]["eTag"]
    return doc


def _check_title(
    session: Session, scope: Scope, kind: str, title: str, *, exclude: str | None
) -> None:
    for other in find(session, XdmResource, scope, kind=kind, title=title):
        if other.id != exclude:
            raise BadRequest(
                f"Title must be unique. An object {other.id} already exists with the same title",
                code=TITLE_CODE,
            )


def _check_unused(session: Session, scope: Scope, row: XdmResource) -> None:
    datasets = [d.id for d in find(session, Dataset, scope, schema_id=row.id)]
    if datasets:
        raise Conflict(
            f"{row.id} cannot be deleted: it is the schema of dataset(s) {', '.join(datasets)}",
            code=IN_USE_CODE,
        )
    users = [r.id for r in tenant_rows(session, scope) if row.id in (r.body.get("refs") or [])]
    if users:
        raise Conflict(
            f"{row.id} cannot be deleted: it is referenced by {', '.join(users)}",
            code=IN_USE_CODE,
        )
