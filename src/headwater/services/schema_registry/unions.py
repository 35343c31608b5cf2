"""Union schemas: per class, the merge of every schema tagged ``union`` (Profile-enabled)."""

from __future__ import annotations

from typing import Any, Literal

from sqlalchemy.orm import Session

from headwater.services.schema_registry.accept import LookupFormat
from headwater.services.schema_registry.kinds import not_found
from headwater.services.schema_registry.listing import ListQuery, page_of
from headwater.services.schema_registry.lookup import render
from headwater.services.schema_registry.repository import tenant_lookup, tenant_rows
from headwater.store import Database, Descriptor, Scope, find
from headwater.xdm import Lookup, refs_of, standard_resource

SUFFIX = "__union"


def union_members(schemas: list[dict[str, Any]]) -> dict[str, list[dict[str, Any]]]:
    """Union-tagged schemas grouped by their class ``$id``."""
    members: dict[str, list[dict[str, Any]]] = {}
    for doc in schemas:
        if "union" in (doc.get("meta:immutableTags") or []) and doc.get("meta:class"):
            members.setdefault(str(doc["meta:class"]), []).append(doc)
    return members


def list_unions(
    db: Database, scope: Scope, query: ListQuery, style: Literal["id", "full"], *, base_url: str
) -> dict[str, Any]:
    with db.transaction() as session:
        docs = [doc for doc, _ in _unions(session, scope).values()]
    return page_of(docs, query, style, base_url=base_url)


def get_union(db: Database, scope: Scope, ident: str, fmt: LookupFormat) -> dict[str, Any]:
    """The union ``ident`` (``<class $id>__union`` or its ``meta:altId``)."""
    with db.transaction() as session:
        found = [
            (doc, members)
            for doc, members in _unions(session, scope).values()
            if ident in (doc["$id"], doc["meta:altId"])
        ]
        if not found:
            raise not_found(ident)
        doc, members = found[0]
        descriptors = [
            d.body for d in find(session, Descriptor, scope) if d.source_schema in members
        ]
        return render(doc, fmt, tenant_lookup(session, scope), descriptors)


def _unions(session: Session, scope: Scope) -> dict[str, tuple[dict[str, Any], set[str]]]:
    """Per class: the union document and the ``$id`` of its member schemas."""
    schemas = [row.body for row in tenant_rows(session, scope, "schemas")]
    lookup = tenant_lookup(session, scope)
    return {
        class_id: (_union_doc(class_id, docs, lookup, scope), {d["$id"] for d in docs})
        for class_id, docs in union_members(schemas).items()
    }


def _union_doc(
    class_id: str, members: list[dict[str, Any]], lookup: Lookup, scope: Scope
) -> dict[str, Any]:
    cls = standard_resource(class_id) or lookup(class_id) or {}
    refs: list[str] = [class_id]
    for doc in members:
        refs.extend(r for r in refs_of(doc) if r not in refs)
    return {
        "$id": f"{class_id}{SUFFIX}",
        "meta:altId": f"{cls.get('meta:altId', class_id)}{SUFFIX}",
        "meta:resourceType": "unions",
        "version": "1.0",
        "title": cls.get("title", class_id),
        "type": "object",
        "description": cls.get("description", ""),
        "allOf": [{"$ref": ref, "type": "object", "meta:xdmType": "object"} for ref in refs],
        "meta:class": class_id,
        "meta:containerId": "tenant",
        "imsOrg": scope.org_id,
    }
