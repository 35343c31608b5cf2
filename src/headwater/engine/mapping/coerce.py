"""Scalar values to the XDM type of their destination: the platform's coercion matrix.

Reference §5.1 and §6.3. Every rule is a Polars expression over the whole column:

================  =============================================================================
destination       accepted sources
================  =============================================================================
string            strings; numbers, booleans, dates (``yyyy-MM-dd``) and date-times
                  (``yyyy-MM-ddTHH:mm:ss.ffffffZ``) as text
byte/short/int/   integer literals in strings (optional sign, no blanks or fraction), integers,
long              numbers without a fraction; in the type's range (long: ±9007199254740991)
number            number literals in strings, integers, numbers; finite
boolean           booleans; strings ``true/false``, ``yes/no``, ``y/n``, ``on/off`` in any case
date              strings in the platform's date formats (``temporal``), dates, date-times
                  (their UTC date), integers as epoch milliseconds
date-time         the same, to a UTC timestamp (``timestamp[us, UTC]``); zone-less text is UTC
================  =============================================================================

Anything else (a boolean to a number, a number to a date-time other than an integer, an
object or array to a scalar) is a type incompatibility: :func:`coerce` returns ``None``.
"""

from __future__ import annotations

from dataclasses import dataclass

import polars as pl
import pyarrow as pa  # type: ignore[import-untyped]

from headwater.engine.mapping.temporal import parser
from headwater.engine.mapping.types import (
    INTEGER_RANGES,
    POLARS_TIMESTAMP,
    TIMESTAMP,
    PolarsType,
    polars_type,
)

TRUE_WORDS = ("true", "yes", "y", "on")
FALSE_WORDS = ("false", "no", "n", "off")
# Epoch milliseconds of 0001-01-01T00:00:00Z and 9999-12-31T23:59:59.999Z.
EPOCH_MS_RANGE = (-62135596800000, 253402300799999)


@dataclass(frozen=True)
class Coerced:
    """A coerced column, and the same before range checks (to tell "not a short" from
    "out of range for short")."""

    value: pl.Expr
    parsed: pl.Expr


def coerce(expr: pl.Expr, source: PolarsType, target: pa.DataType) -> Coerced | None:
    """``expr`` (of type ``source``) as the scalar Arrow type ``target``.

    Args:
        expr: The source column.
        source: Its Polars type.
        target: A scalar Arrow type of the dataset schema (string, int8..int64, float64,
            bool, date32, timestamp[us, UTC]).

    Returns:
        The coerced value (``null`` where a value cannot convert), or ``None`` when no value of
        type ``source`` can convert to ``target``.
    """
    if source == pl.Null:
        nulls = pl.lit(None, dtype=polars_type(target))
        return Coerced(nulls, nulls)
    if isinstance(source, pl.Categorical | pl.Enum):
        expr, source = expr.cast(pl.String), pl.String()
    if target == pa.string():
        text = _to_text(expr, source)
        return None if text is None else Coerced(text, text)
    if target in INTEGER_RANGES:
        return _to_integer(expr, source, target)
    convert = _CONVERTERS.get(target)
    value = convert(expr, source) if convert is not None else None
    return None if value is None else Coerced(value, value)


def _to_text(expr: pl.Expr, source: PolarsType) -> pl.Expr | None:
    if source == pl.String:
        return expr
    if source.is_numeric() or source == pl.Boolean or source == pl.Date:
        return expr.cast(pl.String)
    if isinstance(source, pl.Datetime):
        return _utc(expr, source).dt.to_string("%Y-%m-%dT%H:%M:%S%.fZ")
    return None


def _to_integer(expr: pl.Expr, source: PolarsType, target: pa.DataType) -> Coerced | None:
    if source == pl.String or source.is_integer():
        parsed = expr.cast(pl.Int64, strict=False)
    elif source.is_float() or source.is_decimal():
        number = expr.cast(pl.Float64)
        whole = number.is_finite() & (number == number.floor())
        parsed = pl.when(whole).then(number).cast(pl.Int64, strict=False)
    else:
        return None
    _, low, high = INTEGER_RANGES[target]
    value = pl.when(parsed.is_between(low, high)).then(parsed).cast(polars_type(target))
    return Coerced(value, parsed)


def _to_number(expr: pl.Expr, source: PolarsType) -> pl.Expr | None:
    if not (source == pl.String or source.is_numeric()):
        return None
    number = expr.cast(pl.Float64, strict=False)
    return pl.when(number.is_finite()).then(number)


def _to_boolean(expr: pl.Expr, source: PolarsType) -> pl.Expr | None:
    if source == pl.Boolean:
        return expr
    if source != pl.String:
        return None
    word = expr.str.to_lowercase()
    return pl.when(word.is_in(TRUE_WORDS)).then(True).when(word.is_in(FALSE_WORDS)).then(False)


def _to_date_time(expr: pl.Expr, source: PolarsType) -> pl.Expr | None:
    if source == pl.String:
        return parser("date-time")(expr)
    if source.is_integer():
        millis = expr.cast(pl.Int64, strict=False)
        stamp = pl.from_epoch(millis, time_unit="ms").dt.replace_time_zone("UTC")
        return pl.when(millis.is_between(*EPOCH_MS_RANGE)).then(stamp.cast(POLARS_TIMESTAMP))
    if source == pl.Date:
        return expr.cast(pl.Datetime("us")).dt.replace_time_zone("UTC")
    if isinstance(source, pl.Datetime):
        return _utc(expr, source)
    return None


def _to_date(expr: pl.Expr, source: PolarsType) -> pl.Expr | None:
    if source == pl.String:
        return parser("date")(expr)
    if source == pl.Date:
        return expr
    stamp = _to_date_time(expr, source)
    return None if stamp is None else stamp.dt.date()


def _utc(expr: pl.Expr, source: pl.Datetime) -> pl.Expr:
    zoned = (
        expr.dt.replace_time_zone("UTC")
        if source.time_zone is None
        else expr.dt.convert_time_zone("UTC")
    )
    return zoned.cast(POLARS_TIMESTAMP)


_CONVERTERS = {
    pa.float64(): _to_number,
    pa.bool_(): _to_boolean,
    pa.date32(): _to_date,
    TIMESTAMP: _to_date_time,
}
