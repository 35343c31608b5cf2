"""The output columns, put together in Arrow from the rules' values and the destination tree.

Each rule's value arrives as one Arrow array over the batch's rows, already of the type of its
destination, wrapped in one list per ``[*]`` of its source that lines up with a ``[*]`` of its
destination. Objects are null where none of their mapped fields has a value. For ``[*]``, the
lists of all rules below are zipped element by element (a shorter list is padded with nulls;
a rule without a list is repeated for every element); ``[n]`` puts values at those positions;
map keys become entries where their value is not null. Only whole-array Arrow kernels are used.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import reduce

import polars as pl
import pyarrow as pa  # type: ignore[import-untyped]
import pyarrow.compute as pc  # type: ignore[import-untyped]

from headwater.engine.mapping.tree import Node


@dataclass(frozen=True)
class Level:
    """The items at one nesting level (the batch's rows, or elements of a ``[*]`` list)."""

    size: int
    values: dict[int, tuple[pa.Array, int]]  # rule -> (array, lists still wrapping it)


def build_columns(root: Node, level: Level) -> list[pa.Array]:
    """One array per field of the schema ``root`` stands for (nulls where nothing maps)."""
    return [_field(root, field, level) for field in root.type]


def build(node: Node, level: Level) -> pa.Array:
    """The array of ``node``'s type filled from the rules at and below it."""
    if node.rule is not None:
        return level.values[node.rule][0]
    if pa.types.is_struct(node.type):
        return _struct(node, level)
    if pa.types.is_map(node.type):
        return _map(node, level)
    if node.each is not None:
        return _each(node, node.each, level)
    return _at(node, level)


def _field(parent: Node, field: pa.Field, level: Level) -> pa.Array:
    child = parent.fields.get(field.name)
    return pa.nulls(level.size, field.type) if child is None else build(child, level)


def _struct(node: Node, level: Level) -> pa.Array:
    children = [_field(node, field, level) for field in node.type]
    mapped = [children[i] for i, field in enumerate(node.type) if field.name in node.fields]
    absent = reduce(pc.and_, [pc.is_null(one) for one in mapped])
    return pa.StructArray.from_arrays(children, fields=list(node.type), mask=absent)


def _each(node: Node, item: Node, level: Level) -> pa.Array:
    lists = {r: level.values[r][0] for r in item.rules if level.values[r][1] > 0}
    flat = {r: level.values[r][0] for r in item.rules if level.values[r][1] == 0}
    if lists:
        sizes = pc.max_element_wise(*[pc.list_value_length(a) for a in lists.values()])
    else:
        present = reduce(pc.or_, [pc.is_valid(one) for one in flat.values()])
        sizes = pc.if_else(present, pa.scalar(1, pa.int32()), pa.scalar(None, pa.int32()))
    offsets = _offsets(sizes)
    parents, positions = _positions(offsets)
    values = {
        r: (_element(a, parents, positions), level.values[r][1] - 1) for r, a in lists.items()
    }
    values.update({r: (a.take(parents), 0) for r, a in flat.items()})
    items = build(item, Level(len(parents), values))
    return pa.ListArray.from_arrays(
        offsets.cast(pa.int32()), items, type=node.type, mask=pc.is_null(sizes)
    )


def _offsets(sizes: pa.Array) -> pa.Array:
    counts = pc.fill_null(sizes, 0).cast(pa.int64())
    return pa.concat_arrays([pa.array([0], pa.int64()), pc.cumulative_sum(counts)])


def _positions(offsets: pa.Array) -> tuple[pa.Array, pa.Array]:
    """For every element of lists with these offsets: its list (row) and position in it."""
    total = offsets[-1].as_py()
    shape = pa.ListArray.from_arrays(offsets.cast(pa.int32()), pa.nulls(total))
    parents = pc.list_parent_indices(shape)
    index = pl.int_range(0, total, dtype=pl.Int64, eager=True).to_arrow()
    return parents, pc.subtract(index, offsets.take(parents))


def _element(listed: pa.Array, parents: pa.Array, positions: pa.Array) -> pa.Array:
    """Element ``positions[i]`` of list ``parents[i]`` of ``listed`` (null past its end)."""
    lengths = pc.fill_null(pc.list_value_length(listed), 0).cast(pa.int64())
    starts = pc.subtract(pc.cumulative_sum(lengths), lengths).take(parents)
    inside = pc.less(positions, lengths.take(parents))
    index = pc.if_else(inside, pc.add(starts, positions), pa.scalar(None, pa.int64()))
    return listed.flatten().take(index)


def _at(node: Node, level: Level) -> pa.Array:
    width = max(node.at) + 1
    item_type = node.type.value_type
    elements = [
        build(node.at[j], level) if j in node.at else pa.nulls(level.size, item_type)
        for j in range(width)
    ]
    present = reduce(pc.or_, [pc.is_valid(elements[j]) for j in node.at])
    items = pa.concat_arrays(elements).take(_row_major(level.size, width)[0])
    offsets = pl.int_range(0, level.size * width + 1, width, dtype=pl.Int32, eager=True)
    return pa.ListArray.from_arrays(
        offsets.to_arrow(), items, type=node.type, mask=pc.invert(present)
    )


def _row_major(size: int, width: int) -> tuple[pa.Array, pa.Array]:
    """Indexes into ``width`` concatenated arrays of ``size`` that list row 0's values first,
    and which of the arrays each index is in."""
    i = pl.int_range(0, size * width, dtype=pl.Int64, eager=True)
    which = i % width
    return (which * size + i // width).to_arrow(), which.to_arrow()


def _map(node: Node, level: Level) -> pa.Array:
    names = list(node.keys)
    values = [build(node.keys[name], level) for name in names]
    order, which = _row_major(level.size, len(names))
    items = pa.concat_arrays(values).take(order)
    keys = pa.array(names, pa.string()).take(which)
    kept = pc.is_valid(items)
    counts = reduce(pc.add, [pc.is_valid(one).cast(pa.int32()) for one in values])
    return pa.MapArray.from_arrays(
        _offsets(counts).cast(pa.int32()),
        keys.filter(kept),
        items.filter(kept),
        type=node.type,
        mask=pc.equal(counts, 0),
    )
