"""Validating a flow's ``scheduleParams`` and ``options`` against its flow spec's JSON schemas.

The tutorials send numbers and booleans as strings (``"startTime": "1597784298"``,
``"interval": "30"``); they are converted to what the schema says before validation.
"""

from __future__ import annotations

import math
import re
from typing import Any

from jsonschema import Draft7Validator  # type: ignore[import-untyped]
from jsonschema.exceptions import ValidationError  # type: ignore[import-untyped]

from headwater.connectors._errors import INVALID_VALUE, MISSING, require_object
from headwater.errors import InvalidField

SCHEDULE_EMPTY = "1317"
INTERVAL_WITH_ONCE = "1361"
INTERVAL_TOO_SMALL = "1362"
BACKFILL_WITH_ONCE = "1364"
INVALID_FREQUENCY = "1397"

LOOKS_LIKE_MILLISECONDS = 10**11
_EPOCH_FIELDS = ("startTime", "endTime")
_INTEGER = re.compile(r"^\s*[+-]?\d+\s*$")
_NOT_WITH = {"interval": INTERVAL_WITH_ONCE, "backfill": BACKFILL_WITH_ONCE}
_TYPE_NAMES = {
    "integer": "an integer",
    "number": "a number",
    "boolean": "a boolean",
    "string": "a string",
    "object": "a JSON object",
}


def _number(value: str) -> int | float | str:
    try:
        number = float(value)
    except ValueError:
        return value
    if not math.isfinite(number):
        return value
    return int(number) if number.is_integer() else number


def _coerce(value: Any, schema: dict[str, Any]) -> Any:
    kind = schema.get("type")
    if kind == "integer" and isinstance(value, str) and _INTEGER.match(value):
        return int(value)
    if kind == "integer" and isinstance(value, float) and value.is_integer():
        return int(value)
    if kind == "number" and isinstance(value, str):
        return _number(value)
    if kind == "boolean" and isinstance(value, str) and value.strip().lower() in ("true", "false"):
        return value.strip().lower() == "true"
    if "enum" in schema and isinstance(value, str):
        folded = {str(option).casefold(): option for option in schema["enum"]}
        return folded.get(value.strip().casefold(), value)
    return value


def coerce_to_schema(schema: dict[str, Any], values: dict[str, Any]) -> dict[str, Any]:
    """A copy of ``values`` with strings converted to the types of ``schema``'s properties.

    Keys whose value is null are left out (treated as absent).
    """
    properties = schema.get("properties", {})
    return {
        key: _coerce(value, properties.get(key, {}))
        for key, value in values.items()
        if value is not None
    }


_LIMIT_PHRASES = {
    "minimum": "must be at least",
    "exclusiveMinimum": "must be greater than",
    "maximum": "must be at most",
    "exclusiveMaximum": "must be less than",
}


def _describe(error: ValidationError) -> str:
    limit = error.validator_value
    validator = str(error.validator)
    if validator == "type":
        return f"must be {_TYPE_NAMES.get(str(limit), str(limit))}"
    if validator == "enum":
        return "must be one of: " + ", ".join(str(option) for option in limit)
    if validator in _LIMIT_PHRASES:
        return f"{_LIMIT_PHRASES[validator]} {limit}"
    return f"is invalid ({validator})"


def _rank(error: ValidationError) -> int:
    order = ("enum", "type", "required", "not", "minimum")
    validator = str(error.validator)
    return order.index(validator) if validator in order else len(order)


def _field(prefix: str, error: ValidationError) -> str:
    return ".".join([prefix, *(str(part) for part in error.absolute_path)])


def _schedule_error(error: ValidationError, values: dict[str, Any]) -> InvalidField:
    field = _field("scheduleParams", error)
    if error.validator == "required":
        missing = [name for name in error.validator_value if name not in values]
        name = missing[0] if missing else "?"
        return InvalidField(
            f"scheduleParams.{name}", "is a mandatory field and is missing", code=MISSING
        )
    if error.validator == "enum" and field == "scheduleParams.frequency":
        return InvalidField(field, _describe(error), code=INVALID_FREQUENCY)
    if error.validator == "not":
        banned = error.validator_value.get("required", ["?"])[0]
        message = f"is not allowed when frequency is '{values.get('frequency')}'"
        return InvalidField(
            f"scheduleParams.{banned}", message, code=_NOT_WITH.get(banned, INVALID_VALUE)
        )
    if error.validator == "minimum" and field == "scheduleParams.interval":
        message = f"{_describe(error)} when frequency is '{values.get('frequency')}'"
        return InvalidField(field, message, code=INTERVAL_TOO_SMALL)
    return InvalidField(field, _describe(error), code=INVALID_VALUE)


def _check_epoch_seconds(values: dict[str, Any]) -> None:
    for name in _EPOCH_FIELDS:
        value = values.get(name)
        if isinstance(value, int) and value > LOOKS_LIKE_MILLISECONDS:
            raise InvalidField(
                f"scheduleParams.{name}",
                "must be a Unix epoch time in seconds; this value looks like milliseconds "
                "(divide it by 1000)",
                code=INVALID_VALUE,
            )


def validate_schedule(flow_spec: dict[str, Any], schedule: dict[str, Any] | None) -> dict[str, Any]:
    """Validate a flow's ``scheduleParams`` against the flow spec's ``scheduleSpec``.

    A start time in the past is accepted (the tutorials use 2020 timestamps).

    Args:
        flow_spec: A flow spec, as returned by ``get_flow_spec``.
        schedule: ``scheduleParams`` as sent (None when absent).

    Returns:
        A normalised copy: integers and booleans given as strings converted, nulls dropped,
        no defaults added. Empty for a flow spec without ``scheduleSpec`` (streaming).

    Raises:
        InvalidField: 1317 empty schedule, 1397 invalid frequency, 1361/1364 interval/backfill
            with ``once``, 1362 interval below the minimum, 1304 missing startTime/frequency/
            interval, or another code (e.g. a start time in milliseconds).
    """
    given = require_object(schedule, "scheduleParams")
    schedule_spec = flow_spec.get("scheduleSpec")
    if schedule_spec is None:
        if given:
            raise InvalidField(
                "scheduleParams",
                f"is not supported by flow spec '{flow_spec.get('name')}'",
                code=INVALID_VALUE,
            )
        return {}
    values = _without_zero_interval_for_once(coerce_to_schema(schedule_spec["spec"], given))
    if not values:
        raise InvalidField("scheduleParams", "must not be empty", code=SCHEDULE_EMPTY)
    errors = sorted(Draft7Validator(schedule_spec["spec"]).iter_errors(values), key=_rank)
    if errors:
        raise _schedule_error(errors[0], values)
    _check_epoch_seconds(values)
    return values


def _without_zero_interval_for_once(values: dict[str, Any]) -> dict[str, Any]:
    # aepp's createFlow sends ``interval: 0`` with ``once``; the platform takes that as "none".
    if values.get("frequency") == "once" and values.get("interval") == 0:
        return {k: v for k, v in values.items() if k != "interval"}
    return values


def validate_options(flow_spec: dict[str, Any], options: dict[str, Any] | None) -> dict[str, Any]:
    """Validate a flow's ``options`` against the flow spec's ``optionSpec``.

    Args:
        flow_spec: A flow spec, as returned by ``get_flow_spec``.
        options: ``options`` as sent (None when absent).

    Returns:
        A normalised copy (``"10"`` → ``10``, ``"true"`` → ``True``, nulls dropped); other
        options (e.g. a streaming flow's ``inletUrl``) are kept as given.

    Raises:
        InvalidField: when an option has the wrong type or is out of range (e.g.
            ``partialIngestionPercent`` not in (0, 100]).
    """
    given = require_object(options, "options")
    option_spec = flow_spec.get("optionSpec")
    if option_spec is None:
        return dict(given)
    values = coerce_to_schema(option_spec["spec"], given)
    errors = sorted(Draft7Validator(option_spec["spec"]).iter_errors(values), key=_rank)
    if errors:
        raise InvalidField(_field("options", errors[0]), _describe(errors[0]), code=INVALID_VALUE)
    return values
