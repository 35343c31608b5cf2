"""Where each rule's value comes from: one source compiler per rule kind.

A compiler turns a rule into a :data:`Resolver`, which, given the Polars schema of an input
batch, gives the source column as a :class:`Source` (an expression, its type and how many
``[*]`` it went through) or, when the input has no such field, the reason as text: the
platform maps a missing source as null. Adding a rule kind means adding one entry to
:data:`SOURCE_COMPILERS`.

``EXPRESSION`` rules (calculated fields) are compiled by :mod:`headwater.dataprep`: the text is
checked once, then compiled against each input schema. Their per-row transformation errors
come with the source (``error``): the value is null on those rows, and the map stage records
each error (``MAPPER-3703-400``) while keeping the row. An expression that does not fit the
input's types (``lower(address)`` where ``address`` is an object) fails on every row the same
way, as the platform's per-record evaluation would.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass

import polars as pl
import pyarrow as pa  # type: ignore[import-untyped]

from headwater import dataprep
from headwater.engine.mapping.errors import ROW_COLUMN
from headwater.engine.mapping.paths import Each, Index, Name, Step, parse_path
from headwater.engine.mapping.rules import MappingRule
from headwater.engine.mapping.types import PolarsType
from headwater.errors import BadRequest

BAD_EXPRESSION = "1105"


@dataclass(frozen=True)
class Source:
    """A source column: its expression, Polars type and number of ``[*]`` steps; ``error``
    (calculated fields) is a message on rows where computing it failed, else null; ``column``
    names the input column when the source is one, as it stands."""

    expr: pl.Expr
    dtype: PolarsType
    depth: int = 0
    error: pl.Expr | None = None
    column: str | None = None


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
    """An ``EXPRESSION`` rule: a calculated field, checked now and compiled per input schema.

    Raises:
        BadRequest: the expression has a syntax error, an unknown function or wrong arguments.
    """
    try:
        tree = dataprep.check_expression(rule.source)
    except dataprep.ExpressionError as error:
        raise _bad_expression(rule, error) from None

    def resolve(schema: Mapping[str, PolarsType]) -> Source:
        columns = {name: dtype for name, dtype in schema.items() if name != ROW_COLUMN}
        try:
            value = dataprep.compile_expression(tree, columns)
        except dataprep.ExpressionError as error:
            reason = f"it does not fit this input's types: {error.located}"
            return Source(pl.lit(None), pl.Null(), 0, pl.lit(reason, dtype=pl.String))
        failed = value.error
        expr = value.expr if failed is None else pl.when(failed.is_null()).then(value.expr)
        return Source(expr, value.dtype, _list_depth(value.dtype), failed)

    return resolve


def for_destination(resolver: Resolver, rule: MappingRule, destination: pa.DataType) -> Resolver:
    """``resolver``, told the type of its destination where an expression needs it: objects
    made by ``json_to_object`` take the destination object's type (JSON text has none)."""
    if rule.kind != "EXPRESSION" or not pa.types.is_struct(destination):
        return resolver
    frame = pl.from_arrow(pa.table({"o": pa.nulls(0, destination)}))
    assert isinstance(frame, pl.DataFrame)
    dtype = frame.schema["o"]
    assert isinstance(dtype, pl.Struct)

    def resolve(schema: Mapping[str, PolarsType]) -> Source | str:
        with dataprep.object_type(dtype):
            return resolver(schema)

    return resolve


def _bad_expression(rule: MappingRule, error: dataprep.ExpressionError) -> BadRequest:
    line, column = error.position or (1, 1)
    return BadRequest(
        f"The calculated field for {rule.destination!r} ({rule.source!r}): {error.located}",
        code=BAD_EXPRESSION,
        details={
            "expression": rule.source,
            "line": line,
            "column": column,
            "message": error.message,
        },
    )


def _list_depth(dtype: PolarsType) -> int:
    """How many lists wrap a value: they line up with the destination's ``[*]``."""
    depth = 0
    while isinstance(dtype, pl.List):
        depth, dtype = depth + 1, dtype.inner
    return depth


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
        if expr is None and not rest:
            return Source(pl.col(name), fields[name], depth, column=name)
        child = pl.col(name) if expr is None else expr.struct.field(name)
        return _walk(child, fields[name], rest, depth)
    if isinstance(dtype, pl.Map) and expr is not None:
        return _walk(expr.map.get(name), dtype.value, rest, depth)
    return f"{_kind(dtype)} has no field {name!r}"


def _kind(dtype: PolarsType) -> str:
    return "a " + str(dtype).split("(")[0].lower() + " value"
