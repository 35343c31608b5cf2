"""Hierarchies - Map: building maps and reading their keys.

A map is ``pl.List(pl.Struct({"key": pl.String, "value": T}))``. Every map built here is
canonical: no null key or value (a null value reads as an absent key) and each key once, the
first occurrence winning, as ``add_to_map`` documents. Keys given as numbers or booleans read
as text. Where a map is expected an object is accepted too, as the map of its non-null fields
(the platform's examples pass objects). ``map_get_values`` returns the map restricted to the
given keys (the documented example's result is a map). ``object_to_map`` has three forms:
``object_to_map(KEY, VALUE, ...)`` is ``to_map``, ``object_to_map(OBJECT)`` converts one object,
``object_to_map(OBJECT_ARRAY, KEY)`` is ``array_to_map``; there the key names a field of the
objects and must be a constant text, elements whose key is null are skipped.
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import partial
from typing import Any

import polars as pl

from headwater.dataprep.functions._hierarchy import (
    KEY,
    as_map,
    canonical_map,
    key_list,
    map_keys,
    map_of,
    member_mask,
    where,
)
from headwater.dataprep.functions._hierarchy_types import (
    E,
    conform,
    constant_key,
    define,
    fields_of,
    inner_of,
    java_str,
    or_empty,
    supertype,
    unify,
)
from headwater.dataprep.functions.registry import FunctionDef, Param
from headwater.dataprep.values import ExpressionError, Value

CATEGORY = "Hierarchies - Map"
_MAP = "java.util.Map"
_OBJECT = "java.lang.Object"
_OBJECTS = "[Ljava.lang.Object;"


def _chosen(entries: pl.Expr, keys: Value, *, function: str) -> pl.Expr:
    """The entries of a map whose key is one of ``keys`` (a key or an array of keys)."""
    wanted = key_list(keys, function=function)
    if keys.is_constant:  # the common case: filter against a fixed set
        given = keys.constant if isinstance(keys.constant, list) else [keys.constant]
        fixed = pl.Series([java_str(key) for key in given if key is not None], dtype=pl.String)
        return entries.list.filter(KEY.is_in(fixed.implode()))
    return where(entries, member_mask(map_keys(entries), wanted))


def _wanted_scalar(keys: Any) -> set[str]:
    return {
        java_str(key) for key in (keys if isinstance(keys, list) else [keys]) if key is not None
    }


def _map_get_values(args: Sequence[Value]) -> Value:
    entries, value_dtype = as_map(args[0], function="map_get_values")
    chosen = _chosen(entries, args[1], function="map_get_values")
    return Value(canonical_map(chosen), map_of(value_dtype))


def _map_get_values_scalar(mapping: dict[str, Any] | None, keys: Any) -> dict[str, Any] | None:
    if mapping is None:
        return None
    wanted = _wanted_scalar(keys)
    return {key: value for key, value in mapping.items() if key in wanted and value is not None}


def _map_has_keys(args: Sequence[Value]) -> Value:
    entries, _ = as_map(args[0], function="map_has_keys")
    chosen = canonical_map(_chosen(entries, args[1], function="map_has_keys"))
    return Value((chosen.list.len() > 0).fill_null(False), pl.Boolean())


def _map_has_keys_scalar(mapping: dict[str, Any] | None, keys: Any) -> bool:
    return bool(_map_get_values_scalar(mapping, keys))


def _add_to_map(args: Sequence[Value]) -> Value:
    maps = [as_map(arg, function="add_to_map") for arg in args]
    value_dtype = supertype([dtype for _, dtype in maps], function="add_to_map")
    entry = pl.Struct({"key": pl.String, "value": value_dtype})
    parts = [
        or_empty(conform(expr, map_of(dtype), map_of(value_dtype)), entry) for expr, dtype in maps
    ]
    every_null = pl.all_horizontal([arg.expr.is_null() for arg in args])
    merged = pl.when(every_null).then(None).otherwise(canonical_map(pl.concat_list(parts)))
    return Value(merged, map_of(value_dtype))


def _add_to_map_scalar(*maps: dict[str, Any] | None) -> dict[str, Any] | None:
    if all(mapping is None for mapping in maps):
        return None
    merged: dict[str, Any] = {}
    for mapping in maps:
        for key, value in (mapping or {}).items():
            if value is not None:
                merged.setdefault(key, value)
    return merged


def _to_map(args: Sequence[Value], *, function: str = "to_map") -> Value:
    if len(args) % 2:
        raise ExpressionError(f"{function}: expects key and value pairs (an even number)")
    keys, values = args[::2], args[1::2]
    for key in keys:
        if key.dtype.is_nested():
            raise ExpressionError(f"{function}: keys must be texts, not {key.dtype}")
    exprs, value_dtype = unify(values, function=function)
    entries = [
        pl.struct(key=conform(key.expr, key.dtype, pl.String()), value=value)
        for key, value in zip(keys, exprs, strict=True)
    ]
    return Value(canonical_map(pl.concat_list(entries)), map_of(value_dtype))


def _to_map_scalar(*args: Any) -> dict[str, Any]:
    built: dict[str, Any] = {}
    for key, value in zip(args[::2], args[1::2], strict=True):
        if key is not None and value is not None:
            built.setdefault(java_str(key), value)
    return built


def _array_to_map(args: Sequence[Value], *, function: str = "array_to_map") -> Value:
    items, key = args
    name = constant_key(key, function=function)
    if items.dtype == pl.Null:
        return Value(pl.lit(None), pl.Null())
    inner = inner_of(items.dtype) if isinstance(items.dtype, pl.List) else None
    if not isinstance(inner, pl.Struct):
        raise ExpressionError(f"{function}: expected an array of objects, not {items.dtype}")
    fields = fields_of(inner)
    if name not in fields:
        raise ExpressionError(f"{function}: the objects have no field {name!r}")
    keyed = pl.struct(key=conform(E.struct.field(name), fields[name], pl.String()), value=E)
    return Value(canonical_map(items.expr.list.eval(keyed)), map_of(inner))


def _array_to_map_scalar(items: list[dict[str, Any]] | None, key: Any) -> dict[str, Any] | None:
    if items is None:
        return None
    built: dict[str, Any] = {}
    for item in items:
        if item is not None and item.get(java_str(key)) is not None:
            built.setdefault(java_str(item[java_str(key)]), item)
    return built


def _object_to_map(args: Sequence[Value]) -> Value:
    if len(args) == 1:
        expr, value_dtype = as_map(args[0], function="object_to_map")
        return Value(canonical_map(expr), map_of(value_dtype))
    if len(args) == 2 and isinstance(args[0].dtype, pl.List):
        return _array_to_map(args, function="object_to_map")
    return _to_map(args, function="object_to_map")


def _object_to_map_scalar(*args: Any) -> dict[str, Any] | None:
    if len(args) == 1:
        return None if args[0] is None else _add_to_map_scalar(args[0])
    if len(args) == 2 and isinstance(args[0], list):
        return _array_to_map_scalar(args[0], args[1])
    return _to_map_scalar(*args)


_define = partial(define, CATEGORY)


_BOOK = '{"author": "George R. R. Martin", "price": 17.99, "ISBN": "ISBN-978-0553801477"}'
_INPUT_MAP = Param("map", "The input map (or object)", _MAP)
_KEYS = Param("key", "A key, or an array of keys; other scalars read as text", _OBJECT)
_PAIRS = Param("keysAndValues", "Keys and values, alternating", _OBJECTS, variadic=True)

FUNCTIONS: tuple[FunctionDef, ...] = (
    _define(
        "map_get_values",
        (
            "Function to return the entries of a map for the given key or keys.",
            "Map map_get_values(Map, Object)",
            f'map_get_values(book_details, "author") where book_details is {_BOOK}',
            '{"author": "George R. R. Martin"}',
        ),
        (_INPUT_MAP, _KEYS),
        _map_get_values,
        _map_get_values_scalar,
        return_type=_MAP,
    ),
    _define(
        "map_has_keys",
        (
            "Function to check whether a map has the key, or any of the keys, given.",
            "boolean map_has_keys(Map, Object)",
            f'map_has_keys(book_details, "author") where book_details is {_BOOK}',
            "true",
        ),
        (_INPUT_MAP, _KEYS),
        _map_has_keys,
        _map_has_keys_scalar,
        return_type="java.lang.Boolean",
    ),
    _define(
        "add_to_map",
        (
            "Function to merge maps; when a key repeats, its first occurrence wins.",
            "Map add_to_map(Map...)",
            'add_to_map(to_map("a", 1, "b", 2), to_map("b", 3, "c", 4))',
            '{"a": 1, "b": 2, "c": 4}',
        ),
        (_INPUT_MAP, Param("maps", "The maps to add", _OBJECTS, variadic=True)),
        _add_to_map,
        _add_to_map_scalar,
        return_type=_MAP,
    ),
    _define(
        "object_to_map",
        (
            "Function to create a map from key/value pairs, an object, or an array of objects "
            "keyed by one of their fields.",
            "Map object_to_map(Object...)",
            'object_to_map("firstName", "John", "lastName", "Doe")',
            '{"firstName": "John", "lastName": "Doe"}',
        ),
        (
            Param(
                "input",
                "Key/value pairs, an object, or an array of objects and a key",
                _OBJECTS,
                variadic=True,
            ),
        ),
        _object_to_map,
        _object_to_map_scalar,
        return_type=_MAP,
    ),
    _define(
        "array_to_map",
        (
            "Function to create a map from an array of objects, keyed by one of their fields.",
            "Map array_to_map(Object[], String)",
            'array_to_map(addresses, "type")',
            '{"home": {"type": "home", ...}, "work": {"type": "work", ...}}',
        ),
        (
            Param("inputs", "The array of objects", "[Ljava.lang.Object;"),
            Param("key", "The field of the objects whose value is the key", "java.lang.String"),
        ),
        _array_to_map,
        _array_to_map_scalar,
        return_type=_MAP,
    ),
    _define(
        "to_map",
        (
            "Function to create a map from key/value pairs.",
            "Map to_map(Object...)",
            'to_map("firstName", "John", "lastName", "Doe")',
            '{"firstName": "John", "lastName": "Doe"}',
        ),
        (_PAIRS,),
        _to_map,
        _to_map_scalar,
        return_type=_MAP,
    ),
)
