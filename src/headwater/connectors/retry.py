"""Retrying transient failures with exponential backoff and jitter."""

from __future__ import annotations

import random
import time
from collections.abc import Callable
from typing import TypeVar

from headwater.connectors.errors import FileChanged
from headwater.errors import HeadwaterError

T = TypeVar("T")

RetryHook = Callable[[int, HeadwaterError, float], None]


def backoff_delay(
    attempt: int, *, base_delay: float, max_delay: float, jitter: Callable[[], float]
) -> float:
    """The pause after failed attempt number ``attempt`` (1-based): "equal jitter" backoff.

    Half of ``base_delay * 2 ** (attempt - 1)`` (capped at ``max_delay``) is always waited; the
    other half is scaled by ``jitter()`` (a number in ``[0, 1)``), so that many workers failing
    together do not retry together.
    """
    ceiling = min(max_delay, base_delay * 2.0 ** (attempt - 1))
    return ceiling / 2 + ceiling / 2 * jitter()


def retrying(
    fn: Callable[[], T],
    *,
    attempts: int = 4,
    base_delay: float = 0.2,
    max_delay: float = 10.0,
    sleep: Callable[[float], None] = time.sleep,
    jitter: Callable[[], float] = random.random,
    on_retry: RetryHook | None = None,
) -> T:
    """Call ``fn`` until it succeeds, retrying only errors marked ``transient``.

    :class:`FileChanged` is transient for the run (listing again finds the new version) but is
    not retried here: the same file version would fail the same way.

    Args:
        fn: The operation, without arguments (use a lambda or ``functools.partial``).
        attempts: How many calls at most (1 means no retry).
        base_delay: The pause after the first failure, in seconds; doubled after each one.
        max_delay: The longest pause, in seconds.
        sleep: Waits a number of seconds (injected in tests).
        jitter: Returns a random number in ``[0, 1)`` (injected in tests).
        on_retry: Called as ``on_retry(attempt, error, delay)`` before each pause.

    Returns:
        What ``fn`` returns.

    Raises:
        HeadwaterError: the last transient error once ``attempts`` calls failed, or the first
            error that is not transient. Any other exception propagates at once.
    """
    if attempts < 1:
        raise ValueError("attempts must be at least 1")
    for attempt in range(1, attempts + 1):
        try:
            return fn()
        except HeadwaterError as exc:
            if not exc.transient or isinstance(exc, FileChanged) or attempt == attempts:
                raise
            delay = backoff_delay(
                attempt, base_delay=base_delay, max_delay=max_delay, jitter=jitter
            )
            if on_retry is not None:
                on_retry(attempt, exc, delay)
            sleep(delay)
    raise AssertionError("unreachable")  # pragma: no cover
