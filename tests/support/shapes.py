"""Compare a documented JSON response with an actual one by shape (keys and JSON types)."""

from __future__ import annotations

from typing import Any


def json_type(value: Any) -> str:
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "boolean"
    if isinstance(value, int | float):
        return "number"
    if isinstance(value, str):
        return "string"
    if isinstance(value, list):
        return "array"
    if isinstance(value, dict):
        return "object"
    raise TypeError(f"not a JSON value: {value!r}")


def shape_mismatches(documented: Any, actual: Any, path: str = "$") -> list[str]:
    """Where ``actual`` lacks a key of ``documented`` or has another JSON type there.

    Every key of a documented object must be present, recursively. Arrays are compared on their
    first element. Strings (placeholders included) compare only as strings; a documented
    ``null`` says nothing about the type.
    """
    expected, got = json_type(documented), json_type(actual)
    if expected == "null":
        return []
    if expected != got:
        return [f"{path}: documented {expected}, got {got} ({actual!r:.80})"]
    if expected == "object":
        problems: list[str] = []
        for key, value in documented.items():
            if key not in actual:
                problems.append(f"{path}.{key}: missing")
            else:
                problems.extend(shape_mismatches(value, actual[key], f"{path}.{key}"))
        return problems
    if expected == "array" and documented:
        if not actual:
            return [f"{path}: documented a non-empty array, got []"]
        return shape_mismatches(documented[0], actual[0], f"{path}[0]")
    return []
