"""Maps and list tricks of the hierarchy families (objects, arrays, maps).

A map built here is canonical: no null key, no null value (a null value reads as an absent key,
the way an object's null field does) and each key once, the first occurrence winning.

Polars cannot read other columns inside ``list.eval``; the helpers that need a per-row value
there (a key to look up, a second array to zip with) append it to the list first and split
the combined list again inside the evaluation.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import polars as pl

from headwater.dataprep.functions._hierarchy_types import (
    E,
    conform,
    constant_key,
    element,
    fields_of,
    inner_of,
    java_str,
    or_empty,
    unify,
)
from headwater.dataprep.values import ExpressionError, Value

KEY = E.struct.field("key")
VALUE = E.struct.field("value")


def map_of(value_dtype: pl.DataType) -> pl.DataType:
    return pl.List(pl.Struct({"key": pl.String, "value": value_dtype}))


def is_map(dtype: pl.DataType) -> bool:
    if not isinstance(dtype, pl.List) or not isinstance(dtype.inner, pl.Struct):
        return False
    fields = fields_of(dtype.inner)
    return list(fields) == ["key", "value"] and fields["key"] == pl.String


def map_value_dtype(dtype: pl.DataType) -> pl.DataType:
    if not isinstance(dtype, pl.List) or not isinstance(dtype.inner, pl.Struct):
        raise TypeError(f"not a map type: {dtype}")
    return fields_of(dtype.inner)["value"]


def canonical_map(entries: pl.Expr) -> pl.Expr:
    """A list of ``{key, value}`` without null keys or values, each key once (first wins)."""
    present = E.filter(KEY.is_not_null() & VALUE.is_not_null())
    return entries.list.eval(present.filter(present.struct.field("key").is_first_distinct()))


def map_keys(entries: pl.Expr) -> pl.Expr:
    return entries.list.eval(KEY)


def struct_to_map(expr: pl.Expr, dtype: pl.Struct, *, function: str) -> tuple[pl.Expr, pl.DataType]:
    """An object as a map from its field names to its non-null field values."""
    fields = fields_of(dtype)
    if not fields:
        empty = pl.lit([], dtype=map_of(pl.Null()))
        return pl.when(expr.is_null()).then(None).otherwise(empty), map_of(pl.Null())
    values, value_dtype = unify(
        [Value(expr.struct.field(name), f) for name, f in fields.items()], function=function
    )
    entries = pl.concat_list(
        [pl.struct(key=pl.lit(name), value=v) for name, v in zip(fields, values, strict=True)]
    )
    built = pl.when(expr.is_null()).then(None).otherwise(canonical_map(entries))
    return built, map_of(value_dtype)


def as_map(value: Value, *, function: str) -> tuple[pl.Expr, pl.DataType]:
    """A map argument as a map expression and its value type; an object converts to a map."""
    if value.dtype == pl.Null:
        return pl.lit(None, map_of(pl.Null())), pl.Null()
    if is_map(value.dtype):
        return value.expr, map_value_dtype(value.dtype)
    if isinstance(value.dtype, pl.Struct):
        expr, dtype = struct_to_map(value.expr, value.dtype, function=function)
        return expr, map_value_dtype(dtype)
    raise ExpressionError(f"{function}: expected a map or an object, not {value.dtype}")


def key_list(value: Value, *, function: str) -> pl.Expr:
    """A KEY | KEY[] argument as an array of texts (other scalars read as text)."""
    if value.dtype == pl.Null:
        return pl.lit([], dtype=pl.List(pl.String))
    if isinstance(value.dtype, pl.List):
        if inner_of(value.dtype).is_nested():
            raise ExpressionError(f"{function}: keys must be texts, not {value.dtype}")
        return or_empty(conform(value.expr, value.dtype, pl.List(pl.String)), pl.String())
    if value.dtype.is_nested():
        raise ExpressionError(f"{function}: keys must be texts, not {value.dtype}")
    return pl.concat_list(conform(value.expr, value.dtype, pl.String())).list.drop_nulls()


def index_of(keys: pl.Expr, key: pl.Expr) -> pl.Expr:
    """Per row, the index of the first element of ``keys`` equal to the text ``key``, or null."""
    head = E.head(pl.len() - 1)
    found = pl.int_range(pl.len() - 1).filter(head == E.last()).first()
    return pl.concat_list(keys, key).list.eval(found).list.first()


def member_mask(items: pl.Expr, wanted: pl.Expr) -> pl.Expr:
    """Per row, a list of booleans: whether each text of ``items`` is in the list ``wanted``."""
    tagged_items = items.list.eval(pl.struct(k=E, wanted=pl.lit(False)))
    tagged_wanted = wanted.list.eval(pl.struct(k=E, wanted=pl.lit(True)))
    text, is_wanted = E.struct.field("k"), E.struct.field("wanted")
    mask = text.filter(~is_wanted).is_in(text.filter(is_wanted).implode())
    return pl.concat_list(tagged_items, tagged_wanted).list.eval(mask)


def where(items: pl.Expr, mask: pl.Expr) -> pl.Expr:
    """The elements of ``items`` whose entry in the boolean list ``mask`` is true."""
    return items.list.gather(mask.list.eval(pl.int_range(pl.len()).filter(E)))


def zip_lists(
    names: Sequence[str], lists: Sequence[pl.Expr], inners: Sequence[pl.DataType]
) -> pl.Expr:
    """Parallel arrays as one array of objects ``{name: element}``; shorter arrays pad with null.

    Each array is padded to the longest one and widened to the shared object type, the arrays
    are concatenated, and the evaluation takes field ``i`` from the ``i``-th slice.
    """
    width = pl.max_horizontal([items.list.len() for items in lists])
    positions = pl.int_ranges(0, width)
    parts = []
    for i, items in enumerate(lists):
        fields = [
            (E if i == j else pl.lit(None, inner)).alias(name)
            for j, (name, inner) in enumerate(zip(names, inners, strict=True))
        ]
        padded = items.list.gather(positions, null_on_oob=True)
        parts.append(padded.list.eval(pl.struct(fields)))
    size = pl.len() // len(lists)
    columns = [E.struct.field(name).slice(i * size, size) for i, name in enumerate(names)]
    return pl.concat_list(parts).list.eval(pl.struct(columns))


def lookup(target: Value, key: Value, *, function: str = "get") -> Value:
    """``target.get(key)``: an object's field, a map's value for a key, an array's element."""
    dtype = target.dtype
    if dtype == pl.Null or (key.is_constant and key.constant is None):
        return Value(pl.lit(None), pl.Null())
    if is_map(dtype):
        if key.is_constant:
            found = target.expr.list.filter(KEY.eq(java_str(key.constant))).list.first()
        else:
            at = index_of(map_keys(target.expr), conform(key.expr, key.dtype, pl.String()))
            found = target.expr.list.get(at, null_on_oob=True)
        return element(found.struct.field("value"), map_value_dtype(dtype))
    if isinstance(dtype, pl.Struct):
        name = constant_key(key, function=function)
        fields = fields_of(dtype)
        if name not in fields:
            return Value(pl.lit(None), pl.Null())
        return element(target.expr.struct.field(name), fields[name])
    if isinstance(dtype, pl.List) and key.dtype.is_integer():
        index = key.expr.cast(pl.Int64)
        found_at = target.expr.list.get(index, null_on_oob=True)
        return element(pl.when(index >= 0).then(found_at), inner_of(dtype))
    raise ExpressionError(f"{function}: cannot read a {key.dtype} key of a {dtype}")


def lookup_scalar(target: Any, key: Any) -> Any:
    """The plain-Python ``get``: dicts by text key, lists by index."""
    if target is None or key is None:
        return None
    if isinstance(target, dict):
        return target.get(java_str(key))
    return target[key] if 0 <= key < len(target) else None


def size_expr(value: Value, *, function: str) -> pl.Expr:
    """``size_of``: elements of an array (nulls too), entries of a map, non-null fields of an
    object, characters of a text; null has size 0."""
    dtype, expr = value.dtype, value.expr
    if dtype == pl.Null:
        return pl.lit(0, pl.Int64)
    if is_map(dtype):
        size = expr.list.eval(VALUE.is_not_null().sum()).list.first()
    elif isinstance(dtype, pl.List):
        size = expr.list.len()
    elif isinstance(dtype, pl.Struct):
        set_fields = [expr.struct.field(f).is_not_null() for f in fields_of(dtype)]
        size = pl.sum_horizontal(set_fields) if set_fields else pl.lit(0)
    elif dtype == pl.String:
        size = expr.str.len_chars()
    else:
        raise ExpressionError(f"{function}: expected an array, map, object or text, not {dtype}")
    return size.cast(pl.Int64).fill_null(0)


def size_scalar(value: Any) -> int:
    """The plain-Python ``size_of``: dicts (objects and maps) count their non-null values."""
    if value is None:
        return 0
    if isinstance(value, dict):
        return sum(1 for item in value.values() if item is not None)
    return len(value)
