"""Arguments of the date/time functions, checked at compile time, and small shared pieces.

Date-times are ``Datetime("us", zone)`` (Java's ``ZonedDateTime``; zone-less columns and
``Date`` read as UTC). Formats, components and zones must be literal strings: each is
translated once, at compile time.
"""

from __future__ import annotations

import re
import zoneinfo
from collections.abc import Callable
from functools import cache

import polars as pl

from headwater.dataprep import kinds
from headwater.dataprep.functions.common import literal
from headwater.dataprep.values import ExpressionError, Value

# date_part's components (case-insensitive) → the pattern letter they read; "ms" is the
# millisecond. The platform lists "w" for both week and weekday: it reads the week.
PARTS: dict[str, str] = {
    "year": "y", "yyyy": "y", "yy": "y",
    "quarter": "Q", "qq": "Q", "q": "Q",
    "month": "M", "mm": "M", "m": "M",
    "dayofyear": "D", "dy": "D", "y": "D",
    "day": "d", "dd": "d", "d": "d",
    "week": "w", "ww": "w", "w": "w",
    "weekday": "E", "dw": "E",
    "hour": "H", "hh": "H", "hh24": "H", "hh12": "h",
    "minute": "m", "mi": "m", "n": "m",
    "second": "s", "ss": "s", "s": "s",
    "millisecond": "ms", "ms": "ms", "sss": "ms",
}  # fmt: skip
# set_date_part's components → the letter they replace.
SETTABLE: dict[str, str] = {
    "year": "y", "yyyy": "y", "yy": "y",
    "month": "M", "mm": "M", "m": "M",
    "day": "d", "dd": "d", "d": "d",
    "hour": "H", "hh": "H",
    "minute": "m", "mi": "m", "n": "m",
    "second": "s", "ss": "s", "s": "s",
}  # fmt: skip
YEARS = (1, 9999)


def date_time(value: Value, what: str) -> tuple[pl.Expr, str]:
    """A date-time argument as ``Datetime[us, zone]`` and its zone (a null literal is UTC)."""
    dtype = value.dtype
    if kinds.is_null(dtype):
        return pl.lit(None, dtype=kinds.DATE_TIME), "UTC"
    if dtype == pl.Date:
        return value.expr.cast(pl.Datetime("us")).dt.replace_time_zone("UTC"), "UTC"
    if isinstance(dtype, pl.Datetime):
        expr = value.expr if dtype.time_zone else value.expr.dt.replace_time_zone("UTC")
        return expr.dt.cast_time_unit("us"), dtype.time_zone or "UTC"
    kind = kinds.kind_name(dtype)
    article = "an" if kind[0] in "aeiou" else "a"
    raise ExpressionError(
        f"{what} must be a date-time, not {article} {kind} (read text with date())"
    )


def text_constant(value: Value, what: str) -> str | None:
    """A literal string argument (None for the literal null)."""
    found = literal(value, what)
    if found is not None and not isinstance(found, str):
        raise ExpressionError(f"{what} must be a string literal")
    return found


def component_name(value: Value, names: dict[str, str], what: str) -> str:
    """The pattern letter a literal component name stands for."""
    name = text_constant(value, what)
    letter = names.get((name or "").lower())
    if letter is None:
        raise ExpressionError(f"{what} {name!r} is not one of: {', '.join(names)}")
    return letter


_OFFSET_ID = re.compile(r"(?:UTC|GMT|UT)?([+-])([0-9]{1,2})(?::?([0-9]{2}))?")


@cache
def zone_id(name: str) -> str:
    """The Polars zone for a Java zone ID: IANA names, ``Z``/``UTC``, whole-hour offsets.

    Raises:
        ExpressionError: an unknown zone, or an offset that is not whole hours.
    """
    if name in ("Z", "UTC", "GMT", "UT"):
        return "UTC"
    offset = _OFFSET_ID.fullmatch(name)
    if offset is not None:
        sign, hours, minutes = offset.groups()
        if int(minutes or 0) != 0 or int(hours) > 14:
            raise ExpressionError(f"time zone {name!r}: only whole-hour offsets are supported")
        # POSIX-style Etc zones count the other way: UTC+02:00 is Etc/GMT-2
        return "UTC" if int(hours) == 0 else f"Etc/GMT{'-' if sign == '+' else '+'}{int(hours)}"
    try:
        zoneinfo.ZoneInfo(name)
        pl.select(pl.lit(None, dtype=pl.Datetime("us")).dt.replace_time_zone(name))
    except (zoneinfo.ZoneInfoNotFoundError, ValueError, pl.exceptions.ComputeError):
        raise ExpressionError(f"unknown time zone {name!r}") from None
    return name


def zone_argument(value: Value, what: str) -> str:
    """A literal zone ID argument, as a Polars zone."""
    name = text_constant(value, what)
    if not name:
        raise ExpressionError(f"{what} must be a time-zone ID such as 'Europe/Paris'")
    return zone_id(name)


def let(bindings: dict[str, pl.Expr], body: Callable[..., pl.Expr]) -> pl.Expr:
    """``body(*fields)`` where each binding is computed once, however often ``body`` uses it.

    Without common-subexpression elimination Polars evaluates a sub-expression at every place
    it appears; the fields of one struct are evaluated once.
    """
    fields = [pl.field(name) for name in bindings]
    result = body(*fields).alias("_result")
    bound = pl.struct([expr.alias(name) for name, expr in bindings.items()])
    return bound.struct.with_fields(result).struct.field("_result")
