"""Catalog listing conventions: paging, ordering, projection and filters (reference §4.1).

Catalog lists are small per sandbox, so filters run over the stored documents in Python; each
parser turns one query parameter into a predicate and raises ``BadRequest`` on bad syntax.
"""

from __future__ import annotations

import json
import operator
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any

from headwater.errors import BadRequest

Doc = dict[str, Any]
Predicate = Callable[[Doc], bool]

COMPARISONS: dict[str, Callable[[Any, Any], Any]] = {
    "==": operator.eq,
    "!=": operator.ne,
    "<": operator.lt,
    "<=": operator.le,
    ">": operator.gt,
    ">=": operator.ge,
}
DEFAULT_LIMIT = 20
MAX_LIMIT = 100
_FIELD = r"[A-Za-z0-9_\-]+(?:\.[A-Za-z0-9_\-]+)*"
_PROPERTY = re.compile(
    rf"^(?P<neg>!)?(?P<field>{_FIELD})(?:(?P<op>==|!=|<=|>=|~|<|>)(?P<value>.*))?$"
)
_ORDER = re.compile(rf"^(?:(?P<dir>asc|desc):|(?P<sign>[+\-]))?(?P<field>{_FIELD})$", re.IGNORECASE)


@dataclass(frozen=True)
class PageParams:
    """The raw listing parameters every Catalog list accepts."""

    limit: int | None = None
    start: int | None = None
    order_by: str | None = None
    properties: str | None = None
    property: list[str] = field(default_factory=list)


def check_limit(limit: int | None) -> int:
    if limit is None:
        return DEFAULT_LIMIT
    if not 1 <= limit <= MAX_LIMIT:
        raise BadRequest(f"limit must be between 1 and {MAX_LIMIT}, got {limit}", code="1001")
    return limit


def check_start(start: int | None) -> int:
    if start is not None and start < 0:
        raise BadRequest(f"start must be 0 or more, got {start}", code="1001")
    return start or 0


def parse_order(order_by: str | None) -> list[tuple[str, bool]]:
    """``asc:created,desc:updated`` (also ``created``, ``-created``) → [(field, descending)]."""
    keys = []
    for part in (order_by or "").split(","):
        if not part.strip():
            continue
        # a "+" in a query string arrives as a space: stripping it leaves the ascending default
        match = _ORDER.match(part.strip())
        if match is None:
            raise BadRequest(f"Invalid orderBy term {part.strip()!r}", code="1001")
        descending = (match["dir"] or "").lower() == "desc" or match["sign"] == "-"
        keys.append((match["field"], descending))
    return keys


def parse_properties(properties: str | None) -> list[str] | None:
    if properties is None:
        return None
    return [name.strip() for name in properties.split(",") if name.strip()]


def property_filter(expression: str) -> Predicate:
    """One ``property=`` filter: ``name``, ``!name``, ``name==x``, ``created>=5``, ``name~^a``."""
    match = _PROPERTY.match(expression.strip())
    if match is None or (match["neg"] and match["op"]):
        raise BadRequest(f"Invalid property filter {expression!r}", code="1001")
    name, op, wanted = match["field"], match["op"], match["value"]
    if op is None:
        return lambda doc: (lookup(doc, name) is None) == bool(match["neg"])
    if op == "~":
        pattern = _regex(wanted, expression)
        return lambda doc: _present(doc, name) and bool(pattern.search(text_of(lookup(doc, name))))
    return lambda doc: _present(doc, name) and _compare(lookup(doc, name), op, wanted)


def simple_filter(name: str, raw: str) -> Predicate:
    """``name=x``, ``name=a,b`` (any of), ``name=!a,b`` (none of); ``*`` is a wildcard."""
    negate = raw.startswith("!")
    patterns = [_wildcard(value) for value in raw.removeprefix("!").split(",")]

    def matches(doc: Doc) -> bool:
        value = lookup(doc, name)
        hit = value is not None and any(p.fullmatch(text_of(value)) for p in patterns)
        return hit != negate

    return matches


def tags_filter(raw: str) -> Predicate:
    """``tags=key:value,key2:*`` — every term must match one value of that tag."""
    terms = []
    for term in raw.split(","):
        key, _, value = term.partition(":")
        if not key.strip():
            raise BadRequest(f"Invalid tags filter {raw!r}", code="1001")
        terms.append((key.strip(), _wildcard(value.strip() or "*")))

    def matches(doc: Doc) -> bool:
        tags = doc.get("tags") or {}
        return all(
            isinstance(tags.get(key), list) and any(p.fullmatch(str(v)) for v in tags[key])
            for key, p in terms
        )

    return matches


def page(
    items: Iterable[tuple[str, Doc]],
    params: PageParams,
    predicates: Iterable[Predicate] = (),
) -> dict[str, Doc]:
    """Filter, order, slice and project ``(id, document)`` pairs into the Catalog's map."""
    limit, start = check_limit(params.limit), check_start(params.start)
    order = parse_order(params.order_by)
    wanted = parse_properties(params.properties)
    checks = [*predicates, *(property_filter(p) for p in params.property)]
    kept = [(key, doc) for key, doc in items if all(check(doc) for check in checks)]
    for name, descending in reversed(order):
        _sort_by(kept, name, descending)
    return {key: project(doc, wanted) for key, doc in kept[start : start + limit]}


def _sort_by(pairs: list[tuple[str, Doc]], name: str, descending: bool) -> None:
    # Two stable sorts: by value in the asked direction, then missing values last.
    def value(pair: tuple[str, Doc]) -> tuple[int, Any]:
        return sort_key(lookup(pair[1], name))

    def missing(pair: tuple[str, Doc]) -> bool:
        return lookup(pair[1], name) is None

    pairs.sort(key=value, reverse=descending)
    pairs.sort(key=missing)


def project(doc: Doc, properties: list[str] | None) -> Doc:
    """Only the listed top-level properties (those present), or the whole document."""
    if properties is None:
        return doc
    return {name: doc[name] for name in properties if name in doc}


def lookup(doc: Doc, name: str) -> Any:
    value: Any = doc
    for part in name.split("."):
        value = value.get(part) if isinstance(value, dict) else None
    return value


def text_of(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, str):
        return value
    if isinstance(value, int | float):
        return str(value)
    return json.dumps(value, sort_keys=True)


def sort_key(value: Any) -> tuple[int, Any]:
    if isinstance(value, bool):
        return (0, value)
    if isinstance(value, int | float):
        return (1, value)
    if isinstance(value, str):
        return (2, value)
    return (3, text_of(value))


def _present(doc: Doc, name: str) -> bool:
    return lookup(doc, name) is not None


def _compare(value: Any, op: str, wanted: str) -> bool:
    left: Any = value
    right: Any = wanted
    if isinstance(value, int | float) and not isinstance(value, bool):
        try:
            right = float(wanted)
        except ValueError:
            return False
    else:
        left = text_of(value)
    return bool(COMPARISONS[op](left, right))


def _regex(pattern: str, expression: str) -> re.Pattern[str]:
    try:
        return re.compile(pattern)
    except re.error as exc:
        raise BadRequest(
            f"Invalid regular expression in {expression!r}: {exc}", code="1001"
        ) from None


def _wildcard(value: str) -> re.Pattern[str]:
    # "*" matches anything; "**" is a literal asterisk.
    chunks = value.split("**")
    parts = [".*".join(re.escape(piece) for piece in chunk.split("*")) for chunk in chunks]
    return re.compile(re.escape("*").join(parts))
