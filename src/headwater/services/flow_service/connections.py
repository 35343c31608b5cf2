"""Base connections: credentials to a storage system, validated against the connector's spec."""

from __future__ import annotations

from typing import Any

from cryptography.fernet import Fernet
from sqlalchemy.orm import Session

from headwater import connectors
from headwater.errors import BadRequest
from headwater.services.flow_service import references
from headwater.services.flow_service import resources as res
from headwater.services.flow_service.secrets import (
    decrypt_params,
    encrypt_params,
    keep_masked_secrets,
    masked,
)
from headwater.services.patching import apply_patch
from headwater.store import Connection, Flow, Scope, SourceConnection, TargetConnection, find

KIND = res.Kind(
    collection="connections",
    model=Connection,
    fields=frozenset({"name", "description", "connectionSpec", "state", "auth", "providerId"}),
    label="Connection",
)
STATES = ("enabled", "disabled", "initializing")


def create(session: Session, scope: Scope, fernet: Fernet, body: dict[str, Any]) -> res.Written:
    """A new base connection; ``auth.params`` are validated, then stored encrypted."""
    spec = references.spec_of(body)
    auth = body.get("auth")
    if auth is not None and not isinstance(auth, dict):
        raise BadRequest("auth must be an object", code="1304")
    spec_name, params = _validated_auth(spec, auth or {})
    stored = _stored_body(body, spec, spec_name, params)
    record = Connection(
        spec_id=spec.id, auth_ciphertext=encrypt_params(fernet, params) if params else None
    )
    return res.insert(session, scope, record, stored)


def patch(
    session: Session,
    scope: Scope,
    fernet: Fernet,
    record_id: str,
    if_match: str | None,
    operations: Any,
) -> res.Written:
    record = res.load(session, scope, KIND, record_id)
    res.check_if_match(record, if_match, KIND)
    assert isinstance(record, Connection)
    spec = connectors.get_spec(record.spec_id)
    old_params = decrypt_params(fernet, record.auth_ciphertext)
    current = res.editable(record)
    if "auth" in current:
        current["auth"] = {**current["auth"], "params": old_params}
    patched = apply_patch(current, operations)
    _check_immutables(current, patched)
    auth = patched.get("auth") or {}
    secrets = _secret_names(spec, auth.get("specName"))
    params = keep_masked_secrets(dict(auth.get("params") or {}), old_params, secrets)
    spec_name, params = _validated_auth(spec, {**auth, "params": params} if auth else {})
    record.auth_ciphertext = encrypt_params(fernet, params) if params else None
    return res.update(session, scope, record, _stored_body(patched, spec, spec_name, params))


def delete(session: Session, scope: Scope, record_id: str) -> None:
    """Remove a connection no flow uses (platform code 1418 otherwise)."""
    record = res.load(session, scope, KIND, record_id)
    if connection_in_use(session, scope, record_id):
        raise BadRequest(
            f"Connection {record_id} is used by flows; ensure that corresponding flows are "
            "deleted first",
            code="1418",
            resource_id=record_id,
            resource_type="connections",
        )
    session.delete(record)


def connection_in_use(session: Session, scope: Scope, connection_id: str) -> bool:
    sources = {
        s.id for s in find(session, SourceConnection, scope, base_connection_id=connection_id)
    }
    targets = {
        t.id for t in find(session, TargetConnection, scope, base_connection_id=connection_id)
    }
    for flow in find(session, Flow, scope):
        used = set(flow.body.get("sourceConnectionIds", [])) | set(
            flow.body.get("targetConnectionIds", [])
        )
        if used & (sources | targets):
            return True
    return False


def _validated_auth(
    spec: connectors.ConnectorSpec, auth: dict[str, Any]
) -> tuple[str | None, dict[str, Any]]:
    spec_name = auth.get("specName")
    params = auth.get("params") or {}
    if not isinstance(params, dict):
        raise BadRequest("auth.params must be an object", code="1304")
    if not spec.auth_specs and not auth:
        return None, {}
    validated = connectors.validate_auth(spec, spec_name, params)
    connectors.check_params(spec.id, validated)
    return spec_name, validated


def _stored_body(
    body: dict[str, Any],
    spec: connectors.ConnectorSpec,
    spec_name: str | None,
    params: dict[str, Any],
) -> dict[str, Any]:
    state = body.get("state", "enabled")
    if state not in STATES:
        raise BadRequest(f"state must be one of {', '.join(STATES)}", code="1456")
    stored = {k: v for k, v in body.items() if k not in res.AUDIT_FIELDS and k != "auth"}
    stored["connectionSpec"] = references.spec_ref(spec, body)
    stored["state"] = state
    if spec_name is not None or params:
        stored["auth"] = {
            "specName": spec_name,
            "params": masked(params, _secret_names(spec, spec_name)),
        }
    return stored


def _secret_names(spec: connectors.ConnectorSpec, spec_name: str | None) -> frozenset[str]:
    if spec_name is None:
        return frozenset()
    return connectors.secret_fields(spec, spec_name)


def _check_immutables(before: dict[str, Any], after: dict[str, Any]) -> None:
    if before.get("connectionSpec", {}).get("id") != after.get("connectionSpec", {}).get("id"):
        raise BadRequest("The connection spec of a connection cannot be changed", code="1414")
    old_name = (before.get("auth") or {}).get("specName")
    if old_name and old_name != (after.get("auth") or {}).get("specName"):
        raise BadRequest(
            "The auth type of a connection cannot be changed; create a new connection instead",
            code="1414",
        )
