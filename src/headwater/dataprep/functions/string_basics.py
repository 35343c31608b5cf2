"""The simpler string functions: concat, substr, left/right, replacestr, equals, and
helpers for one-argument functions (``lower``, ``trim``...). Each has a vectorised ``compile``
(``c_*``) and its plain-Python reference (``s_*``); the table is in ``strings``.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

import polars as pl

from headwater.dataprep import cast, kinds, reference
from headwater.dataprep.functions.common import need_non_negative, null_if_any, texts
from headwater.dataprep.values import Value


def mapped(name: str, change: Callable[[pl.Expr], pl.Expr]) -> Callable[[Sequence[Value]], Value]:
    def compile_(args: Sequence[Value]) -> Value:
        (text,) = texts(args, name)
        return Value(change(text.expr), kinds.STRING, text.error)

    return compile_


def py(change: Callable[[str], Any]) -> Callable[..., Any]:
    def scalar(*args: Any) -> Any:
        if any(arg is None for arg in args):
            return None
        return change(*(reference.value_text(arg) for arg in args))

    return scalar


def c_concat(args: Sequence[Value]) -> Value:
    values = texts(args, "concat")
    return Value(cast.joined(values), kinds.STRING, cast.merge_errors(v.error for v in values))


def s_concat(*args: Any) -> str | None:
    if all(arg is None for arg in args):
        return None
    return "".join("" if arg is None else reference.value_text(arg) for arg in args)


def c_substr(args: Sequence[Value]) -> Value:
    (text,) = texts(args[:1], "substr")
    start = cast.integer(args[1], "The START_INDEX of substr")
    length = cast.integer(args[2], "The LENGTH of substr")
    offset, bad_start = need_non_negative(start, "The START_INDEX of substr")
    count, bad_length = need_non_negative(length, "The LENGTH of substr")
    expr = null_if_any(text.expr.str.slice(offset, count), [text, start, length])
    errors = [start.error, length.error, bad_start, bad_length]
    return Value(expr, kinds.STRING, cast.merge_errors(errors))


def s_substr(text: Any, start: Any, length: Any) -> str | None:
    offset, count = reference.integer(start), reference.integer(length)
    if offset is not None and offset < 0:
        raise reference.RowError("The START_INDEX of substr must be 0 or more")
    if count is not None and count < 0:
        raise reference.RowError("The LENGTH of substr must be 0 or more")
    if text is None or offset is None or count is None:
        return None
    return reference.value_text(text)[offset : offset + count]


def side(name: str, *, left: bool) -> Callable[[Sequence[Value]], Value]:
    def compile_(args: Sequence[Value]) -> Value:
        (text,) = texts(args[:1], name)
        count = cast.integer(args[1], f"The COUNT of {name}")
        size = count.expr.clip(lower_bound=0)
        cut = text.expr.str.head(size) if left else text.expr.str.tail(size)
        return Value(cut, kinds.STRING, count.error)

    return compile_


def s_side(*, left: bool) -> Callable[[Any, Any], str | None]:
    def scalar(text: Any, count: Any) -> str | None:
        size = reference.integer(count)
        if text is None or size is None:
            return None
        value, size = reference.value_text(text), max(size, 0)
        return value[:size] if left else value[max(len(value) - size, 0) :]

    return scalar


def c_replacestr(args: Sequence[Value]) -> Value:
    text, find, replacement = texts(args, "replacestr")
    replaced = text.expr.str.replace_all(find.expr, replacement.expr, literal=True)
    keep = find.expr.is_null() | (find.expr == "") | replacement.expr.is_null()
    return Value(pl.when(keep).then(text.expr).otherwise(replaced), kinds.STRING)


def s_replacestr(text: Any, find: Any, replacement: Any) -> str | None:
    if text is None:
        return None
    value = reference.value_text(text)
    if find in (None, "") or replacement is None:
        return value
    return value.replace(reference.value_text(find), reference.value_text(replacement))


def equals(name: str, *, fold: bool) -> Callable[[Sequence[Value]], Value]:
    def compile_(args: Sequence[Value]) -> Value:
        a, b = (v.expr.str.to_lowercase() if fold else v.expr for v in texts(args, name))
        # A literal goes on the right (see operators._compare).
        return Value(b.eq_missing(a) if args[0].is_constant else a.eq_missing(b), kinds.BOOLEAN)

    return compile_


def s_equals(*, fold: bool) -> Callable[[Any, Any], bool]:
    def scalar(a: Any, b: Any) -> bool:
        x, y = reference.text(a), reference.text(b)
        if fold:
            x, y = (None if v is None else v.lower() for v in (x, y))
        return x == y

    return scalar
