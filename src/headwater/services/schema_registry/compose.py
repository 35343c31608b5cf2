"""Turning a request body into the stored tenant resource the registry returns (reference §3.5)."""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from typing import Any

from headwater.errors import InvalidField
from headwater.store import Scope
from headwater.xdm import Lookup, class_of, extends_of, resolve, validate_tenant_resource

# Members the registry computes; a client's values for them (echoed back by SDKs) are ignored.
SERVER_KEYS = frozenset(
    {
        "$id",
        "meta:altId",
        "meta:resourceType",
        "version",
        "meta:containerId",
        "meta:tenantNamespace",
        "imsOrg",
        "meta:sandboxId",
        "meta:sandboxType",
        "meta:registryMetadata",
        "refs",
        "meta:extends",
        "meta:class",
        "meta:abstract",
        "meta:extensible",
        "meta:xdmType",
        "meta:usageCount",
    }
)
HEAD_KEYS = ("title", "type", "description")
GLOBAL_LIB_VERSION = "1.13.3"


@dataclass(frozen=True)
class Writer:
    """Who writes a resource, where, and what they can reference."""

    scope: Scope
    sandbox_type: str
    lookup: Lookup
    now: int


def compose(
    kind: str,
    payload: Any,
    writer: Writer,
    *,
    ids: tuple[str, str],
    previous: dict[str, Any] | None = None,
) -> dict[str, Any]:
    """The full stored resource for ``payload`` (a create, or a replacement of ``previous``).

    Raises:
        InvalidField / BadRequest: the body breaks a registry rule or references an unknown
            resource.
    """
    content = _content(kind, payload)
    validate_tenant_resource(content, kind, lookup=writer.lookup, tenant_id=writer.scope.tenant_id)
    resolve(content, writer.lookup)  # every $ref, however deep, must resolve
    content["allOf"] = _normalised_all_of(content.get("allOf") or [])
    if not content["allOf"] and kind != "schemas":
        del content["allOf"]
    doc = _head(kind, content, ids, previous)
    doc.update(_derived(kind, content, writer))
    doc.update(_placement(writer))
    if previous is not None:
        _check_evolution(kind, previous, doc)
    doc["meta:registryMetadata"] = _metadata(doc, writer, previous)
    return doc


def _content(kind: str, payload: Any) -> dict[str, Any]:
    if not isinstance(payload, dict):
        raise InvalidField("body", "must be a JSON object")
    content = {k: v for k, v in payload.items() if k not in SERVER_KEYS}
    if kind != "datatypes":
        content.setdefault("type", "object")  # SDKs often leave it out for schemas
    return content


def _normalised_all_of(parts: list[Any]) -> list[Any]:
    """Each ``$ref`` once, echoed as ``{$ref, type, meta:xdmType}`` (seed 003 lists one twice)."""
    out: list[Any] = []
    seen: set[str] = set()
    for part in parts:
        ref = part.get("$ref") if isinstance(part, dict) else None
        if isinstance(ref, str):
            if ref in seen:
                continue
            seen.add(ref)
            part = {
                "$ref": ref,
                "type": "object",
                "meta:xdmType": "object",
                **{k: v for k, v in part.items() if k != "$ref"},
            }
        out.append(part)
    return out


def _head(
    kind: str, content: dict[str, Any], ids: tuple[str, str], previous: dict[str, Any] | None
) -> dict[str, Any]:
    doc: dict[str, Any] = {
        "$id": ids[0],
        "meta:altId": ids[1],
        "meta:resourceType": kind,
        "version": _next_version(previous),
    }
    doc.update({k: content[k] for k in HEAD_KEYS if k in content})
    doc.update({k: v for k, v in content.items() if k not in HEAD_KEYS and k != "allOf"})
    if "allOf" in content:
        doc["allOf"] = content["allOf"]
    return doc


def _next_version(previous: dict[str, Any] | None) -> str:
    if previous is None:
        return "1.0"
    major, _, minor = str(previous.get("version", "1.0")).partition(".")
    return f"{major or 1}.{int(minor or 0) + 1}"


def _derived(kind: str, content: dict[str, Any], writer: Writer) -> dict[str, Any]:
    is_schema = kind == "schemas"
    out: dict[str, Any] = {
        "refs": _all_refs(content),
        "imsOrg": writer.scope.org_id,
        "meta:extensible": not is_schema,
        "meta:abstract": not is_schema,
        "meta:extends": extends_of(content, writer.lookup),
        "meta:xdmType": "array" if content.get("type") == "array" else "object",
    }
    if is_schema:
        out["meta:class"] = class_of(content, writer.lookup)
    return out


def _placement(writer: Writer) -> dict[str, Any]:
    return {
        "meta:containerId": "tenant",
        "meta:sandboxId": writer.scope.sandbox_id,
        "meta:sandboxType": writer.sandbox_type,
        "meta:tenantNamespace": f"_{writer.scope.tenant_id}",
    }


def _all_refs(node: Any) -> list[str]:
    """Every resource a document references (``$ref`` anywhere, local ones left out), once."""
    found: list[str] = []
    stack = [node]
    while stack:
        item = stack.pop(0)
        if isinstance(item, list):
            stack.extend(item)
        elif isinstance(item, dict):
            ref = item.get("$ref")
            if isinstance(ref, str) and not ref.startswith("#"):
                target = ref.partition("#")[0]
                if target not in found:
                    found.append(target)
            stack.extend(v for k, v in item.items() if k != "$ref")
    return found


def _check_evolution(kind: str, previous: dict[str, Any], doc: dict[str, Any]) -> None:
    if kind == "schemas" and previous.get("meta:class") != doc.get("meta:class"):
        raise InvalidField("allOf", "the class of an existing schema cannot be changed")
    kept = set(doc.get("meta:immutableTags") or [])
    lost = [t for t in previous.get("meta:immutableTags") or [] if t not in kept]
    if lost:
        raise InvalidField("meta:immutableTags", f"tags cannot be removed once set: {lost}")


def _metadata(
    doc: dict[str, Any], writer: Writer, previous: dict[str, Any] | None
) -> dict[str, Any]:
    before = (previous or {}).get("meta:registryMetadata") or {}
    client = writer.scope.client_id
    user = f"{client}@techacct.adobe.com"  # API clients act as technical accounts
    return {
        "repo:createdDate": before.get("repo:createdDate", writer.now),
        "repo:lastModifiedDate": writer.now,
        "xdm:createdClientId": before.get("xdm:createdClientId", client),
        "xdm:lastModifiedClientId": client,
        "xdm:createdUserId": before.get("xdm:createdUserId", user),
        "xdm:lastModifiedUserId": user,
        "eTag": content_etag(doc),
        "meta:globalLibVersion": GLOBAL_LIB_VERSION,
    }


def content_etag(doc: dict[str, Any]) -> str:
    """A 64-hex tag of a document's content (the registry's eTags are SHA-256 sized)."""
    body = {k: v for k, v in doc.items() if k != "meta:registryMetadata"}
    return hashlib.sha256(json.dumps(body, sort_keys=True).encode()).hexdigest()
