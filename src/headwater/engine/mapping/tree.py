"""The destination side of a mapping set: which rule fills which part of the dataset schema.

Rules are placed in a tree shaped like the Arrow schema. A node is filled either by one rule
as a whole (a leaf: a scalar, or an object/array/map copied whole) or from below: object
fields, map keys (``identityMap.Email[0].id``), every list element (``[*]``) or chosen list
elements (``[n]``).
"""

from __future__ import annotations

from dataclasses import dataclass, field

import pyarrow as pa  # type: ignore[import-untyped]

from headwater.engine.mapping.paths import Each, Index, Name, Step, format_path, parse_path
from headwater.errors import BadRequest

UNKNOWN_DESTINATION = "1107"


@dataclass
class Node:
    """One part of the output, and what fills it."""

    type: pa.DataType
    path: str
    rule: int | None = None
    fields: dict[str, Node] = field(default_factory=dict)
    keys: dict[str, Node] = field(default_factory=dict)
    each: Node | None = None
    at: dict[int, Node] = field(default_factory=dict)
    rules: set[int] = field(default_factory=set)


@dataclass(frozen=True)
class Leaf:
    """Where a rule's value goes: the node's path and type, and the ``[*]`` steps above it."""

    path: str
    type: pa.DataType
    depth: int


def build_tree(schema: pa.Schema, destinations: list[str]) -> tuple[Node, list[Leaf]]:
    """The tree for rules with these destinations (rule ``i`` has ``destinations[i]``).

    Raises:
        BadRequest: a destination is malformed, is not in the schema, is mapped twice, or is
            mapped both as a whole and below (all such problems are listed).
    """
    root = Node(pa.struct(list(schema)), "")
    leaves: list[Leaf] = []
    problems: list[str] = []
    for index, destination in enumerate(destinations):
        try:
            steps = parse_path(destination)
            node, depth = _place(root, steps, index)
            leaves.append(Leaf(format_path(steps), node.type, depth))
        except ValueError as exc:
            problems.append(f"{destination!r}: {exc}")
    problems.extend(_conflicts(root))
    if problems:
        raise BadRequest(
            "The mapping set does not fit the dataset's schema: " + "; ".join(problems),
            code=UNKNOWN_DESTINATION,
            details={"problems": problems},
        )
    return root, leaves


def written_schema(root: Node) -> pa.Schema:
    """The part of the schema that rules write: mapped fields and the objects above them.

    Fields no rule reaches would be all null; leaving them out keeps every later stage (checks,
    staging, the Delta write) from materialising them. Delta readers see a column a data file
    lacks as null, so the dataset still has every field of its schema.
    """
    pruned = _pruned(root)
    assert pa.types.is_struct(pruned)
    return pa.schema(list(pruned))


def _pruned(node: Node) -> pa.DataType:
    if node.rule is not None or not pa.types.is_struct(node.type):
        return node.type  # copied whole, or a list/map filled element by element
    kept = [f.with_type(_pruned(node.fields[f.name])) for f in node.type if f.name in node.fields]
    return pa.struct(kept)


def _place(root: Node, steps: tuple[Step, ...], index: int) -> tuple[Node, int]:
    node, depth = root, 0
    done: tuple[Step, ...] = ()
    for step in steps:
        node.rules.add(index)
        done = (*done, step)
        node = _child(node, step, format_path(done))
        depth += isinstance(step, Each)
    if node.rule is not None:
        raise ValueError(f"mapped twice (also by mapping {node.rule})")
    node.rule = index
    node.rules.add(index)
    return node, depth


def _child(node: Node, step: Step, path: str) -> Node:
    kind = node.type
    if isinstance(step, Name) and pa.types.is_struct(kind):
        position = kind.get_field_index(step.name)
        if position < 0:
            raise ValueError(f"the schema has no field {path!r}")
        return node.fields.setdefault(step.name, Node(kind.field(position).type, path))
    if isinstance(step, Name) and pa.types.is_map(kind):
        return node.keys.setdefault(step.name, Node(kind.item_type, path))
    if not pa.types.is_list(kind):
        raise ValueError(f"{path!r} goes below a field that is not an object or array")
    if isinstance(step, Each):
        node.each = node.each or Node(kind.value_type, path)
        return node.each
    assert isinstance(step, Index)
    return node.at.setdefault(step.index, Node(kind.value_type, path))


def _conflicts(node: Node) -> list[str]:
    below = [*node.fields.values(), *node.keys.values(), *node.at.values()]
    if node.each is not None:
        below.append(node.each)
    found = []
    if node.rule is not None and below:
        found.append(f"{node.path!r} is mapped as a whole and also field by field")
    if node.each is not None and node.at:
        found.append(f"{node.path!r} is mapped both with [*] and with [n]")
    for child in below:
        found.extend(_conflicts(child))
    return found
