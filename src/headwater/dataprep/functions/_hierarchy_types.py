"""Types of the hierarchy families (objects, arrays, maps) and their catalogue entries.

Objects are ``pl.Struct``, arrays ``pl.List``, maps ``pl.List(pl.Struct({"key": pl.String,
"value": T}))``. When values of different types meet in one array or map, :func:`supertype`
picks one: numbers promote (any float or decimal makes ``Float64``, else ``Int64``), objects
merge their fields, arrays their elements, date-times of one zone stay date-times, and any other
mix of scalars becomes ``String`` (as ``cast.text`` writes them: booleans ``true``/``false``,
date-times ISO 8601 in UTC). A scalar cannot share an array with an object or an array: that
is an :class:`ExpressionError`.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

import polars as pl

from headwater.dataprep import cast, kinds
from headwater.dataprep.functions.registry import Compile, FunctionDef, Param
from headwater.dataprep.values import ExpressionError, Value

if TYPE_CHECKING:
    from polars._typing import PolarsDataType

E = pl.element()


def _instance(dtype: PolarsDataType) -> pl.DataType:
    return dtype() if isinstance(dtype, type) else dtype


def inner_of(dtype: pl.List) -> pl.DataType:
    """The element type of an array type."""
    return _instance(dtype.inner)


def fields_of(dtype: pl.Struct) -> dict[str, pl.DataType]:
    """The fields of an object type, by name."""
    return {field.name: _instance(field.dtype) for field in dtype.fields}


def java_str(constant: Any) -> str:
    """A constant as Java's ``String.valueOf`` writes it (keys given as numbers or booleans)."""
    if isinstance(constant, bool):
        return "true" if constant else "false"
    return str(constant)


def constant_key(value: Value, *, function: str, what: str = "key") -> str:
    """The compile-time text of a key argument that must be a constant (a struct field name)."""
    if not value.is_constant:
        raise ExpressionError(f"{function}: the {what} must be a constant, not a computed value")
    if value.constant is None or isinstance(value.constant, list | dict):
        raise ExpressionError(f"{function}: the {what} must be a text or a number")
    return java_str(value.constant)


def supertype(dtypes: Sequence[pl.DataType], *, function: str) -> pl.DataType:
    """The one type that values of ``dtypes`` share in an array or map (see the module doc)."""
    known = [dtype for dtype in dtypes if dtype != pl.Null]
    if not known:
        return pl.Null()
    first = known[0]
    if all(dtype == first for dtype in known):
        return first
    if all(dtype.is_numeric() for dtype in known):
        floating = any(dtype.is_float() or isinstance(dtype, pl.Decimal) for dtype in known)
        return pl.Float64() if floating else pl.Int64()
    structs = [dtype for dtype in known if isinstance(dtype, pl.Struct)]
    if len(structs) == len(known):
        return _merge_structs(structs, function=function)
    lists = [inner_of(dtype) for dtype in known if isinstance(dtype, pl.List)]
    if len(lists) == len(known):
        return pl.List(supertype(lists, function=function))
    if any(dtype.is_nested() for dtype in known):
        shown = ", ".join(sorted({str(dtype) for dtype in known}))
        raise ExpressionError(f"{function}: cannot combine values of types {shown}")
    zones = {dtype.time_zone for dtype in known if isinstance(dtype, pl.Datetime)}
    if len(zones) == 1 and all(isinstance(dtype, pl.Datetime) for dtype in known):
        return pl.Datetime("us", zones.pop())
    return pl.String()


def _merge_structs(structs: Sequence[pl.Struct], *, function: str) -> pl.DataType:
    fields: dict[str, list[pl.DataType]] = {}
    for struct in structs:
        for name, dtype in fields_of(struct).items():
            fields.setdefault(name, []).append(dtype)
    return pl.Struct(
        {name: supertype(dtypes, function=function) for name, dtypes in fields.items()}
    )


def conform(expr: pl.Expr, source: pl.DataType, target: pl.DataType) -> pl.Expr:
    """``expr`` (of type ``source``) as ``target``, a supertype of ``source``."""
    if source == target:
        return expr
    if target == pl.String and source != pl.Null:
        return _as_string(expr, source)
    if isinstance(target, pl.Struct) and isinstance(source, pl.Struct):
        have = fields_of(source)
        fields = [
            conform(expr.struct.field(name), have[name], dtype).alias(name)
            if name in have
            else pl.lit(None, dtype).alias(name)
            for name, dtype in fields_of(target).items()
        ]
        return pl.when(expr.is_null()).then(None).otherwise(pl.struct(fields))
    if isinstance(target, pl.List) and isinstance(source, pl.List):
        return expr.list.eval(conform(E, inner_of(source), inner_of(target)))
    return expr.cast(target)


def _as_string(expr: pl.Expr, source: pl.DataType) -> pl.Expr:
    return cast.text(Value(expr, source), "an element").expr


def element(expr: pl.Expr, dtype: PolarsDataType) -> Value:
    """A value read out of an array, object or map, as the language's kinds (``Int64``...)."""
    normal, normal_dtype = kinds.normalize(expr, dtype)
    return Value(normal, _instance(normal_dtype))


def unify(values: Sequence[Value], *, function: str) -> tuple[list[pl.Expr], pl.DataType]:
    """The expressions of ``values`` converted to their common supertype, and that type."""
    target = supertype([value.dtype for value in values], function=function)
    return [conform(value.expr, value.dtype, target) for value in values], target


def list_inner(value: Value, *, function: str, what: str = "argument") -> pl.DataType:
    """The element type of an array argument (``Null`` for the literal ``null``)."""
    if value.dtype == pl.Null:
        return pl.Null()
    if not isinstance(value.dtype, pl.List):
        raise ExpressionError(f"{function}: the {what} must be an array, not {value.dtype}")
    return inner_of(value.dtype)


def or_empty(expr: pl.Expr, inner: pl.DataType) -> pl.Expr:
    """An array expression whose null rows read as empty arrays."""
    return pl.coalesce(expr.cast(pl.List(inner)), pl.lit([], dtype=pl.List(inner)))


def define(
    category: str,
    name: str,
    text: tuple[str, str, str, str],
    params: tuple[Param, ...],
    compile: Compile,
    scalar: Any,
    *,
    return_type: str,
    aliases: tuple[str, ...] = (),
) -> FunctionDef:
    """A catalogue entry; ``text`` is (description, syntax, example, result)."""
    description, syntax, example, result = text
    return FunctionDef(
        name=name,
        category=category,
        description=description,
        syntax=syntax,
        return_type=return_type,
        example=example,
        result=result,
        params=params,
        compile=compile,
        scalar=scalar,
        aliases=aliases,
    )
