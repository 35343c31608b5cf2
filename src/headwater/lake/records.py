"""Arrow rows as JSON-ready Python values."""

from __future__ import annotations

import base64
import datetime as dt
import math
from decimal import Decimal
from typing import Any

import pyarrow as pa  # type: ignore[import-untyped]


def to_records(table: pa.Table, *, keep_nulls: bool = False) -> list[dict[str, Any]]:
    """The rows of ``table`` as nested dicts that ``json.dumps`` accepts.

    Structs and maps become dicts, lists stay lists, dates and timestamps become ISO-8601
    strings (UTC timestamps end in ``Z``), non-finite floats become ``None`` and binary values
    base64 text. Null struct fields and columns are left out unless ``keep_nulls``.
    """
    row_type = pa.struct(list(table.schema))
    return [_json(row, row_type, keep_nulls) for row in table.to_pylist()]


def _json(value: Any, kind: pa.DataType, keep_nulls: bool) -> Any:
    if value is None:
        return None
    if pa.types.is_struct(kind):
        out = {}
        for field in kind:
            item = _json(value.get(field.name), field.type, keep_nulls)
            if item is not None or keep_nulls:
                out[field.name] = item
        return out
    if pa.types.is_map(kind):
        return {key: _json(item, kind.item_type, keep_nulls) for key, item in value}
    if pa.types.is_list(kind) or pa.types.is_large_list(kind) or pa.types.is_fixed_size_list(kind):
        return [_json(item, kind.value_type, keep_nulls) for item in value]
    return _scalar(value)


def _scalar(value: Any) -> Any:
    if isinstance(value, dt.datetime):
        text = value.isoformat()
        return text[:-6] + "Z" if text.endswith("+00:00") else text
    if isinstance(value, dt.date | dt.time):
        return value.isoformat()
    if isinstance(value, float) and not math.isfinite(value):
        return None
    if isinstance(value, Decimal):
        return str(value)
    if isinstance(value, bytes):
        return base64.b64encode(value).decode("ascii")
    if isinstance(value, dt.timedelta):
        return value.total_seconds()
    return value
