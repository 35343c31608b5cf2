"""What makes a descriptor valid (reference §3.6): known type, existing schema and fields,
one primary identity per schema."""

from __future__ import annotations

from typing import Any

from sqlalchemy.orm import Session

from headwater.errors import BadRequest, InvalidField
from headwater.services.schema_registry.repository import find_tenant, tenant_lookup
from headwater.store import Descriptor, Scope, find
from headwater.xdm import has_path, resolve

IDENTITY = "xdm:descriptorIdentity"
KNOWN_TYPES = frozenset(
    {
        IDENTITY,
        "xdm:alternateDisplayInfo",
        "xdm:descriptorOneToOne",
        "xdm:descriptorOneToMany",
        "xdm:descriptorManyToMany",
        "xdm:descriptorReferenceIdentity",
        "xdm:descriptorDeprecated",
        "xdm:descriptorRelationship",
        "xdm:descriptorPrimaryKey",
        "xdm:descriptorVersion",
        "xdm:descriptorTimestamp",
        "xdm:descriptorTimeSeriesGranularity",
        "xdm:descriptorLabel",
    }
)
NO_PROPERTY_TYPES = frozenset({"xdm:descriptorTimeSeriesGranularity"})
LIST_PROPERTY_TYPES = frozenset({"xdm:descriptorDeprecated"})
DESTINATION_TYPES = frozenset(
    {
        "xdm:descriptorOneToOne",
        "xdm:descriptorOneToMany",
        "xdm:descriptorManyToMany",
        "xdm:descriptorRelationship",
    }
)


def check_descriptor(
    session: Session, scope: Scope, body: dict[str, Any], *, self_id: str | None
) -> str:
    """Validate a descriptor body; returns the ``$id`` of its source schema.

    Raises:
        InvalidField: an unknown type, schema or field, or a second primary identity.
    """
    kind = body.get("@type")
    if kind not in KNOWN_TYPES:
        raise InvalidField("@type", f"unknown descriptor type {kind!r}")
    schema = _schema_of(session, scope, body.get("xdm:sourceSchema"), "xdm:sourceSchema")
    if kind not in NO_PROPERTY_TYPES:
        resolved = resolve(schema, tenant_lookup(session, scope))
        for path in _property_paths(body.get("xdm:sourceProperty"), kind):
            if not has_path(resolved, dotted(path)):
                raise InvalidField(
                    "xdm:sourceProperty", f"{path} is not a field of schema {schema['$id']}"
                )
    if kind in DESTINATION_TYPES:
        _schema_of(session, scope, body.get("xdm:destinationSchema"), "xdm:destinationSchema")
    if kind == IDENTITY:
        _check_identity(session, scope, body, schema["$id"], self_id)
    return str(schema["$id"])


def dotted(path: str) -> str:
    """``/person/name/firstName`` -> ``person.name.firstName`` (dots in names escaped)."""
    return ".".join(seg.replace(".", "\\.") for seg in path.strip("/").split("/"))


def _schema_of(session: Session, scope: Scope, ident: Any, field: str) -> dict[str, Any]:
    if not isinstance(ident, str) or not ident:
        raise InvalidField(field, "is required: the $id of a schema")
    row = find_tenant(session, scope, "schemas", ident)
    if row is None:
        raise InvalidField(field, f"schema {ident} does not exist in this sandbox")
    return row.body


def _property_paths(value: Any, kind: str) -> list[str]:
    paths = value if isinstance(value, list) and kind in LIST_PROPERTY_TYPES else [value]
    for path in paths:
        if not isinstance(path, str) or not path.startswith("/") or path.endswith("/"):
            raise InvalidField(
                "xdm:sourceProperty", "must be a path starting with '/' and not ending with '/'"
            )
    if not paths:
        raise InvalidField("xdm:sourceProperty", "is required")
    return [str(p) for p in paths]


def _check_identity(
    session: Session, scope: Scope, body: dict[str, Any], schema_id: str, self_id: str | None
) -> None:
    if not isinstance(body.get("xdm:namespace"), str | int) or body.get("xdm:namespace") == "":
        raise InvalidField("xdm:namespace", "is required: an identity namespace code or id")
    if body.get("xdm:property", "xdm:code") not in ("xdm:code", "xdm:id"):
        raise InvalidField("xdm:property", "must be xdm:code or xdm:id")
    if not isinstance(body.get("xdm:isPrimary", False), bool):
        raise InvalidField("xdm:isPrimary", "must be a boolean")
    if not body.get("xdm:isPrimary"):
        return
    for other in find(session, Descriptor, scope, source_schema=schema_id, type=IDENTITY):
        if other.id != self_id and other.body.get("xdm:isPrimary") is True:
            raise BadRequest(
                f"Schema {schema_id} already has a primary identity "
                f"({other.body.get('xdm:sourceProperty')}, descriptor {other.id})"
            )
