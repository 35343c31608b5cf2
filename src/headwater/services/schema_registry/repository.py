"""Reading registry resources: the global bundle, and this sandbox's tenant resources only."""

from __future__ import annotations

import copy
from collections.abc import Sequence
from typing import Any

from sqlalchemy.orm import Session

from headwater.services.schema_registry.kinds import not_found
from headwater.store import Sandbox, Scope, XdmResource, find, get
from headwater.xdm import Lookup, standard_resource, standard_resources


def tenant_lookup(session: Session, scope: Scope) -> Lookup:
    """A ``Lookup`` over this sandbox's tenant resources (memoised for one use case)."""
    seen: dict[str, dict[str, Any] | None] = {}

    def lookup(resource_id: str) -> dict[str, Any] | None:
        if resource_id not in seen:
            row = get(session, XdmResource, scope, resource_id)
            seen[resource_id] = row.body if row is not None else None
        return seen[resource_id]

    return lookup


def find_tenant(session: Session, scope: Scope, kind: str, ident: str) -> XdmResource | None:
    """The tenant resource of ``kind`` whose ``$id`` or ``meta:altId`` is ``ident``."""
    row = get(session, XdmResource, scope, ident)
    if row is None:
        rows = find(session, XdmResource, scope, alt_id=ident)
        row = rows[0] if rows else None
    return row if row is not None and row.kind == kind else None


def require_tenant(session: Session, scope: Scope, kind: str, ident: str) -> XdmResource:
    row = find_tenant(session, scope, kind, ident)
    if row is None:
        raise not_found(ident)
    return row


def tenant_rows(session: Session, scope: Scope, kind: str | None = None) -> Sequence[XdmResource]:
    """This sandbox's tenant resources (of one kind, or all), oldest first."""
    if kind is None:
        return find(session, XdmResource, scope)
    return find(session, XdmResource, scope, kind=kind)


def global_docs(kind: str) -> list[dict[str, Any]]:
    """The bundled global resources of ``kind`` (fresh copies)."""
    return [d for d in standard_resources().values() if d.get("meta:resourceType") == kind]


def require_global(kind: str, ident: str) -> dict[str, Any]:
    doc = standard_resource(ident)
    if doc is None or doc.get("meta:resourceType") != kind:
        raise not_found(ident)
    return copy.deepcopy(doc)


def sandbox_type(session: Session, scope: Scope) -> str:
    """``production`` or ``development``: the caller's own sandbox, as resources report it."""
    sandbox = session.get(Sandbox, scope.sandbox_id)
    return sandbox.type if sandbox is not None else "production"
