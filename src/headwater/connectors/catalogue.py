"""The ``/connectionSpecs`` JSON (``ConnectionSpecItemDTO``), generated from the spec models."""

from __future__ import annotations

import copy
from functools import cache
from typing import Any

from pydantic import BaseModel

from headwater.connectors.registry import all_specs
from headwater.connectors.spec import ConnectorSpec

DRAFT_07 = "http://json-schema.org/draft-07/schema#"

_CATEGORY_LABELS = {
    "CloudStorage": "Cloud Storage",
    "Streaming": "Streaming",
    "Database": "Database",
}
_KEY_ORDER = ("type", "description", "format", "enum", "default")
_UI_CATEGORY = {"CloudStorage": "cloudStorage", "Streaming": "streaming", "Database": "database"}


def model_schema(model: type[BaseModel]) -> dict[str, Any]:
    """A model's JSON schema as a plain draft-07 object schema (no titles, no null branches)."""
    raw = model.model_json_schema(by_alias=True, mode="validation")
    properties = {name: _clean_property(prop) for name, prop in raw["properties"].items()}
    schema: dict[str, Any] = {"$schema": DRAFT_07, "type": "object"}
    if raw.get("description"):
        schema["description"] = raw["description"]
    schema["properties"] = properties
    if raw.get("required"):
        schema["required"] = list(raw["required"])
    if raw.get("additionalProperties") is False:
        schema["additionalProperties"] = False
    return schema


def _clean_property(prop: dict[str, Any]) -> dict[str, Any]:
    cleaned = {key: value for key, value in prop.items() if key != "title"}
    branches = cleaned.pop("anyOf", None)
    if branches is not None:
        non_null = [branch for branch in branches if branch.get("type") != "null"]
        if len(non_null) == 1:
            cleaned = {**non_null[0], **cleaned}
        else:
            cleaned["anyOf"] = non_null
    if cleaned.get("default", 0) is None:
        del cleaned["default"]
    first = {key: cleaned[key] for key in _KEY_ORDER if key in cleaned}
    return first | {key: value for key, value in cleaned.items() if key not in first}


def _permissions(name: str) -> dict[str, Any]:
    return {
        "view": [{"@type": "lowLevel", "name": name, "permissions": ["read"]}],
        "manage": [{"@type": "lowLevel", "name": name, "permissions": ["write"]}],
    }


def _ui_attributes(spec: ConnectorSpec, *, role: str) -> dict[str, Any]:
    key = spec.icon or spec.name
    return {
        role: True,
        "category": {"key": _UI_CATEGORY[spec.category]},
        "icon": {"key": key},
        "description": {"key": f"{key}Description"},
        "label": {"key": f"{key}Label"},
    }


def _auth_specs(spec: ConnectorSpec) -> list[dict[str, Any]]:
    return [
        {"name": auth.name, "type": auth.type, "spec": model_schema(auth.model)}
        for auth in spec.auth_specs
    ]


def _attributes(spec: ConnectorSpec) -> dict[str, Any]:
    attributes: dict[str, Any] = {
        "category": _CATEGORY_LABELS[spec.category],
        "connectorName": spec.label,
        "isSource": spec.is_source,
    }
    if spec.is_target:
        attributes["isTarget"] = True
    attributes["uiAttributes"] = {"apiFeatures": {"explorePaginationSupported": False}}
    return attributes


def connection_spec_item(spec: ConnectorSpec) -> dict[str, Any]:
    """One ``ConnectionSpecItemDTO``: the JSON that ``GET /connectionSpecs/{id}`` serves.

    Args:
        spec: A spec of the catalogue.

    Returns:
        A fresh dict, safe for the caller to modify.
    """
    return copy.deepcopy(_item(spec))


@cache
def _item(spec: ConnectorSpec) -> dict[str, Any]:
    item: dict[str, Any] = {
        "id": spec.id,
        "name": spec.name,
        "providerId": spec.provider_id,
        "version": "1.0",
        "type": spec.category,
        "attributes": _attributes(spec),
        "authSpec": _auth_specs(spec),
    }
    if spec.source_params is not None:
        item["sourceSpec"] = {
            "name": spec.category,
            "type": spec.category,
            "spec": model_schema(spec.source_params),
            "attributes": {"uiAttributes": _ui_attributes(spec, role="isSource")},
        }
    if spec.target_params is not None:
        item["targetSpec"] = {
            "name": spec.category,
            "type": spec.category,
            "spec": model_schema(spec.target_params),
            "attributes": {"uiAttributes": _ui_attributes(spec, role="isTarget")},
        }
    if spec.is_file_source:
        item["exploreSpec"] = copy.deepcopy(FILE_SYSTEM_EXPLORE_SPEC)
    source_kind = "StreamingSource" if spec.is_streaming else "EnterpriseSource"
    item["permissionsInfo"] = _permissions(source_kind)
    return item


def connection_specs() -> list[dict[str, Any]]:
    """Every ``/connectionSpecs`` item of the catalogue, sorted by spec name."""
    return [connection_spec_item(spec) for spec in sorted(all_specs(), key=lambda s: s.name)]


def _listing_schema(description: str) -> dict[str, Any]:
    flag = {"type": "boolean", "default": False}
    return {
        "$schema": DRAFT_07,
        "type": "array",
        "description": description,
        "items": {
            "type": "object",
            "properties": {
                "type": {"type": "string", "enum": ["file", "folder"]},
                "name": {"type": "string"},
                "path": {"type": "string"},
                "canPreview": flag,
                "canFetchSchema": flag,
            },
        },
    }


_FILE_SCHEMA: dict[str, Any] = {
    "$schema": DRAFT_07,
    "type": "object",
    "properties": {
        "format": {"type": "string"},
        "schema": {
            "type": "object",
            "properties": {
                "columns": {
                    "type": "array",
                    "items": {
                        "type": "object",
                        "properties": {"name": {"type": "string"}, "type": {"type": "string"}},
                    },
                }
            },
        },
        "data": {"type": "array", "items": {"type": "object"}},
    },
}

FILE_SYSTEM_EXPLORE_SPEC: dict[str, Any] = {
    "name": "FileSystem",
    "type": "FileSystem",
    "requestSpec": {
        "$schema": DRAFT_07,
        "type": "object",
        "description": "defines explorable objects",
        "properties": {
            "objectType": {"type": "string", "enum": ["root", "folder", "file"]},
            "object": {"type": "string", "description": "path of the folder or file"},
            "fileType": {"type": "string", "enum": ["delimited", "json", "parquet"]},
            "preview": {"type": "boolean"},
        },
        "required": ["objectType"],
    },
    "responseSpec": {
        "root": _listing_schema("lists the folders and files at the root"),
        "folder": _listing_schema("lists the folders and files of a folder"),
        "file": {fmt: copy.deepcopy(_FILE_SCHEMA) for fmt in ("delimited", "json", "parquet")},
    },
}
