"""Hierarchies - Arrays: coalesce, first, last, add_to_array, join_arrays, to_array, size_of.

``first``, ``last`` and ``coalesce`` take their arguments as the array (``first("1", "2")`` is
``"1"``); given one array-typed argument they look inside it instead (``first(items)`` is the
first element), as the platform describes them. Values of different types share their
supertype (numbers promote, other mixes become text; see ``_hierarchy``). A null array reads as
an empty one where arrays are combined; ``join_arrays`` is null only when every array is null.
``size_of`` counts the elements of an array (nulls included), the entries of a map, the non-null
fields of an object and the characters of a text; null has size 0. ``upsert_array_append`` and
``upsert_array_replace`` matter only to Profile updates: on ingestion they return the array.
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import partial
from typing import Any

import polars as pl

from headwater.dataprep.functions._hierarchy import size_expr, size_scalar
from headwater.dataprep.functions._hierarchy_types import (
    conform,
    define,
    element,
    inner_of,
    list_inner,
    or_empty,
    supertype,
    unify,
)
from headwater.dataprep.functions.registry import FunctionDef, Param
from headwater.dataprep.values import ExpressionError, Value

CATEGORY = "Hierarchies - Arrays"
_OBJECTS = "[Ljava.lang.Object;"
_LIST = "java.util.List"


def _inside(args: Sequence[Any]) -> list[Any] | None:
    return args[0] if len(args) == 1 and isinstance(args[0], list) else None


def _pick(args: Sequence[Value], *, function: str, last: bool) -> Value:
    if not args:
        return Value(pl.lit(None), pl.Null())
    if len(args) == 1 and isinstance(args[0].dtype, pl.List):
        items = args[0].expr
        return element(items.list.last() if last else items.list.first(), inner_of(args[0].dtype))
    exprs, dtype = unify(args, function=function)
    return Value(exprs[-1] if last else exprs[0], dtype)


_first = partial(_pick, function="first", last=False)
_last = partial(_pick, function="last", last=True)


def _first_scalar(*args: Any) -> Any:
    items = _inside(args)
    if items is None:
        return args[0] if args else None
    return items[0] if items else None


def _last_scalar(*args: Any) -> Any:
    items = _inside(args)
    if items is None:
        return args[-1] if args else None
    return items[-1] if items else None


def _coalesce(args: Sequence[Value]) -> Value:
    if len(args) == 1 and isinstance(args[0].dtype, pl.List):
        return element(args[0].expr.list.drop_nulls().list.first(), inner_of(args[0].dtype))
    exprs, dtype = unify(args, function="coalesce")
    return Value(pl.coalesce(exprs), dtype)


def _coalesce_scalar(*args: Any) -> Any:
    items = _inside(args)
    return next((item for item in (args if items is None else items) if item is not None), None)


def _add_to_array(args: Sequence[Value]) -> Value:
    array, values = args[0], args[1:]
    inner = list_inner(array, function="add_to_array", what="array")
    if not values:
        return Value(array.expr, pl.List(inner))
    element = supertype([inner, *(value.dtype for value in values)], function="add_to_array")
    head = conform(or_empty(array.expr, inner), pl.List(inner), pl.List(element))
    tail = [conform(value.expr, value.dtype, element) for value in values]
    return Value(pl.concat_list([head, *tail]), pl.List(element))


def _add_to_array_scalar(array: list[Any] | None, *values: Any) -> list[Any] | None:
    if not values:
        return array
    return [*(array or []), *values]


def _join_arrays(args: Sequence[Value]) -> Value:
    inners = [list_inner(arg, function="join_arrays", what="arguments") for arg in args]
    element = supertype(inners, function="join_arrays")
    parts = [
        conform(or_empty(arg.expr, inner), pl.List(inner), pl.List(element))
        for arg, inner in zip(args, inners, strict=True)
    ]
    every_null = pl.all_horizontal([arg.expr.is_null() for arg in args])
    joined = pl.when(every_null).then(None).otherwise(pl.concat_list(parts))
    return Value(joined, pl.List(element))


def _join_arrays_scalar(*arrays: list[Any] | None) -> list[Any] | None:
    if all(array is None for array in arrays):
        return None
    return [item for array in arrays for item in (array or [])]


def _to_array(args: Sequence[Value]) -> Value:
    include, values = args[0], args[1:]
    if include.dtype not in (pl.Boolean, pl.Null):
        raise ExpressionError(f"to_array: INCLUDE_NULLS must be a boolean, not {include.dtype}")
    exprs, element = unify(values, function="to_array")
    items = pl.concat_list(exprs)
    if include.is_constant:
        built = items if include.constant else items.list.drop_nulls()
    else:
        built = pl.when(include.expr).then(items).otherwise(items.list.drop_nulls())
    return Value(built, pl.List(element))


def _to_array_scalar(include_nulls: bool | None, *values: Any) -> list[Any]:
    return [value for value in values if include_nulls or value is not None]


def _size_of(args: Sequence[Value]) -> Value:
    (value,) = args
    return Value(size_expr(value, function="size_of"), pl.Int64())


def _upsert(args: Sequence[Value], *, function: str) -> Value:
    list_inner(args[0], function=function, what="array")
    return args[0]


def _identity_scalar(array: list[Any] | None, *_: Any) -> list[Any] | None:
    return array


def _array_param(description: str) -> Param:
    return Param("array", description, _LIST)


_define = partial(define, CATEGORY)


FUNCTIONS: tuple[FunctionDef, ...] = (
    _define(
        "coalesce",
        (
            "Function to return the first non-null object of the given arguments.",
            "T coalesce(T...)",
            'coalesce(null, null, null, "first", null, "second")',
            '"first"',
        ),
        (Param("values", "One or more arguments", _OBJECTS, variadic=True),),
        _coalesce,
        _coalesce_scalar,
        return_type="java.lang.Object",
    ),
    _define(
        "first",
        (
            "Function to retrieve the first element of the given array.",
            "T first(T...)",
            'first("1", "2", "3")',
            '"1"',
        ),
        (Param("values", "Zero or more arguments", _OBJECTS, optional=True, variadic=True),),
        _first,
        _first_scalar,
        return_type="java.lang.Object",
    ),
    _define(
        "last",
        (
            "Function to retrieve the last element of the given array.",
            "T last(T...)",
            'last("1", "2", "3")',
            '"3"',
        ),
        (Param("values", "Zero or more arguments", _OBJECTS, optional=True, variadic=True),),
        _last,
        _last_scalar,
        return_type="java.lang.Object",
    ),
    _define(
        "add_to_array",
        (
            "Function to add elements to the end of the given array.",
            "List add_to_array(List, Object...)",
            "add_to_array(['a', 'b'], 'c', 'd')",
            "['a', 'b', 'c', 'd']",
        ),
        (
            _array_param("The array to add elements to"),
            Param("values", "The elements to append", _OBJECTS, optional=True, variadic=True),
        ),
        _add_to_array,
        _add_to_array_scalar,
        return_type=_LIST,
    ),
    _define(
        "join_arrays",
        (
            "Function to combine the given arrays into one.",
            "List join_arrays(List, List...)",
            "join_arrays(['a', 'b'], ['c'], ['d', 'e'])",
            "['a', 'b', 'c', 'd', 'e']",
        ),
        (
            _array_param("The array to add elements to"),
            Param("values", "The arrays to append", _OBJECTS, optional=True, variadic=True),
        ),
        _join_arrays,
        _join_arrays_scalar,
        return_type=_LIST,
    ),
    _define(
        "to_array",
        (
            "Function to turn a list of inputs into an array.",
            "List to_array(Boolean, Object...)",
            "to_array(false, 1, null, 2, 3)",
            "[1, 2, 3]",
        ),
        (
            Param("includeNulls", "Whether to keep nulls in the array", "java.lang.Boolean"),
            Param("values", "The elements of the array", _OBJECTS, variadic=True),
        ),
        _to_array,
        _to_array_scalar,
        return_type=_LIST,
    ),
    _define(
        "size_of",
        (
            "Function to return the size of the input.",
            "int size_of(Object)",
            "size_of([1, 2, 3, 4])",
            "4",
        ),
        (Param("input", "The array, map, object or text to measure", "java.lang.Object"),),
        _size_of,
        size_scalar,
        return_type="java.lang.Integer",
    ),
    _define(
        "upsert_array_append",
        (
            (
                "Function to append the array to the array in Profile on updates; "
                "on inserts (ingestion) it returns the input as is."
            ),
            "List upsert_array_append(List)",
            "upsert_array_append([123, 456])",
            "[123, 456]",
        ),
        (_array_param("The array to append to the array in Profile"),),
        partial(_upsert, function="upsert_array_append"),
        _identity_scalar,
        return_type=_LIST,
    ),
    _define(
        "upsert_array_replace",
        (
            (
                "Function to replace elements of the array in Profile on updates; "
                "on inserts (ingestion) it returns the input as is."
            ),
            "List upsert_array_replace(List, Object)",
            "upsert_array_replace([123, 456], 1)",
            "[123, 456]",
        ),
        (
            _array_param("The array to replace the array in Profile with"),
            Param(
                "index",
                "Where to replace (used by Profile only)",
                "java.lang.Object",
                optional=True,
            ),
        ),
        partial(_upsert, function="upsert_array_replace"),
        _identity_scalar,
        return_type=_LIST,
    ),
)
