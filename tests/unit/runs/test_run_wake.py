"""The scheduler of a process is woken when a transaction that may make a run due commits."""

from __future__ import annotations

import threading
import time

import pytest

from headwater.services.runs import wake
from headwater.store import Database


def woken_within(seconds: float, action: object) -> float:
    """How long ``wake.wait`` slept when ``action`` runs in another thread meanwhile."""
    wake.wait(0)  # forget an earlier wake-up
    thread = threading.Thread(target=action)  # type: ignore[arg-type]
    started = time.monotonic()
    thread.start()
    wake.wait(seconds)
    thread.join()
    return time.monotonic() - started


def test_a_commit_wakes_the_scheduler_at_once(db: Database) -> None:
    def commit() -> None:
        time.sleep(0.1)
        with db.transaction() as session:
            wake.wake_after_commit(session)

    assert woken_within(10, commit) < 5


def test_a_rollback_does_not(db: Database) -> None:
    def fail_inside() -> None:
        with db.transaction() as session:
            wake.wake_after_commit(session)
            raise RuntimeError("the request failed")

    def roll_back() -> None:
        with pytest.raises(RuntimeError):
            fail_inside()

    assert woken_within(0.5, roll_back) >= 0.5
