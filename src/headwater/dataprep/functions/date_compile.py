"""The vectorised bodies of the date/time functions (their catalogue entries are in ``dates``).

A function's own row errors (a text that is not a date, a month 13) null that row and say why;
nulls in give null out. Results that are date-times keep the zone they had (``date`` of a text
is UTC; ``make_date_time`` is in its TIMEZONE; ``zone_date_to_zone`` in ZONE).
"""

from __future__ import annotations

import datetime as dt
import time
from collections.abc import Sequence
from functools import cache

import polars as pl

from headwater.dataprep import cast, kinds
from headwater.dataprep.functions.date_args import (
    PARTS,
    SETTABLE,
    YEARS,
    component_name,
    date_time,
    let,
    text_constant,
    zone_argument,
)
from headwater.dataprep.functions.date_parse import (
    US_PER_DAY,
    days_from_civil,
    days_in_month,
    parse_datetime,
)
from headwater.dataprep.functions.date_parts import Moment, component, format_datetime, localize
from headwater.dataprep.functions.date_patterns import DEFAULT_FORMATS, ISO_FALLBACKS, tokenize
from headwater.dataprep.functions.date_plan import ParsePlan, build_plan, plan_for
from headwater.dataprep.values import Value

# dformat's range: the milliseconds of 0001-01-01T00:00Z to 9999-12-31T23:59:59.999Z
MILLIS = (-62_135_596_800_000, 253_402_300_799_999)


def c_now(args: Sequence[Value]) -> Value:
    stamp = dt.datetime.now(dt.UTC)
    return Value(pl.lit(stamp, dtype=kinds.DATE_TIME), kinds.DATE_TIME)


def c_timestamp(args: Sequence[Value]) -> Value:
    return Value(pl.lit(time.time_ns() // 1_000_000, dtype=pl.Int64), kinds.INTEGER)


def c_format(args: Sequence[Value]) -> Value:
    date, zone = date_time(args[0], "The DATE of format")
    pattern = text_constant(args[1], "The FORMAT of format")
    if pattern is None:
        return Value(pl.lit(None, dtype=pl.String), kinds.STRING)
    tokens = tokenize(pattern)
    text = let({"date": date}, lambda d: format_datetime(Moment(d, zone), tokens))
    return Value(text, kinds.STRING)


def c_dformat(args: Sequence[Value]) -> Value:
    stamp = cast.integer(args[0], "The TIMESTAMP of dformat")
    pattern = text_constant(args[1], "The FORMAT of dformat")
    if pattern is None:
        return Value(pl.lit(None, dtype=pl.String), kinds.STRING, stamp.error)
    tokens = tokenize(pattern)
    millis = stamp.expr

    def body(ms: pl.Expr) -> pl.Expr:
        date = pl.from_epoch(pl.when(ms.is_between(*MILLIS)).then(ms), time_unit="ms")
        utc = date.dt.cast_time_unit("us").dt.replace_time_zone("UTC")
        return format_datetime(Moment(utc, "UTC"), tokens)

    outside = millis.is_not_null() & ~millis.is_between(*MILLIS)
    error = cast.quoted(pl.when(outside).then(millis)) + " is not a time in the years 1-9999"
    return Value(let({"ms": millis}, body), kinds.STRING, cast.merge_errors([stamp.error, error]))


@cache
def default_plans() -> tuple[ParsePlan, ...]:
    """The platform's default formats, in order, then the ISO-8601 forms."""
    documented = tuple(plan_for(pattern) for pattern in DEFAULT_FORMATS)
    return documented + tuple(build_plan(tokens, "ISO-8601") for tokens in ISO_FALLBACKS)


def c_date(args: Sequence[Value]) -> Value:
    source = args[0]
    pattern = text_constant(args[1], "The FORMAT of date") if len(args) > 1 else None
    default = date_time(args[2], "The DEFAULT_DATE of date")[0] if len(args) > 2 else None
    if not kinds.is_string(source.dtype):
        date, zone = date_time(source, "The DATE of date (a string or a date-time)")
        if default is not None:
            date = pl.coalesce(date, default.dt.convert_time_zone(zone))
        return Value(date, pl.Datetime("us", zone))
    plans = default_plans() if pattern is None else (plan_for(pattern),)
    fallback = () if default is None else (default.dt.convert_time_zone("UTC"),)

    def body(text: pl.Expr) -> pl.Expr:
        # No test for blank texts: no plan reads one (every plan needs digits or names).
        tries = [parse_datetime(text, plan) for plan in plans]
        parsed = pl.coalesce(tries) if len(tries) > 1 else tries[0]
        return pl.coalesce(parsed, *fallback) if fallback else parsed

    # The plans read the text several times: bind it, unless it is a column already.
    text = source.expr
    result = body(text) if text.meta.is_column() else let({"text": text}, body)
    expected = "any default date format" if pattern is None else f"the format '{pattern}'"
    # The message is built from the texts that did not parse only (null where the rest did).
    missed = cast.not_blank(pl.when(result.is_null()).then(text))
    return Value(result, kinds.DATE_TIME, cast.quoted(missed) + f" does not match {expected}")


def c_date_part(args: Sequence[Value]) -> Value:
    letter = component_name(args[0], PARTS, "The COMPONENT of date_part")
    date, zone = date_time(args[1], "The DATE of date_part")

    def body(d: pl.Expr) -> pl.Expr:
        moment = Moment(d, zone)
        return component(moment, "S") // 1000 if letter == "ms" else component(moment, letter)

    return Value(let({"date": date}, body), kinds.INTEGER)


def c_set_date_part(args: Sequence[Value]) -> Value:
    letter = component_name(args[0], SETTABLE, "The COMPONENT of set_date_part")
    value = cast.integer(args[1], "The VALUE of set_date_part")
    date, zone = date_time(args[2], "The DATE of set_date_part")
    bindings = {"date": date, "value": value.expr}

    def body(d: pl.Expr, new: pl.Expr) -> pl.Expr:
        moment = Moment(d, zone)
        parts, fits = _replaced(moment, letter, new)
        return pl.when(fits).then(localize(_local(parts, fits), zone, prefer_offset=moment.offset))

    def failed(d: pl.Expr, new: pl.Expr) -> pl.Expr:
        fits = _replaced(Moment(d, zone), letter, new)[1]
        return d.is_not_null() & new.is_not_null() & ~fits

    limits = {"y": "1-9999", "M": "1-12", "d": "a day of that month", "H": "0-23"}
    shown = f" is not a valid {_NAMES[letter]} ({limits.get(letter, '0-59')})"
    error = cast.quoted(pl.when(let(bindings, failed)).then(value.expr)) + shown
    result = let(bindings, body)
    return Value(result, pl.Datetime("us", zone), cast.merge_errors([value.error, error]))


def _replaced(moment: Moment, letter: str, new: pl.Expr) -> tuple[dict[str, pl.Expr], pl.Expr]:
    """The wall-clock parts with one replaced, and whether the new value fits."""
    parts = {part: component(moment, part) for part in "yMdHmsS"}
    parts[letter] = new
    if letter in "yM":  # a shorter month keeps its last day (Jan 31 → Feb 28)
        parts["d"] = pl.min_horizontal(parts["d"], days_in_month(parts["y"], parts["M"]))
    if letter == "d":
        return parts, new.is_between(1, days_in_month(parts["y"], parts["M"]))
    low, high = {"y": YEARS, "M": (1, 12), "H": (0, 23)}.get(letter, (0, 59))
    return parts, new.is_between(low, high)


_NAMES = {"y": "year", "M": "month", "d": "day", "H": "hour", "m": "minute", "s": "second"}


def _local(parts: dict[str, pl.Expr], fits: pl.Expr) -> pl.Expr:
    """Wall-clock parts (``S`` in microseconds) as naive ``Datetime``, null unless ``fits``."""
    days = days_from_civil(parts["y"], parts["M"], parts["d"])
    seconds = (parts["H"] * 60 + parts["m"]) * 60 + parts["s"]
    micros = pl.when(fits).then(days * US_PER_DAY + seconds * 1_000_000 + parts["S"])
    return micros.cast(pl.Datetime("us"))


_RANGES = (
    ("YEAR", *YEARS),
    ("MONTH", 1, 12),
    ("DAY", 1, 31),
    ("HOUR", 0, 23),
    ("MINUTE", 0, 59),
    ("SECOND", 0, 59),
    ("NANOSECOND", 0, 999_999_999),
)


def c_make_date_time(args: Sequence[Value]) -> Value:
    ints = [
        cast.integer(arg, f"The {name} of make_date_time")
        for arg, (name, *_) in zip(args, _RANGES, strict=False)
    ]
    zone = zone_argument(args[7], "The TIMEZONE of make_date_time")
    names = [name.lower() for name, *_ in _RANGES]

    def body(*values: pl.Expr) -> pl.Expr:
        parts = dict(zip("yMdHms", values, strict=False))
        parts["S"] = values[6] // 1000  # nanoseconds → microseconds (truncated)
        fits = _all_fit(values)
        return pl.when(fits).then(localize(_local(parts, fits), zone))

    result = let(dict(zip(names, (value.expr for value in ints), strict=True)), body)
    error = _range_error([value.expr for value in ints])
    errors = cast.merge_errors([*(value.error for value in ints), error])
    return Value(result, pl.Datetime("us", zone), errors)


def _all_fit(values: Sequence[pl.Expr]) -> pl.Expr:
    fits = [
        value.is_between(low, high) for value, (_, low, high) in zip(values, _RANGES, strict=True)
    ]
    days = days_in_month(values[0], values[1])
    return pl.all_horizontal(fits) & (values[2] <= days)


def _range_error(values: Sequence[pl.Expr]) -> pl.Expr:
    """The first argument out of its range, as a message (null when all fit)."""
    checks = [
        (value.is_between(low, high), value, f"{name} ({low}-{high})")
        for value, (name, low, high) in zip(values, _RANGES, strict=True)
    ]
    days = days_in_month(values[0], values[1])
    checks.insert(3, (values[2] <= days, values[2], "DAY (a day of that month)"))
    shown = [
        cast.quoted(pl.when(~fits).then(value)) + f" is not a valid {what}"
        for fits, value, what in checks
    ]
    return pl.coalesce(shown)


def c_zone_date_to_utc(args: Sequence[Value]) -> Value:
    date, _ = date_time(args[0], "The DATE of zone_date_to_utc")
    return Value(date.dt.convert_time_zone("UTC"), kinds.DATE_TIME)


def c_zone_date_to_zone(args: Sequence[Value]) -> Value:
    date, _ = date_time(args[0], "The DATE of zone_date_to_zone")
    zone = zone_argument(args[1], "The ZONE of zone_date_to_zone")
    return Value(date.dt.convert_time_zone(zone), pl.Datetime("us", zone))
