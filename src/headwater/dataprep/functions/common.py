"""Small helpers shared by the string, regex, logical, aggregation and conversion families."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import polars as pl

from headwater.dataprep import cast
from headwater.dataprep.functions.registry import Param
from headwater.dataprep.values import ExpressionError, Value

STRING = "java.lang.String"
INTEGER = "java.lang.Integer"
LONG = "java.lang.Long"
DOUBLE = "java.lang.Double"
FLOAT = "java.lang.Float"
BOOLEAN = "java.lang.Boolean"
OBJECT = "java.lang.Object"
OBJECTS = "[Ljava.lang.Object;"
STRINGS = "[Ljava.lang.String;"


def param(name: str, description: str, data_type: str = STRING, **flags: bool) -> Param:
    return Param(name, description, data_type, **flags)


def literal(value: Value, what: str) -> Any:
    """The constant of an argument that must be written as a literal."""
    if not value.is_constant:
        raise ExpressionError(f"{what} must be a literal, not computed per row")
    return value.constant


def texts(args: Sequence[Value], name: str) -> list[Value]:
    """Every argument as a string (see :func:`cast.text`)."""
    return [cast.text(arg, f"Argument {i + 1} of {name}") for i, arg in enumerate(args)]


def any_null(values: Sequence[Value]) -> pl.Expr:
    return pl.any_horizontal([value.expr.is_null() for value in values])


def null_if_any(expr: pl.Expr, values: Sequence[Value]) -> pl.Expr:
    """``expr``, null on rows where one of ``values`` is null."""
    return pl.when(~any_null(values)).then(expr)


def need_non_negative(value: Value, what: str) -> tuple[pl.Expr, pl.Expr]:
    """``value`` where it is 0 or more, and the error where it is negative."""
    negative = value.expr < 0
    error = cast.failing(negative, f"{what} must be 0 or more")
    return pl.when(~negative).then(value.expr), error
