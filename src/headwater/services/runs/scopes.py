"""Scopes for work the service does on its own (the scheduler has no caller)."""

from __future__ import annotations

from sqlalchemy.orm import Session

from headwater.store import Org, Sandbox, Scope


def scope_for(session: Session, org_id: str, sandbox_id: str, client_id: str) -> Scope:
    sandbox = session.get(Sandbox, sandbox_id)
    org = session.get(Org, org_id)
    return Scope(
        org_id=org_id,
        sandbox_id=sandbox_id,
        sandbox_name=sandbox.name if sandbox else "",
        client_id=client_id,
        tenant_id=org.tenant_id if org else "",
    )
