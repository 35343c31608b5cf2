"""Organisations, their sandboxes and API clients."""

from __future__ import annotations

import hashlib
import re
import secrets
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from headwater import clock, ids
from headwater.errors import BadRequest, Conflict, NotFound
from headwater.store import ApiClient, Database, Org, Sandbox

SANDBOX_NAME = re.compile(r"^[a-z0-9][a-z0-9-]{0,63}$")


@dataclass(frozen=True)
class Credentials:
    org_id: str
    client_id: str
    client_secret: str


def create_credentials(db: Database, org_id: str, *, name: str = "default") -> Credentials:
    """A new API client for ``org_id``; creates the org, its tenant id and ``prod`` if new."""
    if not org_id.strip():
        raise BadRequest("An organisation id is required")
    secret = "p8e-" + secrets.token_urlsafe(32)
    client_id = secrets.token_hex(16)
    with db.transaction() as session:
        _ensure_org(session, org_id)
        session.add(
            ApiClient(
                client_id=client_id,
                org_id=org_id,
                name=name,
                secret_hash=hash_secret(secret),
                created_at=clock.now_ms(),
            )
        )
    return Credentials(org_id=org_id, client_id=client_id, client_secret=secret)


def create_sandbox(db: Database, org_id: str, name: str, *, title: str | None = None) -> Sandbox:
    """A new development sandbox of an existing org."""
    if not SANDBOX_NAME.match(name):
        raise BadRequest("Sandbox names are lower-case letters, digits and dashes (max 64)")
    with db.transaction() as session:
        if session.get(Org, org_id) is None:
            raise NotFound(f"Organisation {org_id} does not exist", code="2000")
        if find_sandbox(session, org_id, name) is not None:
            raise Conflict(f"Sandbox {name} already exists in {org_id}")
        return _add_sandbox(session, org_id, name, "development", title)


def find_sandbox(session: Session, org_id: str, name: str) -> Sandbox | None:
    stmt = select(Sandbox).where(Sandbox.org_id == org_id, Sandbox.name == name)
    return session.scalars(stmt).first()


def hash_secret(secret: str) -> str:
    salt = secrets.token_bytes(16)
    digest = hashlib.scrypt(secret.encode(), salt=salt, n=2**14, r=8, p=1)
    return f"scrypt${salt.hex()}${digest.hex()}"


def secret_matches(secret: str, stored: str) -> bool:
    _, salt_hex, digest_hex = stored.split("$")
    digest = hashlib.scrypt(secret.encode(), salt=bytes.fromhex(salt_hex), n=2**14, r=8, p=1)
    return secrets.compare_digest(digest.hex(), digest_hex)


def _ensure_org(session: Session, org_id: str) -> Org:
    org = session.get(Org, org_id)
    if org is not None:
        return org
    org = Org(
        id=org_id, tenant_id=_new_tenant_id(session, org_id), name=org_id, created_at=clock.now_ms()
    )
    session.add(org)
    session.flush()
    _add_sandbox(session, org_id, "prod", "production", "Prod")
    return org


def _add_sandbox(session: Session, org_id: str, name: str, kind: str, title: str | None) -> Sandbox:
    sandbox = Sandbox(
        id=ids.new_uuid(),
        org_id=org_id,
        name=name,
        title=title or name,
        type=kind,
        created_at=clock.now_ms(),
    )
    session.add(sandbox)
    session.flush()
    return sandbox


def _new_tenant_id(session: Session, org_id: str) -> str:
    # The platform's tenant ids are short lower-case names derived from the org.
    base = re.sub(r"[^a-z0-9]", "", org_id.split("@")[0].lower())[:24] or "tenant"
    if base[0].isdigit():
        base = "t" + base
    candidate = base
    while session.scalars(select(Org).where(Org.tenant_id == candidate)).first() is not None:
        candidate = f"{base}{secrets.token_hex(2)}"
    return candidate


def client_of(db: Database, org_id: str, client_id: str | None) -> str:
    """The id of ``client_id`` if it belongs to ``org_id``, else the org's oldest client."""
    with db.transaction() as session:
        stmt = select(ApiClient).where(ApiClient.org_id == org_id)
        if client_id:
            stmt = stmt.where(ApiClient.client_id == client_id)
        client = session.scalars(stmt.order_by(ApiClient.created_at)).first()
        if client is None:
            raise NotFound(
                f"No API client {client_id or ''} for organisation {org_id}".replace("  ", " ")
            )
        return client.client_id
