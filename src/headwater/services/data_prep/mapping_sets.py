"""Mapping sets of Data Prep: create, read (any version), replace, validate (§6.1-6.2)."""

from __future__ import annotations

import copy
from typing import Any

from sqlalchemy.orm import Session

from headwater import clock, ids
from headwater.errors import BadRequest, InvalidField, NotFound
from headwater.services.catalog.schemas import find_schema, resolved_schema
from headwater.services.catalog.session import session_of
from headwater.services.data_prep import checks
from headwater.services.data_prep.documents import Stamp, new_document, summary
from headwater.services.data_prep.requests import MappingSetRequest, read_request
from headwater.store import Database, MappingSet, MappingSetVersion, Scope, XdmResource, get, stamp

Doc = dict[str, Any]


def create_mapping_set(db: Database, scope: Scope, body: Any) -> Doc:
    """A new mapping set (version 0); answers ``{id, version, createdDate, ...}``."""
    request = read_request(body)
    mapping_set_id = ids.new_hex32()
    now = clock.now_ms()
    with db.transaction() as session:
        schema = checked_schema(session, scope, request)
        doc = new_document(mapping_set_id, request, schema.id, Stamp(0, now, scope.client_id))
        record = MappingSet(id=mapping_set_id, name=request.name, current_version=0, body=doc)
        stamp(record, scope, now=now, etag=ids.new_etag())
        session.add(record)
        session.add(
            MappingSetVersion(mapping_set_id=mapping_set_id, version=0, body=doc, created_at=now)
        )
    return summary(doc)


def replace_mapping_set(db: Database, scope: Scope, mapping_set_id: str, body: Any) -> Doc:
    """PUT: a new version (previous + 1); earlier versions stay readable. Returns the new one."""
    request = read_request(body)
    now = clock.now_ms()
    with db.transaction() as session:
        record = _load(session, scope, mapping_set_id)
        schema = checked_schema(session, scope, request)
        version = record.current_version + 1
        doc = new_document(
            mapping_set_id,
            request,
            schema.id,
            Stamp(version, now, scope.client_id),
            previous=record.body,
        )
        record.body, record.name = doc, doc.get("name")
        record.current_version, record.updated_at = version, now
        session.add(
            MappingSetVersion(
                mapping_set_id=mapping_set_id, version=version, body=doc, created_at=now
            )
        )
    return copy.deepcopy(doc)


def get_mapping_set(
    target: Session | Database, scope: Scope, mapping_id: str, version: int | None = None
) -> Doc | None:
    """The stored mapping set (``version`` or the current one), or None if not in ``scope``.

    The output schema's ``$id`` is ``doc["outputSchema"]["schemaRef"]["id"]`` (also
    ``doc["xdmSchema"]``); each mapping has ``sourceType`` (see ``requests.source_kind``),
    ``source`` and ``destination``.
    """
    with session_of(target) as session:
        record = get(session, MappingSet, scope, mapping_id)
        if record is None:
            return None
        if version is None or version == record.current_version:
            return copy.deepcopy(record.body)
        older = session.get(MappingSetVersion, (mapping_id, version))
        return copy.deepcopy(older.body) if older is not None else None


def read_mapping_set(
    db: Database,
    scope: Scope,
    mapping_set_id: str,
    *,
    version: int | None = None,
    expand_schema: bool = False,
) -> Doc:
    """The mapping set for GET; ``NotFound`` for unknown ids and versions."""
    with db.transaction() as session:
        doc = get_mapping_set(session, scope, mapping_set_id, version)
        if doc is None:
            what = f"version {version} of mapping set" if version is not None else "mapping set"
            raise NotFound(
                f"No {what} {mapping_set_id}",
                resource_type="mappingSets",
                resource_id=mapping_set_id,
            )
        return with_schema(session, scope, doc) if expand_schema else doc


def list_mappings(db: Database, scope: Scope, mapping_set_id: str) -> list[Doc]:
    return list(read_mapping_set(db, scope, mapping_set_id)["mappings"])


def get_mapping(db: Database, scope: Scope, mapping_set_id: str, mapping_id: str) -> Doc:
    for mapping in list_mappings(db, scope, mapping_set_id):
        if mapping["id"] == mapping_id:
            return dict(mapping)
    raise NotFound(
        f"No mapping {mapping_id} in mapping set {mapping_set_id}",
        resource_type="mappings",
        resource_id=mapping_id,
    )


def validate_mapping_set(db: Database, scope: Scope, body: Any) -> Doc:
    """One ``{status, errors}`` per mapping; the output schema itself must exist (else 400)."""
    request = read_request(body)
    with db.transaction() as session:
        resolved = resolved_schema(session, scope, _schema(session, scope, request))
    answers = []
    for spec in request.mappings:
        reasons = checks.problems(spec, resolved)
        errors = checks.error_info(spec, reasons) if reasons else None
        answers.append({"status": "FAILED" if reasons else "SUCCESS", "errors": errors})
    return {"validationResponse": answers}


def with_schema(session: Session, scope: Scope, doc: Doc) -> Doc:
    """``doc`` with the resolved output schema as ``outputSchema.jsonSchema`` (expandSchema)."""
    schema = find_schema(session, scope, doc["outputSchema"]["schemaRef"]["id"])
    if schema is not None:
        doc["outputSchema"]["jsonSchema"] = resolved_schema(session, scope, schema)
    return doc


def checked_schema(session: Session, scope: Scope, request: MappingSetRequest) -> XdmResource:
    """The output schema, after checking every mapping against it (400 listing the bad ones)."""
    schema = _schema(session, scope, request)
    resolved = resolved_schema(session, scope, schema)
    errors = [
        info
        for spec in request.mappings
        for info in checks.error_info(spec, checks.problems(spec, resolved))
    ]
    if errors:
        bad = [
            str(spec.destination)
            for spec in request.mappings
            if checks.missing_destination(spec, resolved)
        ]
        lead = [f"Destinations not found in schema {schema.id}: {', '.join(bad)}"] if bad else []
        rest = [e["exception"] for e in errors if not e["exception"].startswith("Destination '")]
        raise BadRequest(
            "; ".join(lead + rest),
            details={
                "errors": errors,
                "invalidDestinations": bad,
                "invalidExpressions": _expression_errors(request),
            },
        )
    return schema


def _expression_errors(request: MappingSetRequest) -> list[Doc]:
    """Where each expression that does not compile goes wrong (line, column, message)."""
    found = []
    for spec in request.mappings:
        error = checks.expression_error(spec)
        if error is not None:
            line, column = error.position or (1, 1)
            found.append(
                {
                    "mapping": spec.index,
                    "expression": spec.source,
                    "line": line,
                    "column": column,
                    "message": error.message,
                }
            )
    return found


def _schema(session: Session, scope: Scope, request: MappingSetRequest) -> XdmResource:
    schema = find_schema(session, scope, request.schema_id)
    if schema is None:
        raise InvalidField(
            request.schema_field,
            f"no schema {request.schema_id} exists in sandbox {scope.sandbox_name}",
        )
    return schema


def _load(session: Session, scope: Scope, mapping_set_id: str) -> MappingSet:
    record = get(session, MappingSet, scope, mapping_set_id)
    if record is None:
        raise NotFound(
            f"No mapping set {mapping_set_id}",
            resource_type="mappingSets",
            resource_id=mapping_set_id,
        )
    return record
