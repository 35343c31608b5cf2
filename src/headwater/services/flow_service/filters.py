"""The Flow Service ``property`` filter language (reference §2.2), over JSON documents.

``property=<path><op><value>``: operators ``== != > < >= <=``; a comma list on the right means
"any of" (for ``!=``: "none of"); dotted paths, with ``[]`` to look inside arrays
(``transformations[].params.mappingId==…``). Values may be quoted (``name=="CloudStorageToAEP"``).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from headwater.errors import BadRequest

_FILTER = re.compile(
    r"^(?P<path>[A-Za-z0-9_@:$\[\].-]+?)(?P<op>==|!=|>=|<=|>|<|~|!>|!<|=)(?P<value>.*)$"
)
_TIMESTAMP_FIELDS = ("createdAt", "updatedAt", "startedAtUTC", "completedAtUTC")


@dataclass(frozen=True)
class Filter:
    path: tuple[str, ...]
    op: str
    values: tuple[str, ...]

    def matches(self, document: dict[str, Any]) -> bool:
        found = list(values_at(document, self.path))
        if self.op == "!=":
            return not any(_equal(item, v) for item in found for v in self.values)
        return any(_compare(item, self.op, v) for item in found for v in self.values)


def parse_filter(expression: str, *, fields: frozenset[str]) -> Filter:
    """Parse one ``property`` value; ``fields`` are the filterable top-level members."""
    match = _FILTER.match(expression.strip())
    if match is None:
        raise BadRequest(f"Invalid property filter {expression!r}", code="1450")
    path, op, raw = match["path"], match["op"], match["value"]
    if op == "~":
        raise BadRequest("Operator '~' not implemented", code="1440")
    if op in ("!>", "!<", "="):
        raise BadRequest(f"Invalid operator {op!r} in {expression!r}", code="1450")
    parts = tuple(path.split("."))
    if parts[0].removesuffix("[]") not in fields:
        raise BadRequest(f"Filtering on field {parts[0]!r} is not supported", code="1449")
    values = tuple(_unquote(v) for v in raw.split(",")) if raw.strip() else ()
    _check_values(path, op, values)
    return Filter(parts, op, values)


def _check_values(path: str, op: str, values: tuple[str, ...]) -> None:
    if not values or any(v == "" for v in values):
        raise BadRequest(f"Empty value in filter on {path!r}", code="1453")
    if op in ("<", "<=", ">", ">=") and len(values) > 1:
        raise BadRequest(f"Operator {op!r} takes a single value", code="1443")
    if op in (">", ">=", "<", "<=") and path == "id":
        raise BadRequest(f"Operator {op!r} is not supported on id", code="1448")
    if path.split(".")[-1] in _TIMESTAMP_FIELDS and not all(
        v.lstrip("-").isdigit() for v in values
    ):
        raise BadRequest(f"{path} takes epoch milliseconds", code="1452")


def _unquote(value: str) -> str:
    value = value.strip()
    if len(value) >= 2 and value[0] == value[-1] and value[0] in "\"'":
        return value[1:-1]
    return value


def values_at(node: Any, path: Iterable[str]) -> Iterable[Any]:
    """Every value at ``path``; arrays are searched element-wise (with or without ``[]``)."""
    parts = list(path)
    if not parts:
        yield from node if isinstance(node, list) else [node]
        return
    head, rest = parts[0].removesuffix("[]"), parts[1:]
    items = node if isinstance(node, list) else [node]
    for item in items:
        if isinstance(item, dict) and head in item:
            yield from values_at(item[head], rest)


def _scalar(value: str) -> Any:
    lowered = value.lower()
    if lowered in ("true", "false"):
        return lowered == "true"
    try:
        return float(value)
    except ValueError:
        return value


def _equal(item: Any, raw: str) -> bool:
    expected = _scalar(raw)
    if isinstance(item, bool) or isinstance(expected, bool):
        return str(item).lower() == raw.lower()
    if isinstance(item, int | float) and isinstance(expected, float):
        return float(item) == expected
    return str(item) == raw


def _compare(item: Any, op: str, raw: str) -> bool:
    if op == "==":
        return _equal(item, raw)
    expected = _scalar(raw)
    left: Any = item
    if isinstance(expected, float) and isinstance(item, int | float | str):
        try:
            left = float(item)
        except ValueError:
            return False
    elif not isinstance(item, str):
        return False
    else:
        expected = raw
    return bool(
        {
            ">": left > expected,
            "<": left < expected,
            ">=": left >= expected,
            "<=": left <= expected,
        }[op]
    )
