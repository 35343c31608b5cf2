"""Plain-Python references of the date/time functions (``FunctionDef.scalar``).

Date-times are aware ``datetime`` values; a row error raises :class:`RowError` with the same
message as the vectorised function.
"""

from __future__ import annotations

import datetime as dt
from typing import Any
from zoneinfo import ZoneInfo

from headwater.dataprep import reference
from headwater.dataprep.cast import JAVA_BLANKS
from headwater.dataprep.functions.date_args import PARTS, SETTABLE, YEARS, zone_id
from headwater.dataprep.functions.date_compile import MILLIS, default_plans
from headwater.dataprep.functions.date_plan import plan_for
from headwater.dataprep.functions.date_reference import component, format_java, parse_java
from headwater.dataprep.reference import RowError

UTC = ZoneInfo("UTC")
_NAMES = {"y": "year", "M": "month", "d": "day", "H": "hour", "m": "minute", "s": "second"}


def _aware(value: dt.datetime) -> dt.datetime:
    return value if value.tzinfo is not None else value.replace(tzinfo=UTC)


def s_format(date: dt.datetime | None, pattern: str | None) -> str | None:
    if date is None or pattern is None:
        return None
    return format_java(_aware(date), pattern)


def s_dformat(stamp: Any, pattern: str | None) -> str | None:
    millis = reference.integer(stamp)
    if millis is None or pattern is None:
        return None
    if not MILLIS[0] <= millis <= MILLIS[1]:
        raise RowError(f"{reference.quoted(millis)} is not a time in the years 1-9999")
    epoch = dt.datetime(1970, 1, 1, tzinfo=UTC)
    return format_java(epoch + dt.timedelta(milliseconds=millis), pattern)


def s_date(
    source: Any, pattern: str | None = None, default: dt.datetime | None = None
) -> dt.datetime | None:
    if isinstance(source, dt.datetime):
        return _aware(source)
    fallback = None if default is None else _aware(default).astimezone(UTC)
    if source is None or not source.strip(JAVA_BLANKS):
        return fallback
    plans = default_plans() if pattern is None else (plan_for(pattern),)
    parsed = next((p for p in (parse_java(source, plan) for plan in plans) if p is not None), None)
    if parsed is not None:
        return parsed
    if fallback is not None:
        return fallback
    expected = "any default date format" if pattern is None else f"the format '{pattern}'"
    raise RowError(f"{reference.quoted(source)} does not match {expected}")


def s_date_part(name: str, date: dt.datetime | None) -> int | None:
    if date is None:
        return None
    letter = PARTS[name.lower()]
    date = _aware(date)
    return date.microsecond // 1000 if letter == "ms" else component(date, letter)


def _days_in_month(year: int, month: int) -> int:
    following = dt.date(year + month // 12, month % 12 + 1, 1)
    return (following - dt.timedelta(days=1)).day


def _wall(value: dt.datetime) -> dt.datetime:
    return value.replace(tzinfo=None)


def _place(local: dt.datetime, zone: Any, prefer: dt.timedelta | None) -> dt.datetime:
    """A wall-clock time in ``zone`` as Java's ``ZonedDateTime.ofLocal`` places it."""
    candidates = [local.replace(tzinfo=zone, fold=fold) for fold in (0, 1)]
    real = [
        c for c in candidates if c.astimezone(UTC).astimezone(zone).replace(tzinfo=None) == local
    ]
    chosen = next((c for c in real if c.utcoffset() == prefer), real[0] if real else candidates[0])
    return chosen.astimezone(zone)  # in a gap fold 0 reads the earlier offset: moved later


def s_set_date_part(name: str, value: Any, date: dt.datetime | None) -> dt.datetime | None:
    new = reference.integer(value)
    if new is None or date is None:
        return None
    letter = SETTABLE[name.lower()]
    date = _aware(date)
    parts = {"y": date.year, "M": date.month, "d": date.day, "H": date.hour, "m": date.minute}
    parts |= {"s": date.second, letter: new}
    limits = {"y": YEARS, "M": (1, 12), "H": (0, 23)}.get(letter, (0, 59))
    if letter in "yM" and limits[0] <= new <= limits[1]:
        parts["d"] = min(parts["d"], _days_in_month(parts["y"], parts["M"]))
    if letter == "d":
        limits = (1, _days_in_month(parts["y"], parts["M"]))
    if not limits[0] <= new <= limits[1]:
        shown = "a day of that month" if letter == "d" else f"{limits[0]}-{limits[1]}"
        raise RowError(f"{reference.quoted(new)} is not a valid {_NAMES[letter]} ({shown})")
    local = dt.datetime(
        parts["y"], parts["M"], parts["d"], parts["H"], parts["m"], parts["s"], date.microsecond
    )
    return _place(local, date.tzinfo, date.utcoffset())


_RANGES = (
    ("YEAR", *YEARS),
    ("MONTH", 1, 12),
    ("DAY", 1, 31),
    ("HOUR", 0, 23),
    ("MINUTE", 0, 59),
    ("SECOND", 0, 59),
    ("NANOSECOND", 0, 999_999_999),
)


def s_make_date_time(*args: Any) -> dt.datetime | None:
    numbers = [reference.integer(arg) for arg in args[:7]]
    zone = ZoneInfo(zone_id(args[7]))
    if any(number is None for number in numbers):
        return None
    values = [int(number) for number in numbers if number is not None]
    for value, (name, low, high) in zip(values, _RANGES, strict=True):
        if not low <= value <= high:
            raise RowError(f"{reference.quoted(value)} is not a valid {name} ({low}-{high})")
        if name == "DAY" and value > _days_in_month(values[0], values[1]):
            raise RowError(f"{reference.quoted(value)} is not a valid DAY (a day of that month)")
    year, month, day, hour, minute, second, nanos = values
    local = dt.datetime(year, month, day, hour, minute, second, nanos // 1000)
    return _place(local, zone, None)


def s_zone_date_to_utc(date: dt.datetime | None) -> dt.datetime | None:
    return None if date is None else _aware(date).astimezone(UTC)


def s_zone_date_to_zone(date: dt.datetime | None, zone: str) -> dt.datetime | None:
    return None if date is None else _aware(date).astimezone(ZoneInfo(zone_id(zone)))
