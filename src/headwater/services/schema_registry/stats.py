"""``GET /stats``: the tenant id and what this sandbox's registry holds."""

from __future__ import annotations

from typing import Any

from headwater.services.schema_registry.listing import summary
from headwater.services.schema_registry.repository import tenant_lookup, tenant_rows
from headwater.services.schema_registry.unions import union_members
from headwater.store import Database, Scope, XdmResource
from headwater.xdm import Lookup, standard_resource

RECENT = 5
COUNTED = ("schemas", "mixins", "datatypes", "classes")


def registry_stats(db: Database, scope: Scope) -> dict[str, Any]:
    """``{imsOrg, tenantId, counts, recentlyCreatedResources, recentlyUpdatedResources,
    classUsage}`` for the caller's sandbox."""
    with db.transaction() as session:
        rows = list(tenant_rows(session, scope))
        schemas = [r.body for r in rows if r.kind == "schemas"]
        counts = {kind: sum(1 for r in rows if r.kind == kind) for kind in COUNTED}
        counts["unions"] = len(union_members(schemas))
        return {
            "imsOrg": scope.org_id,
            "tenantId": scope.tenant_id,
            "counts": counts,
            "recentlyCreatedResources": _recent(rows, "created_at"),
            "recentlyUpdatedResources": _recent(rows, "updated_at"),
            "classUsage": _class_usage(schemas, tenant_lookup(session, scope)),
        }


def _recent(rows: list[XdmResource], column: str) -> list[dict[str, Any]]:
    newest = sorted(rows, key=lambda r: getattr(r, column), reverse=True)[:RECENT]
    return [summary(r.body) for r in newest]


def _class_usage(schemas: list[dict[str, Any]], lookup: Lookup) -> list[dict[str, Any]]:
    by_class: dict[str, list[dict[str, Any]]] = {}
    for doc in schemas:
        by_class.setdefault(str(doc.get("meta:class")), []).append(doc)
    usage = []
    for class_id, docs in by_class.items():
        cls = standard_resource(class_id) or lookup(class_id) or {}
        usage.append(
            {
                "$id": class_id,
                "title": cls.get("title", class_id),
                "numberOfSchemas": len(docs),
                "schemas": [
                    {
                        "$id": d["$id"],
                        "title": d.get("title"),
                        "description": d.get("description", ""),
                        "meta:altId": d["meta:altId"],
                    }
                    for d in docs
                ],
            }
        )
    return usage
