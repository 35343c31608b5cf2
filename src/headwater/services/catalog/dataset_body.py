"""The fields of a dataset: which ones clients write, how they are checked, what Catalog adds."""

from __future__ import annotations

import re
from typing import Any

from headwater.errors import InvalidField
from headwater.store import Scope

Doc = dict[str, Any]

# Fields a client sets on create, PUT and PATCH; everything else in a dataset is Catalog's.
EDITABLE = (
    "name",
    "description",
    "tags",
    "enableErrorDiagnostics",
    "fileDescription",
    "observableSchema",
    "dataSourceId",
)
FILE_FORMATS = {"", "csv", "text", "parquet", "json", "sequencefile", "avro", "delta"}
CHARSETS = {"", "US-ASCII", "UTF-8", "ISO-8859-1"}
XED_MEDIA = re.compile(
    r"^application/vnd\.adobe\.xed(-full)?(-notext)?\+json\s*(;\s*version=[\d.]+)?$", re.IGNORECASE
)
DEFAULT_CONTENT_TYPE = "application/vnd.adobe.xed+json;version=1"
TABLE_TAG = "adobe/pqs/table"
FIRST_VERSION = "1.0.0"


def editable(doc: Doc) -> Doc:
    """The client-writable fields of a request or a stored dataset."""
    return {key: doc[key] for key in EDITABLE if key in doc}


def check_editable(fields: Doc) -> Doc:
    """``fields`` after checking their types; ``InvalidField`` names the first bad one."""
    name = fields.get("name")
    if not isinstance(name, str) or not name.strip():
        raise InvalidField("name", "a dataset needs a non-empty name")
    _expect(fields, "description", str, "a string")
    _expect(fields, "enableErrorDiagnostics", bool, "true or false")
    _expect(fields, "observableSchema", dict, "an object")
    _expect(fields, "dataSourceId", int, "an integer")
    _check_tags(fields.get("tags"))
    _check_file_description(fields.get("fileDescription"))
    return fields


def schema_ref(doc: Doc) -> Doc:
    """The request's ``schemaRef`` with its ``contentType`` checked (defaulted when absent)."""
    ref = doc.get("schemaRef")
    if not isinstance(ref, dict) or not isinstance(ref.get("id"), str) or not ref["id"].strip():
        raise InvalidField("schemaRef.id", "a dataset needs the $id of its XDM schema")
    content_type = ref.get("contentType") or DEFAULT_CONTENT_TYPE
    if not isinstance(content_type, str) or not XED_MEDIA.match(content_type.strip()):
        raise InvalidField(
            "schemaRef.contentType",
            f"{content_type!r} is not an XDM media type "
            "(application/vnd.adobe.xed[-full][-notext]+json;version=1)",
        )
    return {"id": ref["id"].strip(), "contentType": content_type}


def with_table_tag(tags: Doc | None, table: str) -> Doc:
    """Tags with the query-service table name Catalog assigns (clients such as aepp read it)."""
    out = dict(tags or {})
    out.setdefault(TABLE_TAG, [table])
    return out


def table_name(name: str) -> str:
    table = re.sub(r"[^a-z0-9]+", "_", name.lower()).strip("_")
    return table or "dataset"


def new_dataset(
    dataset_id: str, fields: Doc, ref: Doc, scope: Scope, *, now: int, view_id: str, behavior: str
) -> Doc:
    """The stored (and returned) document of a new dataset; ``behavior`` is its schema's."""
    user = f"{scope.client_id}@AdobeID"
    return {
        **fields,
        "tags": with_table_tag(fields.get("tags"), table_name(fields["name"])),
        "schemaRef": ref,
        "imsOrg": scope.org_id,
        "sandboxId": scope.sandbox_id,
        "created": now,
        "updated": now,
        "createdClient": scope.client_id,
        "createdUser": user,
        "updatedUser": user,
        "version": FIRST_VERSION,
        "viewId": view_id,
        "files": f"@/dataSetFiles?dataSetId={dataset_id}",
        "state": "DRAFT",
        "observableSchema": fields.get("observableSchema", {}),
        "classification": {"dataBehavior": behavior, "managedBy": "CUSTOMER"},
    }


def revised(stored: Doc, fields: Doc, scope: Scope, *, now: int) -> Doc:
    """``stored`` with its editable fields replaced by ``fields`` and the audit fields moved on."""
    system = {key: value for key, value in stored.items() if key not in EDITABLE}
    table = (stored.get("tags") or {}).get(TABLE_TAG, [table_name(fields["name"])])[0]
    return {
        **fields,
        "tags": with_table_tag(fields.get("tags"), table),
        **system,
        "observableSchema": fields.get("observableSchema", {}),
        "updated": now,
        "updatedUser": f"{scope.client_id}@AdobeID",
        "version": next_version(str(stored.get("version", FIRST_VERSION))),
    }


def next_version(version: str) -> str:
    """``1.0.3`` → ``1.0.4`` (Catalog bumps the patch number on every change)."""
    parts = version.split(".")
    if len(parts) == 3 and all(part.isdigit() for part in parts):
        return f"{parts[0]}.{parts[1]}.{int(parts[2]) + 1}"
    return FIRST_VERSION


def _expect(fields: Doc, key: str, kind: type, words: str) -> None:
    value = fields.get(key)
    bad_bool = kind is int and isinstance(value, bool)
    if key in fields and value is not None and (not isinstance(value, kind) or bad_bool):
        raise InvalidField(key, f"must be {words}")


def _check_tags(tags: Any) -> None:
    if tags is None:
        return
    if not isinstance(tags, dict):
        raise InvalidField("tags", "must be an object of tag name to an array of strings")
    for key, values in tags.items():
        if not isinstance(values, list) or not all(isinstance(v, str) for v in values):
            raise InvalidField(f"tags.{key}", "must be an array of strings")


def _check_file_description(description: Any) -> None:
    if description is None:
        return
    if not isinstance(description, dict):
        raise InvalidField("fileDescription", "must be an object")
    if description.get("format", "") not in FILE_FORMATS:
        raise InvalidField(
            "fileDescription.format",
            f"must be one of {', '.join(sorted(f for f in FILE_FORMATS if f))}",
        )
    if description.get("charset", "") not in CHARSETS:
        raise InvalidField(
            "fileDescription.charset",
            f"must be one of {', '.join(sorted(c for c in CHARSETS if c))}",
        )
