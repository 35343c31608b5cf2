"""Looking up one resource in the form its Accept header asks for (reference §3.2)."""

from __future__ import annotations

from typing import Any

from headwater.services.schema_registry.accept import LookupFormat
from headwater.services.schema_registry.repository import (
    require_global,
    require_tenant,
    tenant_lookup,
)
from headwater.store import Database, Descriptor, Scope, find
from headwater.xdm import Lookup, resolve, strip_text

DEPRECATED = "xdm:descriptorDeprecated"


def get_resource(
    db: Database, scope: Scope, container: str, kind: str, ident: str, fmt: LookupFormat
) -> dict[str, Any]:
    """The resource ``ident`` (``$id`` or ``meta:altId``) of ``kind`` in ``container``."""
    with db.transaction() as session:
        lookup = tenant_lookup(session, scope)
        if container == "global":
            return render(require_global(kind, ident), fmt, lookup, [])
        row = require_tenant(session, scope, kind, ident)
        descriptors = [d.body for d in find(session, Descriptor, scope, source_schema=row.id)]
        return render(row.body, fmt, lookup, descriptors)


def render(
    doc: dict[str, Any], fmt: LookupFormat, lookup: Lookup, descriptors: list[dict[str, Any]]
) -> dict[str, Any]:
    """``doc`` raw or resolved, with or without text, deprecations, descriptors, flattened."""
    if not fmt.full:
        return doc if fmt.text else dict(strip_text(doc))
    out = resolve(doc, lookup, keep_text=fmt.text)
    if fmt.deprecated:
        for descriptor in descriptors:
            if descriptor.get("@type") == DEPRECATED:
                _mark_deprecated(out, descriptor.get("xdm:sourceProperty"))
    if fmt.desc:
        out["meta:descriptors"] = descriptors
    if fmt.flat:
        out["properties"] = flatten(out.get("properties") or {})
    return out


def _mark_deprecated(resolved: dict[str, Any], paths: Any) -> None:
    for path in paths if isinstance(paths, list) else [paths]:
        node: Any = resolved
        for name in str(path).strip("/").split("/"):
            node = (node.get("properties") or {}).get(name) if isinstance(node, dict) else None
        if isinstance(node, dict):
            node["meta:status"] = "deprecated"


def flatten(properties: dict[str, Any], prefix: str = "") -> dict[str, Any]:
    """Leaf fields keyed by their ``a/b/c`` path (the ``-flat`` form)."""
    out: dict[str, Any] = {}
    for name, node in properties.items():
        path = f"{prefix}/{name}" if prefix else name
        children = node.get("properties") if isinstance(node, dict) else None
        if isinstance(children, dict) and children:
            out.update(flatten(children, path))
        else:
            out[path] = node
    return out
