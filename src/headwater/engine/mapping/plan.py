"""A mapping set planned against one input schema: each rule's source, conformed to its leaf."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

import polars as pl

from headwater.engine.mapping.conform import Conformed, conform, sum_inside
from headwater.engine.mapping.rules import MappingRule
from headwater.engine.mapping.sources import Resolver, Source
from headwater.engine.mapping.tree import Leaf, Node
from headwater.engine.mapping.types import PolarsType


@dataclass(frozen=True)
class RulePlan:
    """One rule against one input schema (``source`` is ``None`` when the input lacks it)."""

    index: int
    rule: MappingRule
    leaf: Leaf
    source: Source | None
    conformed: Conformed
    depth: int  # lists around the value that line up with [*] of the destination


@dataclass(frozen=True)
class Plan:
    """Everything needed to map batches of one input schema.

    ``computed`` are columns added to a batch before mapping it: the values and errors of
    calculated fields, computed once (their rules read them by name).
    """

    root: Node
    rules: tuple[RulePlan, ...]
    notes: tuple[str, ...]
    computed: tuple[pl.Expr, ...] = ()


def make_plan(
    rules: Sequence[MappingRule],
    resolvers: Sequence[Resolver],
    tree: tuple[Node, Sequence[Leaf]],
    schema: Mapping[str, PolarsType],
) -> Plan:
    """Resolve every rule's source in ``schema`` and conform it to its destination."""
    root, leaves = tree
    planned: list[RulePlan] = []
    notes: list[str] = []
    computed: list[pl.Expr] = []
    for index, (rule, resolve, leaf) in enumerate(zip(rules, resolvers, leaves, strict=True)):
        found = resolve(schema)
        if rule.kind == "EXPRESSION" and not isinstance(found, str):
            found = _computed(found, index, computed)
        if isinstance(found, str):
            notes.append(
                f"source {rule.source!r} (mapped to {leaf.path!r}) is not in the "
                f"input ({found}): mapped as null"
            )
            source = None
            empty = Source(pl.lit(None), pl.Null())
            conformed, depth = conform_at(empty, leaf)
        else:
            source = found
            conformed, depth = conform_at(found, leaf)
        notes.extend(f"{rule.source!r} → {leaf.path!r}: {note}" for note in conformed.clashes)
        notes.extend(
            f"{rule.source!r} → {leaf.path!r}: {name} is not in the schema: dropped"
            for name in conformed.extras
        )
        planned.append(RulePlan(index, rule, leaf, source, conformed, depth))
    return Plan(root, tuple(planned), tuple(notes), tuple(computed))


def _computed(source: Source, index: int, columns: list[pl.Expr]) -> Source:
    """``source`` read from columns computed before mapping: conversions and error flags read
    a calculated field several times, and Polars does not always share the work."""
    value, failed = f"_hw_x{index}", f"_hw_xe{index}"
    columns.append(source.expr.alias(value))
    if source.error is not None:
        columns.append(source.error.alias(failed))
    error = None if source.error is None else pl.col(failed)
    return Source(pl.col(value), source.dtype, source.depth, error)


def conform_at(source: Source, leaf: Leaf) -> tuple[Conformed, int]:
    """The source conformed inside the lists that line up with the destination's ``[*]``."""
    depth = min(source.depth, leaf.depth)
    return _inside(source.expr, source.dtype, depth, leaf), depth


def _inside(expr: pl.Expr, dtype: PolarsType, depth: int, leaf: Leaf) -> Conformed:
    if depth == 0:
        return conform(expr, dtype, leaf.type, leaf.path)
    assert isinstance(dtype, pl.List)
    item = _inside(pl.element(), dtype.inner, depth - 1, leaf)
    return Conformed(
        expr.list.eval(item.value),
        sum_inside(expr, item.bad),
        sum_inside(expr, item.clash),
        clashes=item.clashes,
        extras=item.extras,
    )
