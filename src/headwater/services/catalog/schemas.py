"""The tenant schemas datasets and mapping sets point at, read from the Schema Registry's rows."""

from __future__ import annotations

from typing import Any

from sqlalchemy.orm import Session

from headwater.store import Scope, XdmResource, find, get
from headwater.xdm import Lookup, extends_of, resolve

SCHEMA_KIND = "schemas"
BEHAVIORS = {
    "https://ns.adobe.com/xdm/data/record": "record",
    "https://ns.adobe.com/xdm/data/time-series": "time-series",
    "https://ns.adobe.com/xdm/data/adhoc": "adhoc",
}


def find_schema(session: Session, scope: Scope, ref: str) -> XdmResource | None:
    """The tenant schema of this sandbox whose ``$id`` or ``meta:altId`` is ``ref``."""
    record = get(session, XdmResource, scope, ref)
    if record is None:
        record = next(iter(find(session, XdmResource, scope, alt_id=ref)), None)
    return record if record is not None and record.kind == SCHEMA_KIND else None


def tenant_lookup(session: Session, scope: Scope) -> Lookup:
    """Gives this sandbox's schemas, field groups, data types and classes by ``$id``."""

    def lookup(resource_id: str) -> dict[str, Any] | None:
        record = get(session, XdmResource, scope, resource_id)
        return record.body if record is not None else None

    return lookup


def resolved_schema(session: Session, scope: Scope, record: XdmResource) -> dict[str, Any]:
    """The schema with every ``$ref`` and ``allOf`` expanded (the ``xed-full-notext`` form)."""
    return resolve(record.body, tenant_lookup(session, scope), keep_text=False)


def data_behavior(session: Session, scope: Scope, record: XdmResource) -> str:
    """``record``, ``time-series`` or ``adhoc``: the behavior the schema's class extends."""
    for extended in extends_of(record.body, tenant_lookup(session, scope)):
        if extended in BEHAVIORS:
            return BEHAVIORS[extended]
    return "record"
