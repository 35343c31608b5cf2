"""Type conversions (reference §6.4 "Type conversion"): category ``Type conversions``.

Strings are parsed as Java parses them (``Long.parseLong``, ``Double.parseDouble``: surrounding
blanks allowed, no thousands separators); a string that does not parse is an error on that row
(null there). Numbers convert too: to an integer type by truncation toward zero. ``to_integer``
keeps Java's int range (-2147483648 to 2147483647); ``to_bigint`` the 64-bit range.
``to_decimal`` and ``to_float`` give 64-bit floating-point numbers.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

import polars as pl

from headwater.dataprep import cast, kinds, reference
from headwater.dataprep.functions.common import DOUBLE, FLOAT, INTEGER, LONG, param
from headwater.dataprep.functions.registry import FunctionDef
from headwater.dataprep.values import Value

CATEGORY = "Type conversions"
INT_RANGE = (-(2**31), 2**31 - 1)


def c_to_integer(args: Sequence[Value]) -> Value:
    value = cast.integer(args[0], "The STRING of to_integer")
    # Int32 is Java's int: the cast nulls the rest, reading the parsed number once
    narrowed = value.expr.cast(pl.Int32, strict=False).cast(pl.Int64)
    outside = ~value.expr.is_between(*INT_RANGE)  # null where there is no number
    error = cast.about(value.expr, outside, " is out of range for an integer")
    return Value(narrowed, kinds.INTEGER, cast.merge_errors([value.error, error]))


def s_to_integer(value: Any) -> int | None:
    number = reference.integer(value)
    if number is not None and not INT_RANGE[0] <= number <= INT_RANGE[1]:
        raise reference.about(number, " is out of range for an integer")
    return number


def c_to_bigint(args: Sequence[Value]) -> Value:
    return cast.integer(args[0], "The STRING of to_bigint")


def _to_number(name: str) -> Callable[[Sequence[Value]], Value]:
    def compile_(args: Sequence[Value]) -> Value:
        return cast.number(args[0], f"The STRING of {name}")

    return compile_


def _function(
    name: str,
    returns: str,
    description: str,
    example: str,
    result: str,
    compile_: Callable[[Sequence[Value]], Value],
    scalar: Callable[..., Any],
) -> FunctionDef:
    short = returns.rsplit(".", 1)[-1]
    return FunctionDef(
        name=name,
        category=CATEGORY,
        description=description,
        syntax=f"{short} {name}(String)",
        return_type=returns,
        example=example,
        result=result,
        params=(param("STRING", "The string to convert."),),
        compile=compile_,
        scalar=scalar,
    )


FUNCTIONS: tuple[FunctionDef, ...] = (
    _function(
        "to_bigint",
        LONG,
        "Converts a string to a 64-bit integer.",
        'to_bigint("1000000")',
        "1000000",
        c_to_bigint,
        reference.integer,
    ),
    _function(
        "to_decimal",
        DOUBLE,
        "Converts a string to a number (Double).",
        'to_decimal("20.5")',
        "20.5",
        _to_number("to_decimal"),
        reference.number,
    ),
    _function(
        "to_float",
        FLOAT,
        "Converts a string to a number (Float, held as 64 bits).",
        'to_float("12.3456")',
        "12.3456",
        _to_number("to_float"),
        reference.number,
    ),
    _function(
        "to_integer",
        INTEGER,
        "Converts a string to an integer (Java's int range).",
        'to_integer("12")',
        "12",
        c_to_integer,
        s_to_integer,
    ),
)
