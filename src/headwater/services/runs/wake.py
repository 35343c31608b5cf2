"""Waking this process's scheduler when a run may have become due, instead of at its next tick.

Only a hint: a flow created, enabled or rescheduled, or a run queued, in this process wakes its
scheduler as soon as the transaction commits. Schedulers in other processes (or flows that come
due later) are found by the regular tick, so several instances need nothing shared.
"""

from __future__ import annotations

import threading

from sqlalchemy import event
from sqlalchemy.orm import Session

_due = threading.Event()


def wake_after_commit(session: Session) -> None:
    """Wake the scheduler once ``session``'s transaction commits (not if it rolls back)."""
    event.listen(session, "after_commit", _on_commit, once=True)


def wake() -> None:
    """Wake the scheduler now."""
    _due.set()


def wait(timeout: float) -> None:
    """Sleep until woken or ``timeout`` seconds have passed."""
    _due.wait(timeout)
    _due.clear()


def _on_commit(session: Session) -> None:
    _due.set()
