"""How a preview shows a file: columns with their XDM types, and rows as JSON values."""

from __future__ import annotations

import base64
from datetime import date, datetime, time
from decimal import Decimal
from typing import Any

import pyarrow as pa  # type: ignore[import-untyped]

from headwater.formats import ROW_COLUMN


def preview_columns(schema: pa.Schema) -> list[dict[str, Any]]:
    """``[{name, type, xdm: {type[, format]}}]`` of a file's columns (``_hw_row`` left out)."""
    return [_column(field) for field in schema if field.name != ROW_COLUMN]


def preview_rows(batch: pa.RecordBatch) -> list[dict[str, Any]]:
    """The rows of ``batch`` as JSON-ready objects (``_hw_row`` left out)."""
    names = [name for name in batch.schema.names if name != ROW_COLUMN]
    return [{k: _plain(v) for k, v in row.items()} for row in batch.select(names).to_pylist()]


def _plain(value: Any) -> Any:
    """A JSON-ready value: nested lists and objects kept, other scalars as text."""
    if isinstance(value, dict):
        return {str(k): _plain(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_plain(v) for v in value]
    if isinstance(value, datetime | date | time):
        return value.isoformat()
    if isinstance(value, bytes):
        return base64.b64encode(value).decode("ascii")
    if isinstance(value, Decimal):
        return str(value)
    return value


def _column(field: pa.Field) -> dict[str, Any]:
    xdm = _xdm_type(field.type)
    return {"name": field.name, "type": xdm["type"], "xdm": xdm}


def _xdm_type(kind: pa.DataType) -> dict[str, str]:
    types = pa.types
    if types.is_boolean(kind):
        return {"type": "boolean"}
    if types.is_integer(kind):
        return {"type": "integer"}
    if types.is_floating(kind) or types.is_decimal(kind):
        return {"type": "number"}
    if types.is_struct(kind) or types.is_map(kind):
        return {"type": "object"}
    if types.is_list(kind) or types.is_large_list(kind):
        return {"type": "array"}
    if types.is_timestamp(kind):
        return {"type": "string", "format": "date-time"}
    if types.is_date(kind):
        return {"type": "string", "format": "date"}
    return {"type": "string"}
