"""Schemas and batches shared by the engine tests (imported as ``engine_cases``)."""

from __future__ import annotations

from typing import Any

import pyarrow as pa

from headwater import xdm

CTX = "https://ns.adobe.com/xdm/context/"

# A resolved schema with one field of every XDM type, arrays, a map and constraints.
RICH: dict[str, Any] = {
    "type": "object",
    "meta:xdmType": "object",
    "properties": {
        "_id": {"type": "string"},
        "flag": {"type": "boolean"},
        "tiny": {"type": "integer", "minimum": -128, "maximum": 127},
        "count": {"type": "integer", "minimum": -32768, "maximum": 32767},
        "whole": {"type": "integer"},
        "big": {"meta:xdmType": "long", "type": "integer"},
        "amount": {"type": "number"},
        "day": {"type": "string", "format": "date"},
        "at": {"type": "string", "format": "date-time"},
        "emails": {
            "type": "array",
            "items": {
                "type": "object",
                "properties": {
                    "address": {"type": "string"},
                    "kind": {"type": "string"},
                    "src": {"type": "string"},
                },
            },
        },
        "tags": {"type": "array", "items": {"type": "string"}},
        "scores": {"type": "array", "items": {"type": "integer"}},
        "identityMap": {
            "type": "object",
            "additionalProperties": {
                "type": "array",
                "items": {
                    "type": "object",
                    "properties": {"id": {"type": "string"}, "primary": {"type": "boolean"}},
                },
            },
        },
        "person": {
            "type": "object",
            "properties": {
                "name": {
                    "type": "object",
                    "properties": {"first": {"type": "string"}, "last": {"type": "string"}},
                },
                "born": {"type": "string", "format": "date"},
            },
        },
    },
}


def no_lookup(resource_id: str) -> dict[str, Any] | None:
    return None


def seed_003() -> dict[str, Any]:
    """The resolved 'Target schema cloud storage' of seed 003 (profile + person details)."""
    body = {
        "type": "object",
        "title": "Target schema cloud storage",
        "description": "Target schema for cloud storage",
        "allOf": [
            {"$ref": CTX + "profile"},
            {"$ref": CTX + "profile-person-details"},
            {"$ref": CTX + "profile-personal-details"},
            {"$ref": CTX + "profile-personal-details"},
        ],
        "meta:containerId": "tenant",
        "meta:resourceType": "schemas",
        "meta:xdmType": "object",
        "meta:class": CTX + "profile",
    }
    return xdm.resolve(body, no_lookup)


def batch(columns: dict[str, Any], first_row: int = 1) -> pa.RecordBatch:
    """A record batch of these columns (lists or Arrow arrays) plus ``_hw_row``."""
    table = pa.table(columns)
    rows = pa.array(range(first_row, first_row + table.num_rows), pa.int64())
    table = table.append_column("_hw_row", rows)
    return pa.RecordBatch.from_arrays(
        [column.combine_chunks() for column in table.columns], schema=table.schema
    )


def records(batch_or_table: pa.RecordBatch, *names: str) -> list[dict[str, Any]]:
    """The rows as dicts, limited to ``names`` (and ``_hw_row``) when given."""
    table = pa.Table.from_batches([batch_or_table])
    if names:
        table = table.select([*names, "_hw_row"])
    return table.to_pylist()


def errors(table: pa.Table) -> list[tuple[int, str, str, str]]:
    """(row, field, code, severity) of every error, sorted."""
    rows = table.to_pylist()
    return sorted((one["row"], one["field"], one["code"], one["severity"]) for one in rows)
