"""``retrying``: backoff with jitter, only for transient errors, with an injected clock."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from headwater.connectors.errors import ConnectorAuthError, FileChanged, SourceUnavailable
from headwater.connectors.retry import backoff_delay, retrying
from headwater.errors import HeadwaterError


class Flaky:
    """Fails with the given errors, one per call, then returns "ok"."""

    def __init__(self, *errors: Exception) -> None:
        self.errors = list(errors)
        self.calls = 0

    def __call__(self) -> str:
        self.calls += 1
        if self.errors:
            raise self.errors.pop(0)
        return "ok"


def recorder() -> tuple[list[float], Callable[[float], None]]:
    slept: list[float] = []
    return slept, slept.append


def test_returns_at_once_without_sleeping() -> None:
    slept, sleep = recorder()
    assert retrying(Flaky(), sleep=sleep) == "ok"
    assert slept == []


def test_retries_transient_errors_with_exponential_backoff() -> None:
    slept, sleep = recorder()
    fn = Flaky(SourceUnavailable("down"), SourceUnavailable("down"), SourceUnavailable("down"))
    assert retrying(fn, sleep=sleep, jitter=lambda: 0.0, base_delay=0.2) == "ok"
    assert fn.calls == 4
    assert slept == pytest.approx([0.1, 0.2, 0.4])  # half of 0.2 * 2**n without jitter


def test_jitter_adds_up_to_half_of_the_delay() -> None:
    slept, sleep = recorder()
    retrying(
        Flaky(SourceUnavailable("x"), SourceUnavailable("x")), sleep=sleep, jitter=lambda: 0.999
    )
    assert slept == pytest.approx([0.2, 0.4], rel=1e-2)


def test_gives_up_after_the_last_attempt_with_the_last_error() -> None:
    slept, sleep = recorder()
    last = SourceUnavailable("third")
    fn = Flaky(SourceUnavailable("first"), SourceUnavailable("second"), last)
    with pytest.raises(SourceUnavailable) as caught:
        retrying(fn, attempts=3, sleep=sleep)
    assert caught.value is last
    assert fn.calls == 3 and len(slept) == 2


def test_permanent_errors_are_not_retried() -> None:
    slept, sleep = recorder()
    fn = Flaky(ConnectorAuthError("bad key"))
    with pytest.raises(ConnectorAuthError):
        retrying(fn, sleep=sleep)
    assert fn.calls == 1 and slept == []


def test_other_exceptions_propagate_at_once() -> None:
    fn = Flaky(ValueError("bug"))
    with pytest.raises(ValueError, match="bug"):
        retrying(fn, sleep=lambda _: None)
    assert fn.calls == 1


def test_delays_are_capped() -> None:
    delays = [
        backoff_delay(n, base_delay=1.0, max_delay=5.0, jitter=lambda: 1.0) for n in range(1, 8)
    ]
    assert delays == [1.0, 2.0, 4.0, 5.0, 5.0, 5.0, 5.0]


def test_on_retry_sees_each_failure() -> None:
    seen: list[tuple[int, HeadwaterError, float]] = []
    error = SourceUnavailable("x")
    retrying(
        Flaky(error),
        sleep=lambda _: None,
        jitter=lambda: 0.0,
        on_retry=lambda *args: seen.append(args),
    )
    assert seen == [(1, error, pytest.approx(0.1))]


def test_a_changed_file_is_not_retried_at_once() -> None:
    fn = Flaky(FileChanged("changed since listed"))
    with pytest.raises(FileChanged):
        retrying(fn, sleep=lambda _: None)
    assert fn.calls == 1


def test_attempts_must_be_positive() -> None:
    with pytest.raises(ValueError, match="attempts"):
        retrying(Flaky(), attempts=0)
