"""Arrow types of XDM fields as Polars sees them, and their XDM names for messages."""

from __future__ import annotations

from functools import cache
from typing import TypeAlias

import polars as pl
import pyarrow as pa  # type: ignore[import-untyped]
from polars.datatypes import DataTypeClass

PolarsType: TypeAlias = pl.DataType | DataTypeClass
"""A Polars data type, as an instance or (for types without parameters) as the class."""

TIMESTAMP = pa.timestamp("us", tz="UTC")
POLARS_TIMESTAMP = pl.Datetime("us", "UTC")
# Value ranges of the XDM integer types (field-constraints table; long is JSON's safe range).
INTEGER_RANGES: dict[pa.DataType, tuple[str, int, int]] = {
    pa.int8(): ("byte", -128, 127),
    pa.int16(): ("short", -32768, 32767),
    pa.int32(): ("int", -2147483648, 2147483647),
    pa.int64(): ("long", -9007199254740991, 9007199254740991),
}
_NAMES: dict[pa.DataType, str] = {
    pa.string(): "string",
    pa.float64(): "number",
    pa.bool_(): "boolean",
    pa.date32(): "date",
    TIMESTAMP: "date-time",
}


def xdm_name(kind: pa.DataType) -> str:
    """The XDM type an Arrow type stands for (``short`` for int16, ``object`` for a struct)."""
    if kind in INTEGER_RANGES:
        return INTEGER_RANGES[kind][0]
    if pa.types.is_struct(kind):
        return "object"
    if pa.types.is_list(kind) or pa.types.is_large_list(kind):
        return "array"
    if pa.types.is_map(kind):
        return "map"
    return _NAMES.get(kind, str(kind))


@cache
def polars_type(kind: pa.DataType) -> pl.DataType:
    """The Polars data type of an Arrow type (as ``pl.from_arrow`` would read it)."""
    return pl.Series(pa.array([], type=kind)).dtype


def is_scalar(kind: pa.DataType) -> bool:
    """Whether an Arrow type is neither an object, an array nor a map."""
    return not (pa.types.is_nested(kind))


def list_of(kind: pa.DataType, depth: int) -> pa.DataType:
    """``kind`` wrapped in ``depth`` lists (element fields named ``element``, as the schema)."""
    for _ in range(depth):
        kind = pa.list_(pa.field("element", kind))
    return kind


def describe(dtype: PolarsType) -> str:
    """A short, user-facing name of a Polars data type."""
    if isinstance(dtype, pl.Struct):
        return "object"
    if isinstance(dtype, pl.List | pl.Array):
        return "array"
    if dtype == pl.String:
        return "string"
    if dtype == pl.Boolean:
        return "boolean"
    return str(dtype).lower()
