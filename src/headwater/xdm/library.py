"""The bundled global (standard) XDM resources and how lookups reach them."""

from __future__ import annotations

import json
from collections.abc import Callable
from functools import cache
from importlib.resources import files
from typing import Any, TypeAlias

from headwater.errors import BadRequest

Lookup: TypeAlias = Callable[[str], dict[str, Any] | None]
"""Gives a tenant resource (compatibility-mode body) by its ``$id``, or ``None``."""

RESOURCE_KINDS = ("classes", "mixins", "datatypes", "behaviors")
BEHAVIORS = (
    "https://ns.adobe.com/xdm/data/record",
    "https://ns.adobe.com/xdm/data/time-series",
    "https://ns.adobe.com/xdm/data/adhoc",
)
UNKNOWN_REF_CODE = "1002"


@cache
def _load() -> dict[str, dict[str, Any]]:
    root = files("headwater.xdm").joinpath("standard")
    found: dict[str, dict[str, Any]] = {}
    for folder in sorted(root.iterdir(), key=lambda p: p.name):
        if not folder.is_dir():
            continue
        for entry in sorted(folder.iterdir(), key=lambda p: p.name):
            if entry.name.endswith(".json"):
                doc = json.loads(entry.read_text(encoding="utf-8"))
                found[doc["$id"]] = doc
    return found


def standard_resources() -> dict[str, dict[str, Any]]:
    """All bundled global resources, keyed by ``$id``.

    Returns:
        A fresh mapping each call (the cached documents are deep-copied so callers may mutate).
    """
    return json.loads(json.dumps(_load()))  # type: ignore[no-any-return]


def standard_resource(resource_id: str) -> dict[str, Any] | None:
    """One bundled global resource by ``$id`` or ``meta:altId`` (shared, do not mutate)."""
    docs = _load()
    if resource_id in docs:
        return docs[resource_id]
    return next((d for d in docs.values() if d.get("meta:altId") == resource_id), None)


def chain(lookup: Lookup) -> Lookup:
    """A lookup that answers from the standard library first, then from ``lookup``."""

    def find(resource_id: str) -> dict[str, Any] | None:
        return _load().get(resource_id) or lookup(resource_id)

    return find


def fetch(resource_id: str, lookup: Lookup) -> dict[str, Any]:
    """The resource ``resource_id`` (already chained lookup), or BadRequest naming it."""
    found = lookup(resource_id)
    if found is None:
        raise BadRequest(
            f"Reference '{resource_id}' does not resolve to a known class, behavior, "
            "field group or data type.",
            code=UNKNOWN_REF_CODE,
            resource_id=resource_id,
        )
    return found


def no_tenant(resource_id: str) -> dict[str, Any] | None:
    """A lookup with no tenant resources (only the standard library answers when chained)."""
    return None
