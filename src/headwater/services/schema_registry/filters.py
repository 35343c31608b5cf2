"""``property`` filters of registry listings: ``==``, ``!=``, ``<``, ``>``, ``<=``, ``>=``, ``~``
(regex) and a bare name (exists) (reference §3.4)."""

from __future__ import annotations

import operator
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any

from headwater.errors import BadRequest

OPERATORS = ("==", "!=", "<=", ">=", "<", ">", "~")
_RELATIONS: dict[str, Callable[[Any, Any], Any]] = {
    "==": operator.eq,
    "<": operator.lt,
    ">": operator.gt,
    "<=": operator.le,
    ">=": operator.ge,
}
_NAME = re.compile(r"^[@$A-Za-z_][\w:@$.-]*$")


@dataclass(frozen=True)
class Condition:
    name: str
    op: str | None
    value: str = ""

    def matches(self, doc: dict[str, Any]) -> bool:
        present = self.name in doc and doc[self.name] is not None
        if self.op is None:
            return present
        values = doc.get(self.name)
        items = values if isinstance(values, list) else [values] if present else []
        if self.op == "!=":
            return not any(_compare(item, "==", self.value) for item in items)
        return any(_compare(item, self.op, self.value) for item in items)


def parse_conditions(raw: Iterable[str]) -> list[Condition]:
    """Conditions of every ``property`` parameter (each may be a comma-separated list)."""
    return [_parse(text) for param in raw for text in _split(param)]


def apply(docs: list[dict[str, Any]], conditions: list[Condition]) -> list[dict[str, Any]]:
    return [doc for doc in docs if all(c.matches(doc) for c in conditions)]


def _split(param: str) -> list[str]:
    # A comma starts a new condition only when a property name follows; regexes keep theirs.
    parts: list[str] = []
    for piece in param.split(","):
        if parts and not _starts_condition(piece):
            parts[-1] += "," + piece
        else:
            parts.append(piece)
    return [p.strip() for p in parts if p.strip()]


def _starts_condition(piece: str) -> bool:
    name, _, _ = _operator_split(piece.strip())
    return bool(_NAME.match(name))


def _operator_split(text: str) -> tuple[str, str | None, str]:
    for index in range(len(text)):
        for op in OPERATORS:
            if text.startswith(op, index):
                return text[:index].strip(), op, text[index + len(op) :].strip()
    return text.strip(), None, ""


def _parse(text: str) -> Condition:
    name, op, value = _operator_split(text)
    if not _NAME.match(name):
        raise BadRequest(f"Invalid property filter '{text}'", code="1000")
    if op == "~":
        try:
            re.compile(value)
        except re.error as exc:
            raise BadRequest(f"Invalid regular expression in '{text}': {exc}") from None
    return Condition(name, op, value)


def _compare(actual: Any, op: str, expected: str) -> bool:
    if op == "~":
        return re.search(expected, _text(actual)) is not None
    left, right = _comparable(actual, expected)
    return bool(_RELATIONS[op](left, right))


def _comparable(actual: Any, expected: str) -> tuple[Any, Any]:
    if isinstance(actual, int | float) and not isinstance(actual, bool):
        try:
            return float(actual), float(expected)
        except ValueError:
            pass
    return _text(actual), expected


def _text(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    return "" if value is None else str(value)
