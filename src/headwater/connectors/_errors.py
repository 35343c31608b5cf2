"""Turning pydantic validation errors into headwater errors, without echoing input values.

Pydantic's ``str(ValidationError)`` contains the offending input (``input_value=...``), which for
auth params may be a secret. Only the location, the error type and pydantic's fixed message are
used here.
"""

from __future__ import annotations

from typing import Any, NoReturn

from pydantic import BaseModel, ValidationError
from pydantic_core import ErrorDetails

from headwater.errors import InvalidField

MISSING = "1304"
INVALID_VALUE = "1000"

_MISSING_TYPES = frozenset({"missing", "string_too_short"})


def _rank(error: ErrorDetails) -> int:
    if error["type"] in _MISSING_TYPES:
        return 0
    return 1 if error["type"] == "extra_forbidden" else 2


def _field_name(prefix: str, loc: tuple[int | str, ...]) -> str:
    return ".".join([prefix, *(str(part) for part in loc)])


def _expected(model: type[BaseModel]) -> str:
    names = [info.alias or name for name, info in model.model_fields.items()]
    return ", ".join(sorted(names))


def raise_invalid(exc: ValidationError, *, prefix: str, model: type[BaseModel]) -> NoReturn:
    """Raise an :class:`InvalidField` for the most relevant error of ``exc``.

    Missing (or empty) mandatory fields come first (code 1304), then unknown fields, then
    invalid values. The message never contains the value that was sent.
    """
    errors = sorted(exc.errors(include_url=False, include_input=False), key=_rank)
    first = errors[0]
    field = _field_name(prefix, first["loc"])
    others = len(errors) - 1
    suffix = f" ({others} more problem{'s' if others > 1 else ''} in {prefix})" if others else ""
    if first["type"] in _MISSING_TYPES:
        raise InvalidField(
            field, "is a mandatory field and is missing or empty" + suffix, code=MISSING
        )
    if first["type"] == "extra_forbidden":
        message = f"is not a recognised parameter; expected some of: {_expected(model)}"
        raise InvalidField(field, message + suffix, code=INVALID_VALUE)
    raise InvalidField(field, _message(first) + suffix, code=INVALID_VALUE)


def _message(error: ErrorDetails) -> str:
    message = error["msg"]
    if message.startswith("Value error, "):
        message = message[len("Value error, ") :]
    return message[:1].lower() + message[1:]


def require_object(value: Any, field: str) -> dict[str, Any]:
    """Return ``value`` when it is a JSON object (``None`` counts as empty); raise otherwise."""
    if value is None:
        return {}
    if not isinstance(value, dict):
        raise InvalidField(field, "must be a JSON object", code=INVALID_VALUE)
    return value
