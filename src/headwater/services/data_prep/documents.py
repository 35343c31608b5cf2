"""The stored (and returned) mapping set: one shape carrying both request vocabularies.

Every mapping keeps ``source``/``destination``/``sourceType`` (current form) next to
``sourceAttribute``/``destinationXdmPath``/``identity`` (legacy form), as the platform returns.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from headwater import ids
from headwater.services.data_prep.requests import STORED_TYPES, MappingSetRequest, MappingSpec

Doc = dict[str, Any]
SUMMARY_KEYS = ("id", "version", "createdDate", "modifiedDate", "createdBy", "modifiedBy")


@dataclass(frozen=True)
class Stamp:
    """Who writes which version, and when."""

    version: int
    now: int
    user: str


def new_document(
    mapping_set_id: str,
    request: MappingSetRequest,
    schema_id: str,
    stamp: Stamp,
    previous: Doc | None = None,
) -> Doc:
    """Version ``stamp.version`` of a mapping set; ``previous`` is the version it replaces."""
    prior = previous or {}
    ref = {"id": schema_id, "contentType": request.content_type}
    output = prior.get("outputSchema") or {}
    doc: Doc = {
        "id": mapping_set_id,
        "version": stamp.version,
        "createdDate": prior.get("createdDate", stamp.now),
        "modifiedDate": stamp.now,
        "createdBy": prior.get("createdBy", stamp.user),
        "modifiedBy": stamp.user,
        "supportVersion": "1.1",
        "inputSchema": request.input_schema,
        "outputSchema": {
            "id": output.get("id") or ids.new_hex32(),
            "version": stamp.version,
            "schemaRef": ref,
        },
        "mappings": _mappings(request.mappings, stamp, prior.get("mappings") or []),
        "status": "PUBLISHED",
        "strictMapping": request.strict_mapping,
        "allowNullValues": request.allow_null_values,
        "xdmVersion": request.xdm_version,
        "schemaRef": dict(ref),
        "xdmSchema": schema_id,
        "tags": request.tags or [],
    }
    # A PUT without a name or description keeps the previous ones (clients such as aepp
    # send only outputSchema and mappings).
    for key in ("name", "description"):
        value = getattr(request, key) or prior.get(key)
        if value is not None:
            doc[key] = value
    return doc


def summary(doc: Doc) -> Doc:
    """The answer to a create: id, version and the audit fields."""
    return {key: doc[key] for key in SUMMARY_KEYS}


def _mappings(specs: list[MappingSpec], stamp: Stamp, previous: list[Doc]) -> list[Doc]:
    # A mapping sent back with the id it was given keeps that id and its creation stamp.
    earlier = {m["id"]: m for m in previous if isinstance(m, dict) and "id" in m}
    taken: set[str] = set()
    out = []
    for spec in specs:
        prior = earlier.get(spec.given_id or "")
        if prior is not None and prior["id"] in taken:
            prior = None  # the same id sent twice: only the first keeps it
        mapping_id = prior["id"] if prior is not None else ids.new_hex32()
        taken.add(mapping_id)
        out.append(_mapping(spec, mapping_id, stamp, prior))
    return out


def _mapping(spec: MappingSpec, mapping_id: str, stamp: Stamp, prior: Doc | None) -> Doc:
    kind = spec.kind or "ATTRIBUTE"
    source = spec.source
    destination = spec.destination
    if isinstance(destination, str):
        destination = destination.strip()
    doc: Doc = {
        "id": mapping_id,
        "version": stamp.version,
        "createdDate": prior["createdDate"] if prior else stamp.now,
        "modifiedDate": stamp.now,
        "createdBy": prior["createdBy"] if prior else stamp.user,
        "modifiedBy": stamp.user,
        "sourceType": STORED_TYPES[kind],
        "source": source,
        "destination": destination,
        "identity": spec.identity,
        "primaryIdentity": spec.primary_identity,
        "identityGroup": spec.identity_group,
        "namespaceCode": spec.namespace_code,
        "matchScore": 0.0,
        "functionVersion": 1,
        "sourceAttribute": source,
        "destinationXdmPath": destination,
    }
    for key in ("name", "description"):
        if getattr(spec, key) is not None:
            doc[key] = getattr(spec, key)
    return doc
