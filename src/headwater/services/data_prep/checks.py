"""What can be wrong with one mapping, reported as the platform's ``TransformErrorInfo``.

Expressions (calculated fields) must be non-empty, at most 4096 characters (the platform's
limit) and compile: syntax, function names, arity and literal arguments are checked here, with
the line and column of the first problem. Their input's types are known only at run time.
"""

from __future__ import annotations

from typing import Any

from headwater import dataprep
from headwater.services.data_prep.requests import MappingSpec
from headwater.xdm import has_path

Doc = dict[str, Any]
MAX_EXPRESSION = 4096
KNOWN_TYPES = "ATTRIBUTE, STATIC or EXPRESSION"


def problems(spec: MappingSpec, resolved: Doc) -> list[str]:
    """Why ``spec`` cannot be used with the resolved output schema (empty when it can)."""
    found = _source_problems(spec)
    destination = spec.destination
    if not isinstance(destination, str) or not destination.strip():
        found.append("The mapping has no destination")
    elif missing_destination(spec, resolved):
        found.append(f"Destination '{destination}' does not exist in the output schema")
    return found


def missing_destination(spec: MappingSpec, resolved: Doc) -> bool:
    """Whether the mapping names a destination field the output schema does not have."""
    destination = spec.destination
    if not isinstance(destination, str) or not destination.strip():
        return False
    return not has_path(resolved, destination.strip())


def error_info(spec: MappingSpec, reasons: list[str]) -> list[Doc]:
    """One ``TransformErrorInfo`` per reason."""
    return [
        {
            "source": _text(spec.source),
            "destination": _text(spec.destination),
            "columnName": _text(spec.source) if spec.kind == "ATTRIBUTE" else None,
            "sourceType": spec.kind or _text(spec.source_type),
            "exception": reason,
        }
        for reason in reasons
    ]


def _source_problems(spec: MappingSpec) -> list[str]:
    if spec.kind is None:
        return [f"Unknown sourceType '{spec.source_type}'; use {KNOWN_TYPES}"]
    source = spec.source
    if spec.kind == "STATIC":
        if not isinstance(source, str):
            return ["A STATIC mapping needs its literal value in 'source' (a string)"]
        return []
    if not isinstance(source, str) or not source.strip():
        return [f"The {spec.kind} mapping needs a non-empty source"]
    if spec.kind == "EXPRESSION" and len(source) > MAX_EXPRESSION:
        return [
            f"The expression is {len(source)} characters long; at most {MAX_EXPRESSION} are allowed"
        ]
    error = expression_error(spec)
    return [] if error is None else [f"Invalid expression {source!r}: {error.located}"]


def expression_error(spec: MappingSpec) -> dataprep.ExpressionError | None:
    """Why an ``EXPRESSION`` mapping's text does not compile (``None`` if it does, or if the
    mapping is not an expression)."""
    if spec.kind != "EXPRESSION" or not isinstance(spec.source, str) or not spec.source.strip():
        return None
    try:
        dataprep.check_expression(spec.source)
    except dataprep.ExpressionError as error:
        return error
    return None


def _text(value: Any) -> str | None:
    return value if isinstance(value, str) or value is None else str(value)
