"""Validating a base connection's ``auth`` against its connection spec."""

from __future__ import annotations

from typing import Any

from pydantic import ValidationError

from headwater.connectors._errors import MISSING, raise_invalid, require_object
from headwater.connectors.spec import AuthParams, AuthSpec, ConnectorSpec
from headwater.errors import BadRequest, InvalidField

AUTH_SPEC_NOT_FOUND = "1415"
NO_BASE_CONNECTION = "1332"


def _pick(spec: ConnectorSpec, spec_name: str) -> AuthSpec:
    wanted = str(spec_name).strip().casefold()
    exact = [auth for auth in spec.auth_specs if auth.name == spec_name]
    folded = [auth for auth in spec.auth_specs if auth.name.casefold() == wanted]
    matches = exact or folded
    if matches:
        return matches[0]
    known = ", ".join(f"'{auth.name}'" for auth in spec.auth_specs) or "none"
    raise BadRequest(
        f"Auth spec '{spec_name}' not found for connection spec '{spec.name}' ({spec.id}); "
        f"its auth specs are: {known}.",
        code=AUTH_SPEC_NOT_FOUND,
    )


def find_auth_spec(spec: ConnectorSpec, spec_name: str | None) -> AuthSpec | None:
    """The auth spec named ``spec_name`` (None for a spec that takes no auth and no name).

    Raises:
        BadRequest: code 1415 when no auth spec of ``spec`` has this name.
        InvalidField: code 1304 when the spec needs auth and ``spec_name`` is missing.
    """
    if spec_name is None:
        if spec.auth_specs:
            raise InvalidField("auth.specName", "is a mandatory field and is missing", code=MISSING)
        return None
    return _pick(spec, spec_name)


def validate_auth(
    spec: ConnectorSpec, spec_name: str | None, params: dict[str, Any] | None
) -> dict[str, Any]:
    """Validate a base connection's ``auth`` and return its normalised ``params``.

    Numbers and booleans given as strings are converted (``"22"`` → ``22``); parameters that
    were not sent are not added. Error messages never contain the values that were sent.

    Args:
        spec: The connection spec of the base connection.
        spec_name: ``auth.specName`` as sent (None when absent).
        params: ``auth.params`` as sent (None when absent).

    Returns:
        A new dict of the validated params, keyed by their platform (camelCase) names.

    Raises:
        BadRequest: code 1415 when ``spec_name`` matches no auth spec of ``spec`` (or auth is
            sent to a spec that takes none).
        InvalidField: code 1304 for a missing mandatory field; another code for an unknown
            field or an invalid value.
    """
    given = require_object(params, "auth.params")
    auth = find_auth_spec(spec, spec_name)
    if auth is None:
        if given:
            raise BadRequest(
                f"Connection spec '{spec.name}' ({spec.id}) takes no auth params.",
                code=AUTH_SPEC_NOT_FOUND,
            )
        return {}
    try:
        model = auth.model.model_validate(given)
    except ValidationError as exc:
        raise_invalid(exc, prefix="auth.params", model=auth.model)
    return model.model_dump(by_alias=True, exclude_unset=True)


def _is_secret(extra: Any) -> bool:
    return isinstance(extra, dict) and extra.get("format") == "password"


def model_secret_fields(model: type[AuthParams]) -> frozenset[str]:
    """The wire names of a model's secret parameters (those with ``format: password``)."""
    return frozenset(
        info.alias or name
        for name, info in model.model_fields.items()
        if _is_secret(info.json_schema_extra)
    )


def secret_fields(spec: ConnectorSpec, spec_name: str | None) -> frozenset[str]:
    """The names of the secret ``auth.params`` of one auth spec, to mask or encrypt.

    Args:
        spec: A connection spec.
        spec_name: The ``auth.specName`` of the connection (None for specs without auth).

    Raises:
        BadRequest: code 1415 when ``spec_name`` matches no auth spec of ``spec``.
    """
    auth = find_auth_spec(spec, spec_name)
    return frozenset() if auth is None else model_secret_fields(auth.model)


def validate_base_connection(spec: ConnectorSpec, base_connection_id: str | None) -> None:
    """Check a source connection's ``baseConnectionId`` against its spec.

    Raises:
        BadRequest: code 1332 when one is sent for a spec that takes none (Data Landing Zone).
        InvalidField: code 1304 when a source spec needs one and none is sent.
    """
    if base_connection_id and not spec.needs_base_connection:
        raise BadRequest(
            f"Connection spec '{spec.name}' ({spec.id}) takes no baseConnectionId; "
            "remove it from the request.",
            code=NO_BASE_CONNECTION,
        )
    if not base_connection_id and spec.needs_base_connection and spec.is_source:
        raise InvalidField("baseConnectionId", "is a mandatory field and is missing", code=MISSING)
