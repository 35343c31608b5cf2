"""When a flow runs: ``first_run_at`` and ``next_run_after`` (epoch seconds throughout)."""

from __future__ import annotations

from typing import Any

import pytest

from headwater.services.runs.schedule import (
    UNIT_SECONDS,
    first_run_at,
    next_run_after,
    rescheduled_at,
)

START = 1_700_000_000


def periodic(frequency: str, interval: int, **extra: Any) -> dict[str, Any]:
    return {"startTime": START, "frequency": frequency, "interval": interval, **extra}


def test_the_first_run_is_at_the_start_time() -> None:
    assert first_run_at({"startTime": START, "frequency": "once"}) == START
    assert first_run_at(periodic("hour", 1)) == START
    assert first_run_at({"startTime": str(START), "frequency": "day", "interval": "1"}) == START


def test_a_flow_without_a_schedule_never_runs_on_its_own() -> None:
    assert first_run_at({}) is None


def test_a_once_flow_has_no_next_run() -> None:
    assert next_run_after({"startTime": START, "frequency": "once"}, START, START) is None


@pytest.mark.parametrize(
    ("frequency", "interval"),
    [
        ("minute", 15),
        ("minute", 30),
        ("hour", 1),
        ("hour", 6),
        ("day", 1),
        ("day", 3),
        ("week", 1),
        ("week", 2),
    ],
)
def test_periodic_runs_follow_the_start_time_by_whole_periods(
    frequency: str, interval: int
) -> None:
    schedule = periodic(frequency, interval)
    period = UNIT_SECONDS[frequency] * interval
    assert next_run_after(schedule, START, START) == START + period
    # Claimed a little late (a tick after the due time): still aligned to the start time.
    assert next_run_after(schedule, START, START + 1) == START + period
    assert next_run_after(schedule, START + period, START + period + 2) == START + 2 * period


def test_intervals_given_as_text_are_read_as_numbers() -> None:
    schedule = {"startTime": str(START), "frequency": "hour", "interval": "2"}
    assert next_run_after(schedule, START, START) == START + 7200


def test_missed_slots_collapse_into_one_catch_up_run() -> None:
    schedule = periodic("hour", 1)
    # The service was down for 5 hours and 10 minutes after the first run was due: the run
    # claimed now is the one catch-up run, and the next one is the next aligned slot.
    now = START + 5 * 3600 + 600
    assert next_run_after(schedule, START, now) == START + 6 * 3600
    # Exactly on a slot boundary: that slot is the catch-up run, the next is one period on.
    assert next_run_after(schedule, START, START + 3 * 3600) == START + 4 * 3600


def test_a_start_time_far_in_the_past_runs_once_now_then_on_its_slots() -> None:
    long_ago = 1_597_784_298  # the tutorials' start time
    schedule = {"startTime": long_ago, "frequency": "minute", "interval": 30}
    now = START
    following = next_run_after(schedule, long_ago, now)
    assert following is not None
    assert now < following <= now + 1800
    assert (following - long_ago) % 1800 == 0


def test_the_schedule_ends_at_its_end_time() -> None:
    schedule = periodic("day", 1, endTime=START + 2 * 86_400)
    assert next_run_after(schedule, START, START) == START + 86_400
    assert next_run_after(schedule, START + 86_400, START + 86_400) == START + 2 * 86_400
    assert next_run_after(schedule, START + 2 * 86_400, START + 2 * 86_400) is None
    # A catch-up run after the end time is the last one.
    assert next_run_after(schedule, START, START + 10 * 86_400) is None


@pytest.mark.parametrize("frequency", ["once", "month", None])
def test_unknown_or_one_off_frequencies_have_no_next_run(frequency: str | None) -> None:
    assert next_run_after({"startTime": START, "frequency": frequency}, START, START) is None


@pytest.mark.parametrize(
    ("schedule", "ran", "expected"),
    [
        ({"frequency": "once", "startTime": 2_000}, True, 2_000),  # moved to the future
        ({"frequency": "once", "startTime": 500}, False, 1_000),  # due: runs now
        ({"frequency": "once", "startTime": 500}, True, None),  # ran already: done
        ({"frequency": "minute", "interval": 5, "startTime": 400}, True, 1_300),  # next slot
        ({"frequency": "minute", "interval": 5, "startTime": 450}, True, 1_050),
        ({"frequency": "hour", "interval": 1, "startTime": 500}, False, 1_000),
        ({"frequency": "minute", "interval": 1}, False, None),
    ],
)
def test_a_changed_schedule_moves_the_next_run(
    schedule: dict[str, Any], ran: bool, expected: int | None
) -> None:
    assert rescheduled_at(schedule, 1_000, ran=ran) == expected
