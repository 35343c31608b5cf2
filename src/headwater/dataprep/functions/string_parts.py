"""String functions that cut, search and pad: explode, split, join, instr, lpad, rpad.

Each has a vectorised ``compile`` (``c_*``) and its plain-Python reference (``s_*``). Null
inputs give null. Semantics follow the Java libraries the platform's functions resemble:
``split`` drops empty parts (Commons ``StringUtils.split``), ``explode`` keeps them, ``lpad``
and ``rpad`` cycle a multi-character padding and never cut the input (Commons
``leftPad``/``rightPad``), ``instr`` is Java's ``indexOf``: 0-based, -1 when not found (the
platform's example ``instr("adobe.com", "com")`` is 6).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Any

import polars as pl

from headwater.dataprep import cast, kinds, reference
from headwater.dataprep.functions.common import literal, null_if_any, texts
from headwater.dataprep.java_regex import checked, python_pattern
from headwater.dataprep.reference import RowError
from headwater.dataprep.values import ExpressionError, Value

_TEXT_LIST = pl.List(pl.String)
_WHITESPACE = r"[\s\x1C-\x1F]"  # what Character.isWhitespace accepts, near enough


def c_explode(args: Sequence[Value]) -> Value:
    (text,) = texts(args[:1], "explode")
    pattern = "," if len(args) < 2 else literal(args[1], "The REGEX of explode")
    if pattern is None or pattern == "":
        pattern = ","
    rust = checked(str(pattern))
    if python_pattern(str(pattern)).fullmatch(""):
        raise ExpressionError("The REGEX of explode must not match an empty string")
    return Value(text.expr.str.split(rust, literal=False), _TEXT_LIST, text.error)


def s_explode(text: Any, pattern: Any = ",") -> list[str] | None:
    if text is None:
        return None
    compiled = python_pattern(str(pattern or ","))
    parts, start = [], 0
    for match in compiled.finditer(reference.value_text(text)):
        parts.append(reference.value_text(text)[start : match.start()])
        start = match.end()
    parts.append(reference.value_text(text)[start:])
    return parts


def c_split(args: Sequence[Value]) -> Value:
    text, separator = texts(args, "split")
    chars = literal(separator, "The SEPARATOR of split")
    if not chars:
        pieces = text.expr.str.replace_all(_WHITESPACE, " ").str.split(" ")
    elif len(chars) == 1:
        pieces = text.expr.str.split(chars)
    else:
        any_of = "[" + "".join(re.escape(c) for c in chars) + "]"
        pieces = text.expr.str.replace_all(any_of, chars[0]).str.split(chars[0])
    kept = pieces.list.eval(pl.element().filter(pl.element() != ""))
    return Value(kept, _TEXT_LIST, text.error)


def s_split(text: Any, chars: Any) -> list[str] | None:
    if text is None:
        return None
    value = reference.value_text(text)
    if not chars:
        return [p for p in re.split(_WHITESPACE, value) if p]
    any_of = "[" + "".join(re.escape(c) for c in str(chars)) + "]"
    return [p for p in re.split(any_of, value) if p]


def c_join(args: Sequence[Value]) -> Value:
    (separator,) = texts(args[:1], "join")
    items = args[1:]
    if len(items) == 1 and isinstance(items[0].dtype, pl.List):
        listed = items[0]
        inner = listed.dtype.inner if isinstance(listed.dtype, pl.List) else kinds.NULL
        if not kinds.is_scalar(inner):
            raise ExpressionError("join can only join arrays of strings, numbers or booleans")
        element = pl.element().cast(pl.String).fill_null("")
        joined = listed.expr.list.eval(element).list.join(separator.expr.fill_null(""))
        return Value(joined, kinds.STRING, separator.error)
    sep = literal(separator, "The SEPARATOR of join (with several values)") or ""
    values = texts(items, "join")
    joined = pl.concat_str([v.expr.fill_null("") for v in values], separator=str(sep))
    return Value(joined, kinds.STRING, cast.merge_errors(v.error for v in values))


def s_join(separator: Any, *items: Any) -> str | None:
    sep = "" if separator is None else reference.value_text(separator)
    if len(items) == 1 and isinstance(items[0], list):
        return sep.join("" if v is None else reference.value_text(v) for v in items[0])
    if len(items) == 1 and items[0] is None:
        return None
    return sep.join("" if v is None else reference.value_text(v) for v in items)


def c_instr(args: Sequence[Value]) -> Value:
    text, sub = texts(args[:2], "instr")
    start = _integer_arg(args, 2, "START_POSITION", 0)
    occurrence = _integer_arg(args, 3, "OCCURRENCE", 1)
    errors = [start.error, occurrence.error]
    errors.append(cast.failing(start.expr < 0, "The START_POSITION of instr must be 0 or more"))
    errors.append(cast.failing(occurrence.expr < 1, "The OCCURRENCE of instr must be 1 or more"))
    valid = (start.expr >= 0) & (occurrence.expr >= 1)
    parts = text.expr.str.slice(start.expr).str.split(sub.expr)
    before = parts.list.head(occurrence.expr).list.eval(pl.element().str.len_chars())
    found = before.list.sum() + (occurrence.expr - 1) * sub.expr.str.len_chars() + start.expr
    position = pl.when(parts.list.len() > occurrence.expr).then(found).otherwise(-1)
    empty = pl.min_horizontal(start.expr, text.expr.str.len_chars())
    result = pl.when(sub.expr == "").then(empty).otherwise(position).cast(pl.Int64)
    guarded = null_if_any(pl.when(valid).then(result), [text, sub, start, occurrence])
    return Value(guarded, kinds.INTEGER, cast.merge_errors(errors))


def s_instr(text: Any, sub: Any, start_at: Any = 0, nth: Any = 1) -> int | None:
    start, occurrence = reference.integer(start_at), reference.integer(nth)
    if start is not None and start < 0:
        raise RowError("The START_POSITION of instr must be 0 or more")
    if occurrence is not None and occurrence < 1:
        raise RowError("The OCCURRENCE of instr must be 1 or more")
    if text is None or sub is None or start is None or occurrence is None:
        return None
    value, needle = reference.value_text(text), reference.value_text(sub)
    if needle == "":
        return min(start, len(value))
    at, found = start, -1
    for _ in range(occurrence):
        found = value.find(needle, at) if at <= len(value) else -1
        if found < 0:
            return -1
        at = found + len(needle)
    return found


def c_lpad(args: Sequence[Value]) -> Value:
    return _pad(args, "lpad", left=True)


def c_rpad(args: Sequence[Value]) -> Value:
    return _pad(args, "rpad", left=False)


def s_lpad(text: Any, count: Any, padding: Any) -> str | None:
    return _s_pad(text, count, padding, left=True)


def s_rpad(text: Any, count: Any, padding: Any) -> str | None:
    return _s_pad(text, count, padding, left=False)


def _pad(args: Sequence[Value], name: str, *, left: bool) -> Value:
    (text,) = texts(args[:1], name)
    count = cast.integer(args[1], f"The COUNT of {name}")
    padding = cast.text(args[2], f"The PADDING of {name}")
    fill = literal(padding, f"The PADDING of {name}") or " "
    if "\x00" in fill:
        raise ExpressionError(f"The PADDING of {name} must not contain the NUL character")
    if len(str(fill)) == 1:
        padded = text.expr.str.pad_start if left else text.expr.str.pad_end
        # A constant length goes in as a number: a computed scalar does not broadcast here.
        size = max(count.constant, 0) if count.is_constant and count.constant is not None else None
        joined = padded(count.expr.clip(lower_bound=0) if size is None else size, str(fill))
    else:
        missing = (count.expr - text.expr.str.len_chars()).clip(lower_bound=0)
        filler = _filler(missing, str(fill))
        joined = pl.concat_str([filler, text.expr] if left else [text.expr, filler])
    errors = cast.merge_errors([text.error, count.error, padding.error])
    return Value(null_if_any(joined, [text, count]), kinds.STRING, errors)


def _filler(missing: pl.Expr, fill: str) -> pl.Expr:
    """``missing`` characters of ``fill`` repeated: NULs, replaced by whole copies of
    ``fill``, then by the start of ``fill`` for the remainder at the end."""
    nuls = pl.lit("").str.pad_start(missing, "\x00")
    filler = nuls.str.replace_all("\x00" * len(fill), fill, literal=True)
    for size in range(len(fill) - 1, 0, -1):
        filler = filler.str.replace(f"\x00{{{size}}}$", fill[:size].replace("$", "$$"))
    return filler


def _s_pad(text: Any, count: Any, padding: Any, *, left: bool) -> str | None:
    size = reference.integer(count)
    if text is None or size is None:
        return None
    value = reference.value_text(text)
    fill = reference.value_text(padding) if padding not in (None, "") else " "
    missing = max(size - len(value), 0)
    filler = (fill * (missing // len(fill) + 1))[:missing]
    return filler + value if left else value + filler


def _integer_arg(args: Sequence[Value], index: int, what: str, default: int) -> Value:
    if len(args) <= index:
        return cast.constant(default, kinds.INTEGER)
    return cast.integer(args[index], f"The {what} of instr")
