"""Compiling a mapping set once per run, and applying it to every batch of the run.

Compilation checks everything that does not depend on the data: every destination is a field
of the dataset's schema, every rule kind has a source compiler (:data:`SOURCE_COMPILERS`),
every ``EXPRESSION`` parses and names known functions, and every ``STATIC`` literal converts
to its destination's type. Sources are resolved per input schema
(files of one run may differ), once per distinct schema.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import polars as pl
import pyarrow as pa  # type: ignore[import-untyped]

from headwater.engine.mapping.conform import conform
from headwater.engine.mapping.errors import ROW_COLUMN
from headwater.engine.mapping.plan import Plan, make_plan
from headwater.engine.mapping.rules import MappingRule
from headwater.engine.mapping.run import MappedBatch, run
from headwater.engine.mapping.sources import SOURCE_COMPILERS, Resolver, for_destination
from headwater.engine.mapping.tree import Leaf, Node, build_tree, written_schema
from headwater.engine.mapping.types import is_scalar, xdm_name
from headwater.engine.mapping.xdm_shape import same_name_rules
from headwater.errors import BadRequest
from headwater.xdm import arrow_schema

BAD_STATIC = "1109"
_Compiled = tuple[list[Resolver], tuple[Node, list[Leaf]], pa.Schema]


class CompiledMapping:
    """A mapping set ready to map batches to a dataset's schema (see :func:`compile_mapping`)."""

    def __init__(self, schema: pa.Schema, rules: Sequence[MappingRule] | None) -> None:
        self.rules = None if rules is None else tuple(rules)
        self._compiled = None if self.rules is None else _compile(schema, self.rules)
        # With rules, only the fields they write (see ``written_schema``); without, every
        # field, matched by name per input schema.
        self.schema = schema if self._compiled is None else self._compiled[2]
        self._plans: dict[pa.Schema, Plan] = {}

    @property
    def output_schema(self) -> pa.Schema:
        """The schema of :attr:`MappedBatch.rows`: :attr:`schema` plus ``_hw_row``.

        :attr:`schema` is the part of the dataset's schema that the rules write (every field
        when there are no rules).
        """
        return self.schema.append(pa.field(ROW_COLUMN, pa.int64()))

    def apply(self, batch: pa.RecordBatch) -> MappedBatch:
        """Map one input batch.

        Args:
            batch: Input rows with an int64 ``_hw_row`` column (the source record number).

        Returns:
            The mapped rows (exactly :attr:`output_schema`), the row errors and the notes.

        Raises:
            ValueError: the batch has no ``_hw_row`` column.
            BadRequest: no mapping (``parquet_xdm``) and the batch's columns do not fit.
        """
        if ROW_COLUMN not in batch.schema.names:
            raise ValueError(f"input batches must carry the {ROW_COLUMN!r} column")
        return run(self._plan(batch.schema), batch, self.schema)

    def _plan(self, key: pa.Schema) -> Plan:
        plan = self._plans.get(key)
        if plan is None:
            empty = pl.from_arrow(key.empty_table())
            assert isinstance(empty, pl.DataFrame)
            columns = empty.schema
            if self.rules is None or self._compiled is None:
                rules = same_name_rules(columns, self.schema)
                resolvers, tree, _ = _compile(self.schema, rules, prune=False)
            else:
                rules = list(self.rules)
                resolvers, tree, _ = self._compiled
            plan = self._plans[key] = make_plan(rules, resolvers, tree, columns)
        return plan


def compile_mapping(
    mappings: Sequence[MappingRule] | None, resolved_schema: dict[str, Any]
) -> CompiledMapping:
    """Compile a mapping set against a dataset's resolved XDM schema.

    Args:
        mappings: The rules (see :func:`rules_from_mapping_set`), or ``None`` for no mapping
            (``parquet_xdm``: input columns are matched by name to the schema's fields).
        resolved_schema: The dataset's schema as ``headwater.xdm.resolve`` returns it.

    Returns:
        The compiled mapping; :meth:`CompiledMapping.apply` maps batches.

    Raises:
        BadRequest: a destination is not in the schema, is mapped twice, a source path or
            an expression is malformed (code 1105 for expressions), or a ``STATIC`` literal
            does not convert to its destination's type.
    """
    return CompiledMapping(arrow_schema(resolved_schema), mappings)


def _compile(schema: pa.Schema, rules: Sequence[MappingRule], *, prune: bool = True) -> _Compiled:
    destinations = [rule.destination for rule in rules]
    tree = build_tree(schema, destinations)
    resolvers = [
        for_destination(SOURCE_COMPILERS[rule.kind](rule), rule, leaf.type)
        for rule, leaf in zip(rules, tree[1], strict=True)
    ]
    _check_statics(rules, tree[1])
    if not prune:
        return resolvers, tree, schema
    written = written_schema(tree[0])
    return resolvers, build_tree(written, destinations), written


def _check_statics(rules: Sequence[MappingRule], leaves: Sequence[Leaf]) -> None:
    problems = []
    for rule, leaf in zip(rules, leaves, strict=True):
        if rule.kind != "STATIC":
            continue
        if not is_scalar(leaf.type):
            problems.append(f"{leaf.path!r} is an {xdm_name(leaf.type)}, not a single value")
            continue
        literal = conform(pl.lit(rule.source, dtype=pl.String), pl.String(), leaf.type, leaf.path)
        if pl.select(literal.value).item() is None:
            problems.append(
                f"{rule.source!r} cannot be converted to {xdm_name(leaf.type)} for {leaf.path!r}"
            )
    if problems:
        raise BadRequest(
            "Static mappings do not fit: " + "; ".join(problems),
            code=BAD_STATIC,
            details={"problems": problems},
        )
