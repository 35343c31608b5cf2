"""Strings to dates and date-times, with the platform's formats (reference §6.3).

Without an explicit format Data Prep tries these Java patterns in order, the first match
winning: ``yyyy-MM-dd HH:mm:ssZ``, ``yyyy-MM-dd HH:mm:ss.SSSZ``, ``yyyy-MM-dd HH:mm:ss.SSS``,
``yyyy-MM-dd'T'HH:mm:ss.SSSX``, ``yyyy-MM-dd'T'HH:mm:ss'Z'``, ``yyyy-MM-dd``, ``yyyy/MM/dd``,
``yyyy.MM.dd``, ``yyyy-MMM-dd``, ``yyyyMMdd``, ``MM-dd-yyyy``, ``MMddyyyy``, ``M/dd/yyyy``,
``dd.M.yyyy``, ``M/dd/yyyy hh:mm:ss a``, ``dd.M.yyyy hh:mm:ss a``, ``dd.MMM.yyyy``,
``dd-MMM-yyyy``. Here they are chrono patterns, slightly widened so that every ISO-8601 form
parses: fractions of a second are optional and of any length (kept to the microsecond), and a
zone is ``Z``, ``+hh``, ``+hhmm`` or ``+hh:mm``. A value without a zone is UTC; a value with
one is converted to UTC. Month names are English, any case.

No string matches both a date-only and a date-time pattern, so each group is tried on its own
(dates first for a date field, date-times first for a date-time field) without changing which
pattern wins. Patterns are tried per column, each on the values still unparsed: a column in
one format costs one vectorised parse.
"""

from __future__ import annotations

from collections.abc import Callable

import polars as pl

from headwater.engine.mapping.types import POLARS_TIMESTAMP

# No string matches two of these (the separator, the zone and the seconds differ), so their
# order does not change any result: ISO-8601 comes first because it is the most common.
DATE_TIME_FORMATS = (
    "%Y-%m-%dT%H:%M:%S%.f%#z",  # yyyy-MM-dd'T'HH:mm:ss.SSSX, yyyy-MM-dd'T'HH:mm:ss'Z'
    "%Y-%m-%dT%H:%M:%S%.f",  # ISO-8601 without a zone
    "%Y-%m-%d %H:%M:%S%.f%#z",  # yyyy-MM-dd HH:mm:ssZ, yyyy-MM-dd HH:mm:ss.SSSZ
    "%Y-%m-%d %H:%M:%S%.f",  # yyyy-MM-dd HH:mm:ss.SSS
    "%Y-%m-%dT%H:%M%#z",  # ISO-8601 without seconds
    "%Y-%m-%dT%H:%M",
    "%m/%d/%Y %I:%M:%S %p",  # M/dd/yyyy hh:mm:ss a
    "%d.%m.%Y %I:%M:%S %p",  # dd.M.yyyy hh:mm:ss a
)
DATE_FORMATS = (
    "%Y-%m-%d",
    "%Y/%m/%d",
    "%Y.%m.%d",
    "%Y-%b-%d",  # yyyy-MMM-dd
    "%Y%m%d",
    "%m-%d-%Y",
    "%m%d%Y",
    "%m/%d/%Y",  # M/dd/yyyy
    "%d.%m.%Y",  # dd.M.yyyy
    "%d.%b.%Y",
    "%d-%b-%Y",
)


def parse_date_times(values: pl.Series) -> pl.Series:
    """Strings as UTC date-times (``null`` where no format matches)."""
    text = values.cast(pl.String)
    out = _parse(text, None, DATE_TIME_FORMATS, POLARS_TIMESTAMP)
    return _parse(text, out, DATE_FORMATS, POLARS_TIMESTAMP)


def parse_dates(values: pl.Series) -> pl.Series:
    """Strings as dates: a date-time keeps its UTC date (``null`` where no format matches)."""
    text = values.cast(pl.String)
    out = _parse(text, None, DATE_FORMATS, pl.Date())
    todo = out.is_null() & text.is_not_null()
    if not todo.any():
        return out
    where = todo.arg_true()
    stamps = _parse(text.gather(where), None, DATE_TIME_FORMATS, POLARS_TIMESTAMP)
    return out.scatter(where, stamps.dt.date())


def _parse(
    text: pl.Series, out: pl.Series | None, formats: tuple[str, ...], dtype: pl.Date | pl.Datetime
) -> pl.Series:
    """``out`` with its nulls filled by trying ``formats`` in turn on the values still unparsed."""
    for fmt in formats:
        if out is None:
            out = text.str.strptime(dtype, fmt, strict=False)
            continue
        todo = out.is_null() & text.is_not_null()
        if not todo.any():
            break
        where = todo.arg_true()
        out = out.scatter(where, text.gather(where).str.strptime(dtype, fmt, strict=False))
    assert out is not None
    return out


def parser(kind: str) -> Callable[[pl.Expr], pl.Expr]:
    """An expression builder parsing strings to ``date`` or ``date-time`` (see module doc)."""
    if kind == "date":
        return lambda expr: expr.map_batches(parse_dates, return_dtype=pl.Date)
    return lambda expr: expr.map_batches(parse_date_times, return_dtype=POLARS_TIMESTAMP)
