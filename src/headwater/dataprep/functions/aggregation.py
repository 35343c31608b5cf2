"""Aggregation functions (reference §6.4 "Aggregation"): category ``Aggregation``.

``min`` and ``max`` take several values, or one array, and use their natural ordering: numbers
(integers widen to numbers when mixed), strings (by code point), date-times or booleans;
values of different kinds do not compare. Nulls are skipped; all null gives null.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

import polars as pl

from headwater.dataprep import cast, kinds
from headwater.dataprep.functions.common import OBJECT, OBJECTS, param
from headwater.dataprep.functions.registry import FunctionDef
from headwater.dataprep.kinds import AnyDType, DType
from headwater.dataprep.values import ExpressionError, Value

CATEGORY = "Aggregation"


def _aggregate(name: str, *, smallest: bool) -> Callable[[Sequence[Value]], Value]:
    def compile_(args: Sequence[Value]) -> Value:
        if len(args) == 1 and isinstance(args[0].dtype, pl.List):
            inner = _ordered(name, [args[0].dtype.inner])
            listed = args[0].expr
            picked = listed.list.min() if smallest else listed.list.max()
            return Value(picked.cast(inner), inner)
        dtype = _ordered(name, [a.dtype for a in args])
        values = [_as(arg.expr, arg.dtype, dtype) for arg in args]
        picked = pl.min_horizontal(values) if smallest else pl.max_horizontal(values)
        return Value(picked, dtype, cast.merge_errors(a.error for a in args))

    return compile_


def _ordered(name: str, dtypes: list[AnyDType]) -> DType:
    typed = [t for t in dtypes if not kinds.is_null(t)]
    if not typed:
        return kinds.NULL
    if all(kinds.is_integer(t) for t in typed):
        return kinds.INTEGER
    if all(kinds.is_number(t) for t in typed):
        return kinds.NUMBER
    for check, dtype in (
        (kinds.is_string, kinds.STRING),
        (kinds.is_boolean, kinds.BOOLEAN),
        (kinds.is_date_time, kinds.DATE_TIME),
    ):
        if all(check(t) for t in typed):
            return dtype
    shown = ", ".join(sorted({kinds.kind_name(t) for t in typed}))
    raise ExpressionError(f"{name} compares values of one kind, not {shown}")


def _as(expr: pl.Expr, source: AnyDType, target: DType) -> pl.Expr:
    if kinds.is_date_time(target) and kinds.is_date_time(source):
        return expr.dt.convert_time_zone("UTC")
    return expr.cast(target)


def _scalar(*, smallest: bool) -> Callable[..., Any]:
    def scalar(*values: Any) -> Any:
        items = values[0] if len(values) == 1 and isinstance(values[0], list) else values
        present = [v for v in items if v is not None]
        if not present:
            return None
        return min(present) if smallest else max(present)

    return scalar


def _function(name: str, *, smallest: bool) -> FunctionDef:
    word = "smallest" if smallest else "largest"
    return FunctionDef(
        name=name,
        category=CATEGORY,
        description=f"The {word} of the values (or of an array's elements); nulls skipped.",
        syntax=f"T {name}(T...)",
        return_type=OBJECT,
        example=f"{name}(3, 1, 4)",
        result="1" if smallest else "4",
        params=(param("OPTIONS", "The values to compare, or one array.", OBJECTS, variadic=True),),
        compile=_aggregate(name, smallest=smallest),
        scalar=_scalar(smallest=smallest),
    )


FUNCTIONS: tuple[FunctionDef, ...] = (
    _function("min", smallest=True),
    _function("max", smallest=False),
)
