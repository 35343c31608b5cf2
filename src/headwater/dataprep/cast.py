"""Arguments as the kind a function needs, the way Java would hand them over.

A function that wants a string accepts numbers, booleans and date-times (as their text); one
that wants a number or an integer accepts strings holding one (a row whose string does not
parse is null there, with an error: ``'abc' is not an integer``). Objects and arrays never
convert: that is a compile-time :class:`~headwater.dataprep.values.ExpressionError`.

Also here: merging the per-row errors of several values, and JEXL's truthiness.
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable, Iterable, Sequence
from typing import Any

import polars as pl

from headwater.dataprep import kinds
from headwater.dataprep.values import NOT_CONSTANT, ExpressionError, Value

# Java's String.trim(): every character up to U+0020.
JAVA_BLANKS = "".join(chr(i) for i in range(33))
# What Double.parseDouble / Long.parseLong accept (after trimming), without hex floats and
# without the d/f type suffixes.
NUMBER_TEXT = r"^[+-]?(?:[0-9]+\.?[0-9]*|\.[0-9]+)(?:[eE][+-]?[0-9]+)?$"
INTEGER_TEXT = r"^[+-]?[0-9]+$"
NUMBER_PATTERN = re.compile(NUMBER_TEXT)
INTEGER_PATTERN = re.compile(INTEGER_TEXT)


def merge_errors(errors: Iterable[pl.Expr | None]) -> pl.Expr | None:
    """The first error of each row among ``errors`` (``None`` when none can occur)."""
    found: list[pl.Expr] = []
    for error in errors:
        # The same error often arrives twice (an argument's, and the call's merge of it).
        if error is not None and not any(error.meta.eq(seen) for seen in found):
            found.append(error)
    if not found:
        return None
    return found[0] if len(found) == 1 else pl.coalesce(found)


def failing(failed: pl.Expr, message: pl.Expr | str) -> pl.Expr:
    """An error column: ``message`` on rows where ``failed``, null elsewhere."""
    text = pl.lit(message, dtype=pl.String) if isinstance(message, str) else message
    return pl.when(failed).then(text).otherwise(pl.lit(None, dtype=pl.String))


def quoted(value: pl.Expr, limit: int = 60) -> pl.Expr:
    """``'value'`` as text for a message, cut to ``limit`` characters (then ``…``); null where
    ``value`` is null.

    ``value`` is read once: mask it to the failing rows first, and the rows that did not fail
    cost nothing however costly ``value`` is.
    """
    cut = value.cast(pl.String).str.replace(f"(?s)^(.{{{limit}}}).+$", "${1}…")
    return pl.concat_str([pl.lit("'"), cut, pl.lit("'")])


def not_blank(text: pl.Expr) -> pl.Expr:
    """``text``, null where it is blank (only characters up to U+0020, as Java's ``trim``); read
    once, so that a masked ``text`` stays cheap."""
    return text.str.extract(r"(?s)^(.*[^\x00-\x20].*)$", 1)


def about(value: pl.Expr, failed: pl.Expr, what: str, limit: int = 60) -> pl.Expr:
    """An error column: ``'value' <what>`` on rows where ``failed``, null elsewhere (the
    value cut to ``limit`` characters).

    The message is built from ``value`` masked to the failing rows: a column that rarely fails
    pays little for its messages.
    """
    shown = pl.when(failed).then(value).cast(pl.String).str.slice(0, limit)  # mask, then cast
    if "{" in what or "}" in what:
        return pl.concat_str([pl.lit("'"), shown, pl.lit("'" + what)])
    return pl.format("'{}'" + what, shown)  # faster than concat_str over mostly-null input


def with_error(value: Value, error: pl.Expr | None) -> Value:
    """``value`` with ``error`` merged after its own."""
    return Value(value.expr, value.dtype, merge_errors([value.error, error]), value.constant)


def constant(value: object, dtype: kinds.DType) -> Value:
    """A literal value of a known type."""
    return Value(pl.lit(value, dtype=dtype), dtype, None, value)


def text(value: Value, what: str) -> Value:
    """``value`` as a string (numbers, booleans and date-times as their text)."""
    dtype = value.dtype
    if kinds.is_string(dtype):
        return value
    if kinds.is_null(dtype):
        return Value(pl.lit(None, dtype=pl.String), kinds.STRING, value.error, value.constant)
    if kinds.is_number(dtype) or kinds.is_boolean(dtype):
        shown = _constant_text(value)
        return Value(value.expr.cast(pl.String), kinds.STRING, value.error, shown)
    if kinds.is_date_time(dtype):
        utc = value.expr.dt.convert_time_zone("UTC")
        stamp = utc.dt.to_string("%Y-%m-%dT%H:%M:%S%.fZ")
        return Value(stamp, kinds.STRING, value.error)
    raise ExpressionError(f"{what} must be a string, not {_a(kinds.kind_name(dtype))}")


def number(value: Value, what: str) -> Value:
    """``value`` as a Float64 number (strings holding a number are parsed)."""
    dtype = value.dtype
    if kinds.is_null(dtype):
        return Value(pl.lit(None, dtype=pl.Float64), kinds.NUMBER, value.error, value.constant)
    if kinds.is_number(dtype):
        folded = _folded(value, float)
        return Value(value.expr.cast(pl.Float64), kinds.NUMBER, value.error, folded)
    if kinds.is_string(dtype):
        return parse_number(value, integer=False)
    raise ExpressionError(f"{what} must be a number, not {_a(kinds.kind_name(dtype))}")


def integer(value: Value, what: str) -> Value:
    """``value`` as an Int64 (numbers truncated toward zero; strings parsed as integers)."""
    dtype = value.dtype
    if kinds.is_null(dtype):
        return Value(pl.lit(None, dtype=pl.Int64), kinds.INTEGER, value.error, value.constant)
    if kinds.is_integer(dtype):
        return value
    if kinds.is_number(dtype):
        folded = _folded(value, int)
        whole = value.expr.cast(pl.Float64)
        ok = whole.is_finite() & (whole.abs() < 2.0**63)
        converted = pl.when(ok).then(whole.cast(pl.Int64, strict=False))
        error = about(whole, whole.is_not_null() & ~ok, " is not an integer")
        return Value(converted, kinds.INTEGER, merge_errors([value.error, error]), folded)
    if kinds.is_string(dtype):
        return parse_number(value, integer=True)
    raise ExpressionError(f"{what} must be an integer, not {_a(kinds.kind_name(dtype))}")


def parse_number(value: Value, *, integer: bool) -> Value:
    """A string value parsed as an integer (``Long.parseLong``) or number (``parseDouble``).

    Polars' casts accept the same texts as :data:`INTEGER_TEXT` / :data:`NUMBER_TEXT` (plus
    ``inf`` and ``NaN``, which are refused: they are not finite); only rows the direct cast
    misses are trimmed and cast again, so blank-free columns pay one cast.
    """
    target: kinds.DType = kinds.INTEGER if integer else kinds.NUMBER
    word = "an integer" if integer else "a number"
    direct = value.expr.cast(target, strict=False)
    missed = pl.when(direct.is_null()).then(value.expr)  # mostly null: trimming it is cheap
    again = missed.str.strip_chars(JAVA_BLANKS).cast(target, strict=False)
    parsed = pl.coalesce(direct, again)
    if not integer:
        parsed = pl.when(parsed.is_finite()).then(parsed)
    failed = value.expr.is_not_null() & parsed.is_null()
    error = about(value.expr, failed, f" is not {word}")
    folded = parse_constant(value.constant, integer=integer) if value.is_constant else NOT_CONSTANT
    return Value(parsed, target, merge_errors([value.error, error]), folded)


def parse_constant(found: object, *, integer: bool) -> object:
    """The Python counterpart of :func:`parse_number` (``None`` when it does not parse)."""
    if found is None:
        return None
    trimmed = str(found).strip(JAVA_BLANKS)
    if integer:
        number = int(trimmed) if INTEGER_PATTERN.match(trimmed) else None
        return number if number is not None and -(2**63) <= number < 2**63 else None
    real = float(trimmed) if NUMBER_PATTERN.match(trimmed) else None
    return real if real is not None and math.isfinite(real) else None


def joined(texts: Sequence[Value]) -> pl.Expr:
    """Strings joined, a null counting as empty; null only where all are null."""
    expr = pl.concat_str([text.expr for text in texts], ignore_nulls=True)
    if any(text.is_constant and text.constant is not None for text in texts):
        return expr  # never null: no test needed
    return pl.when(pl.any_horizontal([text.expr.is_not_null() for text in texts])).then(expr)


def truthy(value: Value) -> pl.Expr:
    """JEXL's ``toBoolean``: null false; numbers not 0; strings not empty nor ``"false"``."""
    dtype, expr = value.dtype, value.expr
    if kinds.is_boolean(dtype):
        return expr.fill_null(False)
    if kinds.is_null(dtype):
        return pl.lit(False)
    if kinds.is_number(dtype):
        number_ = expr.cast(pl.Float64)
        return ((number_ != 0) & ~number_.is_nan()).fill_null(False)
    if kinds.is_string(dtype):
        return ((expr != "") & (expr != "false")).fill_null(False)
    return expr.is_not_null()


def _folded(value: Value, convert: Callable[[Any], object]) -> object:
    if not value.is_constant:
        return NOT_CONSTANT
    return None if value.constant is None else convert(value.constant)


def _constant_text(value: Value) -> object:
    if not value.is_constant or value.constant is None:
        return value.constant if value.is_constant else NOT_CONSTANT
    if isinstance(value.constant, bool):
        return "true" if value.constant else "false"
    return NOT_CONSTANT if isinstance(value.constant, float) else str(value.constant)


def _a(word: str) -> str:
    return ("an " if word[0] in "aeiou" else "a ") + word
