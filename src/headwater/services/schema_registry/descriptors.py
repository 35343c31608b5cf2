"""Descriptors: identity, friendly-name, relationship, ... annotations of schema fields."""

from __future__ import annotations

import secrets
from collections.abc import Sequence
from typing import Any

from headwater import clock
from headwater.errors import InvalidField
from headwater.services.schema_registry import filters
from headwater.services.schema_registry.accept import DescriptorFormat
from headwater.services.schema_registry.compose import content_etag
from headwater.services.schema_registry.descriptor_rules import check_descriptor
from headwater.services.schema_registry.kinds import not_found
from headwater.services.schema_registry.repository import sandbox_type
from headwater.store import Database, Descriptor, Scope, find, get, stamp

SERVER_KEYS = frozenset(
    {
        "@id",
        "imsOrg",
        "version",
        "meta:containerId",
        "meta:sandboxId",
        "meta:sandboxType",
        "meta:registryMetadata",
    }
)
MAX_PAGE = 300


def list_descriptors(
    db: Database,
    scope: Scope,
    container: str,
    fmt: DescriptorFormat,
    *,
    properties: Sequence[str] = (),
    start: str | None = None,
    limit: int | None = None,
) -> dict[str, Any]:
    """Descriptors grouped by ``@type`` (or a ``results`` page for the ``-v2`` forms)."""
    if container == "global":
        docs: list[dict[str, Any]] = []
    else:
        with db.transaction() as session:
            docs = [d.body for d in find(session, Descriptor, scope)]
    docs = filters.apply(docs, filters.parse_conditions(properties))
    if not fmt.paged:
        grouped: dict[str, list[Any]] = {}
        for doc in docs:
            grouped.setdefault(str(doc.get("@type")), []).append(_item(doc, fmt))
        return grouped
    docs = sorted((d for d in docs if start is None or d["@id"] > start), key=lambda d: d["@id"])
    size = min(limit or MAX_PAGE, MAX_PAGE)
    page = docs[:size]
    following = page[-1]["@id"] if len(docs) > size else None
    return {
        "results": [_item(d, fmt) for d in page],
        "_page": {"count": len(page), "next": following},
    }


def get_descriptor(db: Database, scope: Scope, descriptor_id: str) -> dict[str, Any]:
    with db.transaction() as session:
        row = get(session, Descriptor, scope, descriptor_id)
        if row is None:
            raise not_found(descriptor_id)
        return row.body


def create_descriptor(db: Database, scope: Scope, payload: Any) -> dict[str, Any]:
    """Store a new descriptor; returns the full descriptor with its ``@id`` (201 body)."""
    body = _content(payload)
    with db.transaction() as session:
        schema_id = check_descriptor(session, scope, body, self_id=None)
        now = clock.now_ms()
        descriptor_id = secrets.token_hex(20)  # the registry's @ids are 40 hex characters
        doc = _full(body, descriptor_id, scope, sandbox_type(session, scope), now, None)
        row = Descriptor(id=descriptor_id, type=body["@type"], source_schema=schema_id, body=doc)
        stamp(row, scope, now=now, etag=doc["meta:registryMetadata"]["eTag"])
        session.add(row)
        return doc


def replace_descriptor(
    db: Database, scope: Scope, descriptor_id: str, payload: Any
) -> dict[str, Any]:
    """PUT: a full replacement; the platform answers 201 with ``{"@id"}``."""
    body = _content(payload)
    with db.transaction() as session:
        row = get(session, Descriptor, scope, descriptor_id)
        if row is None:
            raise not_found(descriptor_id)
        schema_id = check_descriptor(session, scope, body, self_id=descriptor_id)
        now = clock.now_ms()
        doc = _full(body, descriptor_id, scope, sandbox_type(session, scope), now, row.body)
        row.body, row.type, row.source_schema = doc, body["@type"], schema_id
        row.updated_at, row.etag = now, doc["meta:registryMetadata"]["eTag"]
        return {"@id": descriptor_id}


def delete_descriptor(db: Database, scope: Scope, descriptor_id: str) -> None:
    with db.transaction() as session:
        row = get(session, Descriptor, scope, descriptor_id)
        if row is None:
            raise not_found(descriptor_id)
        session.delete(row)


def _content(payload: Any) -> dict[str, Any]:
    if not isinstance(payload, dict):
        raise InvalidField("body", "must be a JSON object")
    body = {k: v for k, v in payload.items() if k not in SERVER_KEYS}
    body.setdefault("xdm:sourceVersion", 1)
    if body.get("@type") == "xdm:descriptorIdentity":
        body.setdefault("xdm:property", "xdm:code")
        body.setdefault("xdm:isPrimary", False)
    return body


def _full(
    body: dict[str, Any],
    descriptor_id: str,
    scope: Scope,
    sandbox: str,
    now: int,
    previous: dict[str, Any] | None,
) -> dict[str, Any]:
    doc = {
        "@id": descriptor_id,
        **body,
        "imsOrg": scope.org_id,
        "version": "1",
        "meta:containerId": "tenant",
        "meta:sandboxId": scope.sandbox_id,
        "meta:sandboxType": sandbox,
    }
    before = (previous or {}).get("meta:registryMetadata") or {}
    user = f"{scope.client_id}@techacct.adobe.com"
    doc["meta:registryMetadata"] = {
        "repo:createdDate": before.get("repo:createdDate", now),
        "repo:lastModifiedDate": now,
        "xdm:createdClientId": before.get("xdm:createdClientId", scope.client_id),
        "xdm:lastModifiedClientId": scope.client_id,
        "xdm:createdUserId": before.get("xdm:createdUserId", user),
        "xdm:lastModifiedUserId": user,
        "eTag": content_etag(doc),
    }
    return doc


def _item(doc: dict[str, Any], fmt: DescriptorFormat) -> Any:
    if fmt.style == "id":
        return doc["@id"]
    if fmt.style == "link":
        return f"/tenant/descriptors/{doc['@id']}"
    return doc
