"""Run a use case in the caller's transaction, or in a new one."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from sqlalchemy.orm import Session

from headwater.store import Database


@contextmanager
def session_of(target: Session | Database) -> Iterator[Session]:
    """``target`` itself when it is a session (the caller owns the transaction), else a new one.

    Functions other services call (the engine recording batches, the flow service reading
    mapping sets) take either, so they can join the caller's transaction.
    """
    if isinstance(target, Session):
        yield target
        return
    with target.transaction() as session:
        yield session
