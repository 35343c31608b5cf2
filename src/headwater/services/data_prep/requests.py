"""The two request forms of a mapping set, read into one shape (reference §6.2).

Current form: ``outputSchema.schemaRef.{id, contentType}`` and mappings of ``sourceType`` /
``source`` / ``destination``. Legacy form (the cloud-storage tutorial): ``xdmSchema`` /
``xdmVersion`` and mappings of ``sourceAttribute`` / ``destinationXdmPath`` / ``identity``.
Only the body's structure is checked here; each mapping's content is checked in ``checks``.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Literal

from headwater.errors import BadRequest, InvalidField

Doc = dict[str, Any]
Kind = Literal["ATTRIBUTE", "STATIC", "EXPRESSION"]
# Media types the platform stores and returns for each kind; ATTRIBUTE is documented
# (``text/x.schema-path``), EXPRESSION follows the platform's expression media type.
STORED_TYPES: dict[str, str] = {
    "ATTRIBUTE": "text/x.schema-path",
    "EXPRESSION": "text/x.aep-xl",
    "STATIC": "STATIC",
}
KINDS: dict[str, Kind] = {
    "attribute": "ATTRIBUTE",
    "static": "STATIC",
    "expression": "EXPRESSION",
    "text/x.schema-path": "ATTRIBUTE",
    "text/x.aep-xl": "EXPRESSION",
}
DEFAULT_CONTENT_TYPE = "application/vnd.adobe.xed-full+json;version=1"


@dataclass(frozen=True)
class MappingSpec:
    """One mapping as requested, with both vocabularies folded together."""

    index: int
    kind: Kind | None  # None: the sourceType is not one the platform knows
    source_type: Any
    source: Any
    destination: Any
    given_id: str | None = None
    name: str | None = None
    description: str | None = None
    identity: bool = False
    primary_identity: bool = False
    identity_group: Any = None
    namespace_code: Any = None


@dataclass(frozen=True)
class MappingSetRequest:
    schema_id: str
    schema_field: str  # where the schema id came from, for error messages
    content_type: str
    mappings: list[MappingSpec]
    name: str | None = None
    description: str | None = None
    input_schema: Doc | None = None
    xdm_version: str = "1.0"
    allow_null_values: bool = False
    strict_mapping: bool = False
    tags: list[Any] | None = None


def read_request(doc: Any) -> MappingSetRequest:
    """``doc`` (either form) as a ``MappingSetRequest``; ``BadRequest`` if its shape is wrong."""
    if not isinstance(doc, dict):
        raise BadRequest("A mapping set is a JSON object")
    schema_field, schema_id, content_type = _output_schema(doc)
    raw = doc.get("mappings")
    if not isinstance(raw, list):
        raise InvalidField("mappings", "a mapping set needs an array of mappings")
    return MappingSetRequest(
        schema_id=schema_id,
        schema_field=schema_field,
        content_type=content_type,
        mappings=[read_mapping(i, one) for i, one in enumerate(raw)],
        name=_optional_str(doc, "name"),
        description=_optional_str(doc, "description"),
        input_schema=doc.get("inputSchema") if isinstance(doc.get("inputSchema"), dict) else None,
        xdm_version=str(doc.get("xdmVersion") or "1.0"),
        allow_null_values=doc.get("allowNullValues") is True,
        strict_mapping=doc.get("strictMapping") is True,
        tags=doc["tags"] if isinstance(doc.get("tags"), list) else None,
    )


def read_mapping(index: int, raw: Any) -> MappingSpec:
    if not isinstance(raw, dict):
        raise InvalidField(f"mappings[{index}]", "each mapping is a JSON object")
    source_type = raw.get("sourceType")
    kind = KINDS.get(str(source_type).lower()) if source_type is not None else "ATTRIBUTE"
    given_id = raw.get("id")
    return MappingSpec(
        index=index,
        kind=kind,
        source_type=source_type,
        source=raw["source"] if raw.get("source") is not None else raw.get("sourceAttribute"),
        destination=raw.get("destination") or raw.get("destinationXdmPath"),
        given_id=given_id if isinstance(given_id, str) else None,
        name=raw.get("name") if isinstance(raw.get("name"), str) else None,
        description=raw.get("description") if isinstance(raw.get("description"), str) else None,
        identity=raw.get("identity") is True,
        primary_identity=raw.get("primaryIdentity") is True,
        identity_group=raw.get("identityGroup"),
        namespace_code=raw.get("namespaceCode"),
    )


def source_kind(mapping: Doc) -> Kind:
    """ATTRIBUTE, STATIC or EXPRESSION for a stored (or requested) mapping."""
    return KINDS.get(str(mapping.get("sourceType", "ATTRIBUTE")).lower(), "ATTRIBUTE")


def _output_schema(doc: Doc) -> tuple[str, str, str]:
    """(field, id, contentType) of ``outputSchema.schemaRef``, ``schemaRef`` or ``xdmSchema``."""
    output = doc.get("outputSchema")
    if output is not None:
        ref = output.get("schemaRef") if isinstance(output, dict) else None
        return _ref_id("outputSchema.schemaRef", ref)
    if doc.get("schemaRef") is not None:
        return _ref_id("schemaRef", doc["schemaRef"])
    xdm_schema = doc.get("xdmSchema")
    if isinstance(xdm_schema, str) and xdm_schema.strip():
        return "xdmSchema", xdm_schema.strip(), DEFAULT_CONTENT_TYPE
    raise InvalidField(
        "outputSchema.schemaRef.id",
        "a mapping set needs its output schema (outputSchema.schemaRef.id, "
        "or xdmSchema in the legacy form)",
    )


def _ref_id(where: str, ref: Any) -> tuple[str, str, str]:
    schema_id = ref.get("id") if isinstance(ref, dict) else None
    if not isinstance(schema_id, str) or not schema_id.strip():
        raise InvalidField(f"{where}.id", "the $id of the output XDM schema is required")
    content_type = ref.get("contentType") or DEFAULT_CONTENT_TYPE
    if not isinstance(content_type, str):
        raise InvalidField(f"{where}.contentType", "must be a string")
    return f"{where}.id", schema_id.strip(), content_type


def _optional_str(doc: Doc, key: str) -> str | None:
    value = doc.get(key)
    if value is not None and not isinstance(value, str):
        raise InvalidField(key, "must be a string")
    return value
