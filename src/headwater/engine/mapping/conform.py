"""Whole values (objects, arrays, maps, scalars) to the Arrow type of their destination.

Objects match by field name: the target's fields take the source's same-named fields (the
platform's "object copy"), the others are null, and source fields the target lacks are
reported in ``extras`` (dropped). Arrays convert element by element; maps take an object's
fields or a map's entries as entries. Scalars go through :func:`coerce.coerce`.

Besides the value, a :class:`Conformed` counts, per row, the source values that could not be
converted (``bad``: they became null) and those whose type cannot convert at all (``clash``);
``None`` means "never": no expression is spent on it.
"""

from __future__ import annotations

from dataclasses import dataclass

import polars as pl
import pyarrow as pa  # type: ignore[import-untyped]

from headwater.engine.mapping.coerce import coerce
from headwater.engine.mapping.types import PolarsType, describe, is_scalar, polars_type, xdm_name


@dataclass(frozen=True)
class Conformed:
    """A value conformed to a target type, with per-row failure counts (UInt32)."""

    value: pl.Expr
    bad: pl.Expr | None = None
    clash: pl.Expr | None = None
    parsed: pl.Expr | None = None  # scalars: the value before range checks
    clashes: tuple[str, ...] = ()  # "where: X cannot be converted to Y"
    extras: tuple[str, ...] = ()  # source fields without a target field


def conform(expr: pl.Expr, source: PolarsType, target: pa.DataType, where: str) -> Conformed:
    """``expr`` (Polars type ``source``) as Arrow type ``target``; ``where`` names it in notes."""
    if source == pl.Null or is_scalar(target):
        return _scalar(expr, source, target, where)
    if pa.types.is_struct(target) and isinstance(source, pl.Struct):
        return _struct(expr, source, target, where)
    if pa.types.is_list(target) and isinstance(source, pl.List | pl.Array):
        return _list(expr, source, target, where)
    if pa.types.is_map(target) and isinstance(source, pl.Struct | pl.Map):
        return _map(expr, source, target, where)
    if pa.types.is_map(target) and isinstance(source, pl.List) and _is_entries(source):
        return _map(expr, source, target, where)
    return _clash(expr, source, target, where)


def _scalar(expr: pl.Expr, source: PolarsType, target: pa.DataType, where: str) -> Conformed:
    coerced = coerce(expr, source, target)
    if coerced is None:
        return _clash(expr, source, target, where)
    if source == pl.Null or (source == pl.String and target == pa.string()):
        return Conformed(coerced.value, parsed=coerced.parsed)
    bad = (expr.is_not_null() & coerced.value.is_null()).cast(pl.UInt32)
    return Conformed(coerced.value, bad, parsed=coerced.parsed)


def _clash(expr: pl.Expr, source: PolarsType, target: pa.DataType, where: str) -> Conformed:
    note = f"{where}: {describe(source)} cannot be converted to {xdm_name(target)}"
    return Conformed(
        pl.lit(None, dtype=polars_type(target)),
        clash=expr.is_not_null().cast(pl.UInt32),
        clashes=(note,),
    )


def _struct(expr: pl.Expr, source: pl.Struct, target: pa.DataType, where: str) -> Conformed:
    fields = {one.name: one.dtype for one in source.fields}
    parts: list[Conformed] = []
    values = []
    for field in target:
        if field.name in fields:
            part = conform(
                expr.struct.field(field.name),
                fields[field.name],
                field.type,
                _join(where, field.name),
            )
            parts.append(part)
            values.append(part.value.alias(field.name))
        else:
            values.append(pl.lit(None, dtype=polars_type(field.type)).alias(field.name))
    known = {field.name for field in target}
    extras = tuple(_join(where, name) for name in fields if name not in known)
    value = pl.when(expr.is_not_null()).then(pl.struct(values))
    return _combine(value, parts, extras)


def _list(expr: pl.Expr, source: pl.List | pl.Array, target: pa.DataType, where: str) -> Conformed:
    if isinstance(source, pl.Array):
        expr = expr.arr.to_list()
    item = conform(pl.element(), source.inner, target.value_type, f"{where}[*]")
    # Elements that need no conversion (strings to strings): no per-element pass.
    same = item.value.meta.eq(pl.element()) and item.bad is None and item.clash is None
    return Conformed(
        expr if same else expr.list.eval(item.value),
        sum_inside(expr, item.bad),
        sum_inside(expr, item.clash),
        clashes=item.clashes,
        extras=item.extras,
    )


def _map(
    expr: pl.Expr, source: pl.Struct | pl.Map | pl.List, target: pa.DataType, where: str
) -> Conformed:
    if isinstance(source, pl.List):
        entries, found = _listed_entries(expr, source, target.item_type, where)
    elif isinstance(source, pl.Map):
        entries, found = _map_entries(expr, source, target.item_type, where)
    else:
        entries, found = _struct_entries(expr, source, target.item_type, where)
    kept = entries.list.eval(pl.element().filter(pl.element().struct.field("value").is_not_null()))
    value = pl.when(expr.is_not_null()).then(kept.list.to_map())
    return Conformed(value, found.bad, found.clash, clashes=found.clashes, extras=found.extras)


def _map_entries(
    expr: pl.Expr, source: pl.Map, item_type: pa.DataType, where: str
) -> tuple[pl.Expr, Conformed]:
    entries = pl.List(pl.Struct({"key": source.key, "value": source.value}))
    return _listed_entries(expr.map.entries(), entries, item_type, where)


def _is_entries(source: PolarsType) -> bool:
    """A list of ``{key, value}`` objects: how Data Prep's expressions hold a map."""
    if not isinstance(source, pl.List) or not isinstance(source.inner, pl.Struct):
        return False
    return [field.name for field in source.inner.fields] == ["key", "value"]


def _listed_entries(
    expr: pl.Expr, source: pl.List, item_type: pa.DataType, where: str
) -> tuple[pl.Expr, Conformed]:
    assert isinstance(source.inner, pl.Struct)
    value_type = {field.name: field.dtype for field in source.inner.fields}["value"]
    entry = pl.element().struct
    item = conform(entry.field("value"), value_type, item_type, f"{where}.*")
    built = pl.struct(key=entry.field("key").cast(pl.String), value=item.value)
    found = Conformed(
        expr,
        sum_inside(expr, item.bad),
        sum_inside(expr, item.clash),
        clashes=item.clashes,
        extras=item.extras,
    )
    return expr.list.eval(built), found


def _struct_entries(
    expr: pl.Expr, source: pl.Struct, item_type: pa.DataType, where: str
) -> tuple[pl.Expr, Conformed]:
    parts = [
        conform(expr.struct.field(one.name), one.dtype, item_type, _join(where, one.name))
        for one in source.fields
    ]
    listed = [
        pl.struct(key=pl.lit(one.name, dtype=pl.String), value=part.value)
        for one, part in zip(source.fields, parts, strict=True)
    ]
    empty = pl.lit([], dtype=pl.List(pl.Struct({"key": pl.String, "value": pl.Null})))
    return (pl.concat_list(listed) if listed else empty), _combine(empty, parts, ())


def _combine(value: pl.Expr, parts: list[Conformed], extras: tuple[str, ...]) -> Conformed:
    bads = [part.bad for part in parts if part.bad is not None]
    clash = [part.clash for part in parts if part.clash is not None]
    return Conformed(
        value,
        pl.sum_horizontal(bads).cast(pl.UInt32) if bads else None,
        pl.sum_horizontal(clash).cast(pl.UInt32) if clash else None,
        clashes=tuple(note for part in parts for note in part.clashes),
        extras=extras + tuple(name for part in parts for name in part.extras),
    )


def sum_inside(listed: pl.Expr, count: pl.Expr | None) -> pl.Expr | None:
    """Per row, the total of an element-wise ``count`` over the list ``listed``."""
    if count is None:
        return None
    return listed.list.eval(count).list.sum().fill_null(0).cast(pl.UInt32)


def _join(where: str, name: str) -> str:
    escaped = name.replace(".", "\\.")
    return f"{where}.{escaped}" if where else escaped
