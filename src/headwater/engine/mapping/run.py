"""Mapping one batch with a plan: text columns copied as they are, one Polars pass for every
other value and failure flag, then the output assembled in Arrow and the flagged rows turned
into errors."""

from __future__ import annotations

from dataclasses import dataclass

import polars as pl
import pyarrow as pa  # type: ignore[import-untyped]

from headwater.engine.mapping.assemble import Level, build_columns
from headwater.engine.mapping.errors import (
    CONVERSION_FAILED,
    ERROR,
    EXPRESSION_FAILED,
    OUT_OF_RANGE,
    ROW_COLUMN,
    TYPE_MISMATCH,
    WARNING,
    error_rows,
    errors_table,
    shown,
)
from headwater.engine.mapping.plan import Plan, RulePlan
from headwater.engine.mapping.types import INTEGER_RANGES, list_of, xdm_name


@dataclass(frozen=True)
class MappedBatch:
    """The result of mapping one batch.

    Attributes:
        rows: The dataset's Arrow schema plus ``_hw_row``, one row per input row.
        errors: One row per problem (``row``, ``field``, ``code``, ``message``, ``severity``).
        notes: Per-batch remarks that are not row errors: sources missing from the input
            (mapped as null), source fields the schema lacks (dropped), type clashes.
    """

    rows: pa.RecordBatch
    errors: pa.Table
    notes: tuple[str, ...] = ()


@dataclass(frozen=True)
class _Flag:
    column: str
    rule: RulePlan
    kind: str  # convert | range | bad | clash | expression
    test: pl.Expr  # over the columns of the first pass


def run(plan: Plan, batch: pa.RecordBatch, schema: pa.Schema) -> MappedBatch:
    """Map ``batch`` (an input batch with ``_hw_row``) to ``schema`` plus ``_hw_row``.

    Rules that copy an input text column to a text field take it as it is, in Arrow; only the
    others (conversions, nesting, calculated fields) go through one Polars pass.
    """
    copied = {one.index: name for one in plan.rules if (name := _copied(one)) is not None}
    values = {i: (_text(batch.column(name)), 0) for i, name in copied.items()}
    converted = [one for one in plan.rules if one.index not in copied]
    errors: list[pl.DataFrame] = []
    if converted:
        frame = pl.from_arrow(batch)
        assert isinstance(frame, pl.DataFrame)
        values.update(_converted(plan, converted, frame, errors))
    columns = build_columns(plan.root, Level(batch.num_rows, values))
    rows = batch.column(ROW_COLUMN).cast(pa.int64())
    mapped = pa.RecordBatch.from_arrays(
        [*columns, rows], schema=schema.append(pa.field(ROW_COLUMN, pa.int64()))
    )
    return MappedBatch(mapped, errors_table(errors), plan.notes)


def _copied(one: RulePlan) -> str | None:
    """The input column a rule copies as it is: text to a text field, nothing to check."""
    source, conformed = one.source, one.conformed
    if source is None or source.column is None or source.error is not None or one.depth:
        return None
    if conformed.bad is not None or conformed.clash is not None:
        return None
    return source.column if source.dtype == pl.String and one.leaf.type == pa.string() else None


def _text(column: pa.Array) -> pa.Array:
    return column if column.type == pa.string() else column.cast(pa.string())


def _converted(
    plan: Plan, rules: list[RulePlan], frame: pl.DataFrame, errors: list[pl.DataFrame]
) -> dict[int, tuple[pa.Array, int]]:
    """The values of ``rules`` from one Polars pass; their row errors go to ``errors``."""
    if plan.computed:
        # calculated fields, once; lazily, so that a value and its error share their work
        frame = frame.lazy().with_columns(plan.computed).collect()
    exprs = [pl.col(ROW_COLUMN)]
    flags: list[_Flag] = []
    for one in rules:
        exprs.append(one.conformed.value.alias(f"v{one.index}"))
        exprs.extend(_inputs(one))
        flags.extend(_flags(one))
    # Two passes: flags read the values instead of recomputing them (a Python parser such as
    # the date formats' is opaque to common-subexpression elimination).
    out = (
        frame.lazy()
        .select(exprs)
        .with_columns([flag.test.alias(flag.column) for flag in flags])
        .collect()
    )
    errors.extend(_errors(flag, frame, out) for flag in flags if out.get_column(flag.column).any())
    return {one.index: (_leaf_array(out, one), one.depth) for one in rules}


def _leaf_array(out: pl.DataFrame, one: RulePlan) -> pa.Array:
    array = out.get_column(f"v{one.index}").to_arrow()
    return array.cast(list_of(one.leaf.type, one.depth))


def _scalar(one: RulePlan) -> bool:
    return one.depth == 0 and one.conformed.parsed is not None and one.source is not None


def _ranged(one: RulePlan) -> bool:
    return _scalar(one) and one.conformed.parsed is not one.conformed.value


def _inputs(one: RulePlan) -> list[pl.Expr]:
    """What the flags of a rule need besides its value, computed in the first pass."""
    conformed, i = one.conformed, one.index
    found = []
    if conformed.bad is not None and _scalar(one):
        assert one.source is not None
        found.append(one.source.expr.is_not_null().alias(f"n{i}"))
        if _ranged(one):
            assert conformed.parsed is not None
            found.append(conformed.parsed.alias(f"p{i}"))
    elif conformed.bad is not None:
        found.append(conformed.bad.alias(f"b{i}"))
    if conformed.clash is not None:
        found.append(conformed.clash.alias(f"x{i}"))
    if one.source is not None and one.source.error is not None:
        found.append(one.source.error.alias(f"e{i}"))
    return found


def _flags(one: RulePlan) -> list[_Flag]:
    conformed, i, c = one.conformed, one.index, pl.col
    found = []
    if conformed.bad is not None and _scalar(one):
        parsed = c(f"p{i}") if _ranged(one) else c(f"v{i}")
        found.append(_Flag(f"fc{i}", one, "convert", c(f"n{i}") & parsed.is_null()))
        if _ranged(one):
            found.append(_Flag(f"fr{i}", one, "range", parsed.is_not_null() & c(f"v{i}").is_null()))
    elif conformed.bad is not None:
        found.append(_Flag(f"fb{i}", one, "bad", c(f"b{i}") > 0))
    if conformed.clash is not None:
        found.append(_Flag(f"fx{i}", one, "clash", c(f"x{i}") > 0))
    if one.source is not None and one.source.error is not None:
        found.append(_Flag(f"fe{i}", one, "expression", c(f"e{i}").is_not_null()))
    return found


def _errors(flag: _Flag, frame: pl.DataFrame, out: pl.DataFrame) -> pl.DataFrame:
    one = flag.rule
    assert one.source is not None
    mask = out.get_column(flag.column)
    if flag.kind == "expression":
        message = pl.lit("The calculated field failed: ") + pl.col(f"e{one.index}")
        return error_rows(
            out.filter(mask), message, field=one.leaf.path, code=EXPRESSION_FAILED, severity=WARNING
        )
    failed = frame.filter(mask)
    target = xdm_name(one.leaf.type)
    origin = f" of {one.rule.source!r}" if one.rule.kind == "ATTRIBUTE" else ""
    if flag.kind == "clash":
        text = f"The value{origin} cannot be converted to {target}: " + "; ".join(
            one.conformed.clashes
        )
        return error_rows(
            failed, pl.lit(text), field=one.leaf.path, code=TYPE_MISMATCH, severity=ERROR
        )
    if flag.kind == "bad":
        text = f"Some values{origin} cannot be converted to the schema's types: set to null"
        return error_rows(
            failed, pl.lit(text), field=one.leaf.path, code=CONVERSION_FAILED, severity=WARNING
        )
    value = shown(one.source.expr)
    if flag.kind == "range":
        bounds = _bounds(one)
        message = _around("The value '", value, f"'{origin} is out of range for {target}{bounds}")
        return error_rows(failed, message, field=one.leaf.path, code=OUT_OF_RANGE, severity=WARNING)
    message = _around("The value '", value, f"'{origin} cannot be converted to {target}")
    return error_rows(
        failed, message, field=one.leaf.path, code=CONVERSION_FAILED, severity=WARNING
    )


def _around(before: str, value: pl.Expr, after: str) -> pl.Expr:
    return pl.concat_str([pl.lit(before), value, pl.lit(after)])


def _bounds(one: RulePlan) -> str:
    if one.leaf.type not in INTEGER_RANGES:
        return ""
    _, low, high = INTEGER_RANGES[one.leaf.type]
    return f" ({low} to {high})"
