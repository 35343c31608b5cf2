"""Resolved XDM schemas as Arrow schemas: the shape a dataset's rows take in memory and on disk.

The mapping (XDM type, i.e. the node's ``meta:xdmType`` as ``xdm_type_of`` reads it -> Arrow):

    =================  ===================================  ================================
    XDM type           Arrow type                           notes
    =================  ===================================  ================================
    string             ``string`` (32-bit offsets)           enums, formats (email, uri) too
    int / integer      ``int32``
    long               ``int64``
    short              ``int16``
    byte               ``int8``
    number / double    ``float64``
    boolean            ``bool``
    date               ``date32``                            days since the epoch
    date-time          ``timestamp("us", tz="UTC")``         Delta's timestamp precision
    object             ``struct`` of its ``properties``      recursively, in declared order
    array              ``list<element: T>`` of ``items``     ``items`` missing -> string
    map                ``map<string, T>``                    T from ``additionalProperties``
    =================  ===================================  ================================

Field names are kept exactly as in XDM (``_id``, ``_repo``, the tenant's ``_acme``). Every field,
list element and map value is nullable: XDM ``required`` is enforced by validation, not by
Arrow. Objects without any (representable) properties are left out, because Parquet cannot
store an empty struct, and so are arrays and maps of them; an array without ``items`` or a map
whose ``additionalProperties`` is not a schema holds strings.
"""

from __future__ import annotations

from typing import Any

import pyarrow as pa  # type: ignore[import-untyped]

from headwater.errors import BadRequest
from headwater.xdm.xdmtype import xdm_type_of

TIMESTAMP = pa.timestamp("us", tz="UTC")
STRING = pa.string()

SCALARS: dict[str, Any] = {
    "string": STRING,
    "int": pa.int32(),
    "integer": pa.int32(),
    "long": pa.int64(),
    "short": pa.int16(),
    "byte": pa.int8(),
    "number": pa.float64(),
    "double": pa.float64(),
    "boolean": pa.bool_(),
    "date": pa.date32(),
    "date-time": TIMESTAMP,
}


def arrow_schema(resolved: dict[str, Any]) -> pa.Schema:
    """The Arrow schema of a resolved XDM schema (see the module docstring for the mapping).

    Args:
        resolved: A schema as ``headwater.xdm.resolve`` returns it (its root ``properties``
            become the top-level columns).

    Returns:
        A schema whose fields are all nullable, in the order the schema declares them.

    Raises:
        BadRequest: a node has an XDM type that has no Arrow counterpart.
    """
    return pa.schema(_fields(resolved, ""))


def arrow_type(node: dict[str, Any]) -> pa.DataType | None:
    """The Arrow type of one resolved schema node (``None`` for an object with no fields)."""
    return _type(node, "")


def _fields(node: dict[str, Any], path: str) -> list[pa.Field]:
    properties = node.get("properties")
    if not isinstance(properties, dict):
        return []
    fields = []
    for name, child in properties.items():
        if not isinstance(child, dict):
            continue
        kind = _type(child, f"{path}.{name}" if path else name)
        if kind is not None:
            fields.append(pa.field(name, kind, nullable=True))
    return fields


def _type(node: dict[str, Any], path: str) -> pa.DataType | None:
    kind = xdm_type_of(node)
    if kind in SCALARS:
        return SCALARS[kind]
    if kind == "object":
        fields = _fields(node, path)
        return pa.struct(fields) if fields else None
    if kind == "array":
        items = node.get("items")
        item = _type(items, f"{path}[*]") if isinstance(items, dict) else STRING
        return None if item is None else pa.list_(pa.field("element", item))
    if kind == "map":
        values = node.get("additionalProperties")
        value = _type(values, f"{path}.*") if isinstance(values, dict) else STRING
        return None if value is None else pa.map_(STRING, value)
    raise BadRequest(f"{path or 'schema'}: XDM type {kind!r} has no Arrow counterpart")
