"""What a resource is composed of: ``refs``, ``meta:extends`` and ``meta:class``."""

from __future__ import annotations

from typing import Any

from headwater.xdm.library import Lookup, chain, fetch


def refs_of(resource: dict[str, Any]) -> list[str]:
    """The resource ids referenced directly by ``resource``'s ``allOf``, in order, once each.

    Local references (``#/definitions/...``) are not resources and are left out; a reference
    into another resource's definitions counts as that resource.
    """
    refs: list[str] = []
    for part in resource.get("allOf") or []:
        ref = part.get("$ref") if isinstance(part, dict) else None
        if isinstance(ref, str):
            resource_id = ref.partition("#")[0]
            if resource_id and resource_id not in refs:
                refs.append(resource_id)
    return refs


def extends_of(resource: dict[str, Any], lookup: Lookup) -> list[str]:
    """The transitive ``meta:extends`` the registry reports for ``resource``.

    Each ``allOf`` reference comes first, followed by what it extends in turn (a profile
    schema lists the class, ``.../data/record``, ``.../common/auditable``, then every field
    group), without duplicates. References that only appear in a declared ``meta:extends``
    need not be known.

    Raises:
        BadRequest: an ``allOf`` reference names an unknown resource.
    """
    find = chain(lookup)
    found: list[str] = []

    def visit(resource_id: str, *, strict: bool) -> None:
        if resource_id in found:
            return
        found.append(resource_id)
        doc = fetch(resource_id, find) if strict else find(resource_id)
        if doc is not None:
            for extended in doc.get("meta:extends") or []:
                visit(extended, strict=False)
            for ref in refs_of(doc):
                visit(ref, strict=True)

    for ref in refs_of(resource):
        visit(ref, strict=True)
    for extended in resource.get("meta:extends") or []:
        # declared lineage may name resources we do not bundle (e.g. .../common/extensible)
        visit(extended, strict=False)
    return found


def class_of(resource: dict[str, Any], lookup: Lookup) -> str | None:
    """The ``$id`` of the class ``resource`` is built on (a class answers with itself).

    Uses ``meta:class`` when present, else the first ``allOf`` reference that is a class.
    """
    declared = resource.get("meta:class")
    if isinstance(declared, str) and declared:
        return declared
    if resource.get("meta:resourceType") == "classes" and isinstance(resource.get("$id"), str):
        return str(resource["$id"])
    find = chain(lookup)
    for ref in refs_of(resource):
        doc = find(ref)
        if doc is not None and doc.get("meta:resourceType") == "classes":
            return ref
    return None
