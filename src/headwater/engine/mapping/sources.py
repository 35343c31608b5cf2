"""Where each rule's value comes from: one source compiler per rule kind.

A compiler turns a rule into a :data:`Resolver`, which, given the Polars schema of an input
batch, gives the source column as a :class:`Source` (an expression, its type and how many
``[*]`` it went through) or, when the input has no such field, the reason as text: the
platform maps a missing source as null. Adding a rule kind (the Data Prep expression language
will add ``EXPRESSION``) means adding one entry to :data:`SOURCE_COMPILERS`.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass

import polars as pl

from headwater.engine.mapping.paths import Each, Index, Name, Step, parse_path
from headwater.engine.mapping.rules import MappingRule
from headwater.engine.mapping.types import PolarsType
from headwater.errors import BadRequest

EXPRESSION_UNAVAILABLE = "1105"


@dataclass(frozen=True)
class Source:
    """A source column: its expression, Polars type and number of ``[*]`` steps."""

    expr: pl.Expr
    dtype: PolarsType
    depth: int = 0


Resolver = Callable[[Mapping[str, PolarsType]], "Source | str"]
SourceCompiler = Callable[[MappingRule], Resolver]


def attribute_source(rule: MappingRule) -> Resolver:
    """An ``ATTRIBUTE`` rule: the value at the source path (``a.b``, ``a[0]``, ``a[*].b``)."""
    try:
        steps = parse_path(rule.source)
    except ValueError as exc:
        raise BadRequest(f"Mapping source {rule.source!r}: {exc}") from None
    return lambda schema: _walk(None, pl.Struct(dict(schema)), steps, 0)


def static_source(rule: MappingRule) -> Resolver:
    """A ``STATIC`` rule: the literal text, typed later by the destination."""
    found = Source(pl.lit(rule.source, dtype=pl.String), pl.String())
    return lambda schema: found


def expression_source(rule: MappingRule) -> Resolver:
    """``EXPRESSION`` rules (calculated fields) are not available yet: always a bad request."""
    raise BadRequest(
        f"The mapping to {rule.destination!r} is a calculated field (EXPRESSION "
        f"{rule.source!r}); expressions are evaluated by the Data Prep expression engine, "
        "which is not available yet",
        code=EXPRESSION_UNAVAILABLE,
    )


SOURCE_COMPILERS: dict[str, SourceCompiler] = {
    "ATTRIBUTE": attribute_source,
    "STATIC": static_source,
    "EXPRESSION": expression_source,
}


def _walk(
    expr: pl.Expr | None, dtype: PolarsType, steps: tuple[Step, ...], depth: int
) -> Source | str:
    if not steps:
        assert expr is not None
        return Source(expr, dtype, depth)
    if dtype == pl.Null:
        return Source(pl.lit(None), pl.Null(), depth)
    step, rest = steps[0], steps[1:]
    if isinstance(step, Name):
        return _name(expr, dtype, step.name, rest, depth)
    if isinstance(dtype, pl.Array):
        assert expr is not None
        expr, dtype = expr.arr.to_list(), pl.List(dtype.inner)
    if not isinstance(dtype, pl.List) or expr is None:
        return f"{_kind(dtype)} has no elements"
    if isinstance(step, Index):
        return _walk(expr.list.get(step.index, null_on_oob=True), dtype.inner, rest, depth)
    assert isinstance(step, Each)
    inner = _walk(pl.element(), dtype.inner, rest, 0)
    if isinstance(inner, str):
        return inner
    return Source(expr.list.eval(inner.expr), pl.List(inner.dtype), depth + 1 + inner.depth)


def _name(
    expr: pl.Expr | None, dtype: PolarsType, name: str, rest: tuple[Step, ...], depth: int
) -> Source | str:
    if isinstance(dtype, pl.Struct):
        fields = {one.name: one.dtype for one in dtype.fields}
        if name not in fields:
            return f"no field {name!r}"
        child = pl.col(name) if expr is None else expr.struct.field(name)
        return _walk(child, fields[name], rest, depth)
    if isinstance(dtype, pl.Map) and expr is not None:
        return _walk(expr.map.get(name), dtype.value, rest, depth)
    return f"{_kind(dtype)} has no field {name!r}"


def _kind(dtype: PolarsType) -> str:
    return "a " + str(dtype).split("(")[0].lower() + " value"
