"""When a flow runs next, from its ``scheduleParams`` (epoch seconds throughout)."""

from __future__ import annotations

from typing import Any

UNIT_SECONDS = {"minute": 60, "hour": 3600, "day": 86_400, "week": 604_800}


def first_run_at(schedule: dict[str, Any]) -> int | None:
    """The first due time: the start time (a past start time means "now")."""
    start = schedule.get("startTime")
    return int(start) if start is not None else None


def next_run_after(schedule: dict[str, Any], due: int, now: int) -> int | None:
    """The due time after the one just claimed; None when the schedule is over.

    Periodic schedules stay aligned to ``startTime`` and skip the slots missed while the service
    was down (one catch-up run, not one per missed slot).
    """
    frequency = schedule.get("frequency")
    if frequency == "once" or frequency not in UNIT_SECONDS:
        return None
    period = UNIT_SECONDS[frequency] * int(schedule.get("interval") or 1)
    start = int(schedule.get("startTime", due))
    slots = max((max(now, due) - start) // period + 1, 1)
    nxt = start + slots * period
    end = schedule.get("endTime")
    return None if end is not None and nxt > int(end) else nxt


def rescheduled_at(schedule: dict[str, Any], now: int, *, ran: bool) -> int | None:
    """The next due time of a flow whose ``scheduleParams`` just changed.

    A start time still to come is the next due time. Once it has passed: a ``once`` flow that
    has not run yet runs now (one that has is done); a periodic flow waits for its next slot.
    """
    start = schedule.get("startTime")
    if start is None:
        return None
    if int(start) >= now:
        return int(start)
    if schedule.get("frequency") == "once" or not ran:
        return None if ran else now
    return next_run_after(schedule, int(start), now)
