"""What every Flow Service entity shares: its public shape, etags and If-Match, listing.

Entities keep their user-facing fields in ``body``; the audit fields the platform returns
(``createdAt``, ``sandboxName``, ``etag``…) are added here when an entity is shown.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy.orm import Session

from headwater import clock, ids
from headwater.errors import BadRequest, NotFound, PreconditionFailed
from headwater.services.flow_service.listing import ListQuery, list_documents
from headwater.store import Scope, ScopedRecord, find, get, stamp

AUDIT_FIELDS = frozenset(
    {
        "id",
        "createdAt",
        "updatedAt",
        "createdBy",
        "updatedBy",
        "createdClient",
        "updatedClient",
        "sandboxId",
        "sandboxName",
        "imsOrgId",
        "etag",
        "version",
    }
)


@dataclass(frozen=True)
class Kind:
    """A Flow Service collection: its table, its path name and its filterable fields."""

    collection: str
    model: type[ScopedRecord]
    fields: frozenset[str]
    label: str

    def not_found(self, record_id: str) -> NotFound:
        return NotFound(
            f"{self.label} {record_id} not found",
            resource_id=record_id,
            resource_type=self.collection,
        )


@dataclass(frozen=True)
class Written:
    """What a create or update returns: the id and the new etag."""

    id: str
    etag: str


def public(record: ScopedRecord, scope: Scope) -> dict[str, Any]:
    """The entity as the API shows it: body plus audit fields."""
    meta = record.body.get("_meta", {})
    # Members starting with "_" are internal (audit, run bookkeeping): never shown.
    shown = {k: v for k, v in record.body.items() if not k.startswith("_")}
    return {
        "id": record.id,
        "createdAt": record.created_at,
        "updatedAt": record.updated_at,
        "createdBy": meta.get("createdBy", scope.client_id),
        "updatedBy": meta.get("updatedBy", scope.client_id),
        "createdClient": meta.get("createdBy", scope.client_id),
        "updatedClient": meta.get("updatedBy", scope.client_id),
        "sandboxId": record.sandbox_id,
        "sandboxName": scope.sandbox_name,
        "imsOrgId": record.org_id,
        **shown,
        "version": record.etag,
        "etag": record.etag,
    }


def insert(session: Session, scope: Scope, record: ScopedRecord, body: dict[str, Any]) -> Written:
    """Add a new entity of this scope with a fresh id and etag."""
    record.id = record.id or ids.new_uuid()
    record.body = {**body, "_meta": {"createdBy": scope.client_id, "updatedBy": scope.client_id}}
    stamp(record, scope, now=clock.now_ms(), etag=ids.new_etag())
    session.add(record)
    session.flush()
    return Written(record.id, record.etag)


def load(session: Session, scope: Scope, kind: Kind, record_id: str) -> ScopedRecord:
    record = get(session, kind.model, scope, record_id)
    if record is None:
        raise kind.not_found(record_id)
    return record


def check_if_match(record: ScopedRecord, if_match: str | None, kind: Kind) -> None:
    """Optimistic concurrency: writes name the version they read (platform codes 1403/1404)."""
    if if_match is None or not if_match.strip():
        raise BadRequest("Header is missing: If-Match", code="1403")
    wanted = if_match.strip()
    if wanted not in (record.etag, record.etag.strip('"')):
        raise PreconditionFailed(
            f"Supplied version=[{wanted}] does not match the current version on "
            f"entity=[{record.etag}]",
            resource_id=record.id,
            resource_type=kind.collection,
        )


def update(session: Session, scope: Scope, record: ScopedRecord, body: dict[str, Any]) -> Written:
    """Replace the entity's body, bumping its etag."""
    meta = {**record.body.get("_meta", {}), "updatedBy": scope.client_id}
    record.body = {**body, "_meta": meta}
    record.updated_at = clock.now_ms()
    record.etag = ids.new_etag()
    session.flush()
    return Written(record.id, record.etag)


def editable(record: ScopedRecord) -> dict[str, Any]:
    """The user-facing fields of an entity (what a JSON Patch applies to)."""
    return {k: v for k, v in record.body.items() if not k.startswith("_")}


def listing(
    session: Session, scope: Scope, kind: Kind, query: ListQuery, **equals: Any
) -> dict[str, Any]:
    records: Sequence[ScopedRecord] = find(session, kind.model, scope, **equals)
    documents = [public(r, scope) for r in records]
    return list_documents(
        documents, query, fields=kind.fields | AUDIT_FIELDS, collection=kind.collection
    )
