"""Queries that can only see one org's sandbox.

Every read and write of a tenant resource goes through these functions with a ``Scope``; there
is no other query path for ``ScopedRecord`` tables, which is what keeps tenants apart.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any, TypeVar

from sqlalchemy import select
from sqlalchemy.orm import Session

from headwater.store.tables import ScopedRecord

R = TypeVar("R", bound=ScopedRecord)


@dataclass(frozen=True)
class Scope:
    """Who is asking, and in which sandbox."""

    org_id: str
    sandbox_id: str
    sandbox_name: str
    client_id: str
    tenant_id: str = ""


def get(session: Session, model: type[R], scope: Scope, record_id: str) -> R | None:
    """The record with this id in this sandbox, or None (also when it exists elsewhere)."""
    stmt = select(model).where(
        model.id == record_id,
        model.org_id == scope.org_id,
        model.sandbox_id == scope.sandbox_id,
    )
    return session.scalars(stmt).first()


def find(session: Session, model: type[R], scope: Scope, **equals: Any) -> Sequence[R]:
    """Records of this sandbox whose columns equal the given values, oldest first."""
    stmt = select(model).where(model.org_id == scope.org_id, model.sandbox_id == scope.sandbox_id)
    for column, value in equals.items():
        stmt = stmt.where(getattr(model, column) == value)
    return session.scalars(stmt.order_by(model.created_at, model.id)).all()


def stamp(record: ScopedRecord, scope: Scope, *, now: int, etag: str) -> None:
    """Fill the scope and audit columns of a new record."""
    record.org_id = scope.org_id
    record.sandbox_id = scope.sandbox_id
    record.created_at = now
    record.updated_at = now
    record.etag = etag
