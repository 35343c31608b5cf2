"""The fields of a resolved schema, addressed by dotted paths (``person.name.firstName``).

Path syntax: segments joined by ``.``; a ``.`` inside a field name is written ``\\.``; array
items are addressed with ``[*]`` (or an index such as ``[0]``) after the array's name. Maps
(``meta:xdmType: map``, e.g. ``identityMap``) are one field; below them, the next segment is
any key (``identityMap.Email[0].id``).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

from headwater.xdm.xdmtype import xdm_type_of

_INDEX = re.compile(r"\[(\*|\d+)\]")
_SEGMENT = re.compile(r"^(?P<name>(?:[^\[\]\\]|\\.)+)(?P<indexes>(?:\[(?:\*|\d+)\])*)$")


@dataclass(frozen=True)
class Field:
    """One field of a resolved schema and the constraints the registry declares on it."""

    path: str
    xdm_type: str
    required: bool = False
    enum: tuple[Any, ...] | None = None
    pattern: str | None = None
    min_length: int | None = None
    max_length: int | None = None
    minimum: float | None = None
    maximum: float | None = None
    format: str | None = None
    item: Field | None = None  # arrays: their items (path ``a[*]``); maps: their values
    children: tuple[Field, ...] = field(default=(), repr=False)

    @property
    def item_type(self) -> str | None:
        """The XDM type of array items or map values (``None`` for other fields)."""
        return self.item.xdm_type if self.item is not None else None


def escape(name: str) -> str:
    """A field name as one path segment (dots escaped)."""
    return name.replace(".", "\\.")


def join(parent: str, name: str) -> str:
    """The path of field ``name`` below ``parent`` (``""`` for the root)."""
    return f"{parent}.{escape(name)}" if parent else escape(name)


def _constraints(node: dict[str, Any]) -> dict[str, Any]:
    enum = node.get("enum")
    return {
        "enum": tuple(enum) if isinstance(enum, list) else None,
        "pattern": node.get("pattern"),
        "min_length": node.get("minLength"),
        "max_length": node.get("maxLength"),
        "minimum": node.get("minimum"),
        "maximum": node.get("maximum"),
        "format": node.get("format"),
    }


def _build(node: dict[str, Any], path: str, required: bool) -> Field:
    kind = xdm_type_of(node)
    children: tuple[Field, ...] = ()
    item = None
    properties = node.get("properties")
    if isinstance(properties, dict):
        needed = set(node.get("required") or ())
        children = tuple(
            _build(child, join(path, name), name in needed) for name, child in properties.items()
        )
    if kind == "array" and isinstance(node.get("items"), dict):
        item = _build(node["items"], f"{path}[*]", False)
    elif kind == "map" and isinstance(node.get("additionalProperties"), dict):
        item = _build(node["additionalProperties"], f"{path}.*", False)
    return Field(path, kind, required, item=item, children=children, **_constraints(node))


def flatten(fields: tuple[Field, ...]) -> Iterator[Field]:
    """The fields and every field under them, parents first; a map's values are not entered
    (its value type is in ``Field.item``)."""
    for one in fields:
        yield one
        if one.xdm_type == "map":
            continue  # a map is one field: its keys are data, not schema
        yield from flatten(one.children)
        if one.item is not None:
            yield from flatten((one.item,))


def field_paths(resolved: dict[str, Any]) -> dict[str, Field]:
    """Every field of a resolved schema by path, parents before children.

    Intermediate objects (``person``, ``person.name``) are included, as are array items
    (``subscriptions[*]``) and their fields (``subscriptions[*].planName``). Maps are listed
    as one field; their value type is in ``Field.item``.
    """
    root = _build(resolved, "", False)
    return {one.path: one for one in flatten(root.children)}


def split_path(path: str) -> list[tuple[str, int]]:
    """``a.b[0][*].c`` -> ``[("a", 0), ("b", 2), ("c", 0)]``: names with how many indexes.

    Raises:
        ValueError: the path is empty or malformed.
    """
    parts = re.split(r"(?<!\\)\.", path) if path else []
    if not parts:
        raise ValueError("empty field path")
    out: list[tuple[str, int]] = []
    for part in parts:
        match = _SEGMENT.match(part)
        if match is None:
            raise ValueError(f"malformed field path segment {part!r} in {path!r}")
        name = re.sub(r"\\(.)", r"\1", match["name"])
        out.append((name, len(_INDEX.findall(match["indexes"]))))
    return out


def _step(node: dict[str, Any], name: str) -> dict[str, Any] | None:
    if xdm_type_of(node) == "map":
        values = node.get("additionalProperties")
        return values if isinstance(values, dict) else None
    child = (node.get("properties") or {}).get(name)
    return child if isinstance(child, dict) else None


def has_path(resolved: dict[str, Any], path: str) -> bool:
    """Whether ``path`` (``a.b``, ``a[0].b``, ``a[*].b``, ``map.key[0].c``) names a field."""
    try:
        segments = split_path(path)
    except ValueError:
        return False
    node: dict[str, Any] | None = resolved
    for name, indexes in segments:
        node = _step(node, name) if node is not None else None
        for _ in range(indexes):
            if node is None or xdm_type_of(node) != "array":
                return False
            items = node.get("items")
            node = items if isinstance(items, dict) else None
        if node is None:
            return False
    return True
