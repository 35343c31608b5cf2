"""XDM types of schema nodes (the ``meta:xdmType`` the registry reports)."""

from __future__ import annotations

from typing import Any

XDM_TYPES = frozenset(
    [
        "string",
        "number",
        "long",
        "int",
        "integer",
        "short",
        "byte",
        "boolean",
        "date",
        "date-time",
        "object",
        "array",
        "map",
    ]
)
# Value ranges of the integer XDM types, narrowest first (field-constraints table).
INTEGER_RANGES = (
    ("byte", -128, 127),
    ("short", -32768, 32767),
    ("int", -2147483648, 2147483647),
    ("long", -9007199254740991, 9007199254740991),
)
JSON_TYPES = frozenset({"string", "number", "integer", "boolean", "object", "array"})


def _integer_type(node: dict[str, Any]) -> str:
    low, high = node.get("minimum"), node.get("maximum")
    if not isinstance(low, int | float) or not isinstance(high, int | float):
        return "int"
    for name, lo, hi in INTEGER_RANGES:
        # byte only when asked for exactly: a 0..100 field is still an int to the registry
        if name == "byte" and (low, high) != (lo, hi):
            continue
        if lo <= low and high <= hi:
            return name
    return "long"


def xdm_type_of(node: dict[str, Any]) -> str:
    """The XDM type of a (resolved or raw) schema node, preferring its ``meta:xdmType``."""
    declared = node.get("meta:xdmType")
    if isinstance(declared, str):
        return declared
    kind = node.get("type")
    if kind == "string" and node.get("format") in ("date", "date-time"):
        return str(node["format"])
    if kind == "integer":
        return _integer_type(node)
    if (
        kind == "object"
        and "properties" not in node
        and isinstance(node.get("additionalProperties"), dict)
    ):
        return "map"
    if isinstance(kind, str):
        return kind
    return "object" if "properties" in node or "$ref" in node else "string"
