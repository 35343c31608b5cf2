"""The language's value kinds as Polars types, and how input columns become them.

=========  ======================================  =====================================
kind       Polars type                             input columns read as it
=========  ======================================  =====================================
string     ``pl.String``                           String, Categorical, Enum
integer    ``pl.Int64``                            every integer type
number     ``pl.Float64``                          Float32/64, Decimal
boolean    ``pl.Boolean``                          Boolean
date-time  ``pl.Datetime("us", zone)``             Datetime (zone-less = UTC), Date
object     ``pl.Struct``                           Struct
array      ``pl.List``                             List, Array
map        ``pl.List(pl.Struct({key, value}))``    Map (as its entries)
null       ``pl.Null``                             Null (and every missing field)
=========  ======================================  =====================================
"""

from __future__ import annotations

from typing import TypeAlias

import polars as pl
from polars.datatypes import DataTypeClass

DType: TypeAlias = pl.DataType
AnyDType: TypeAlias = pl.DataType | DataTypeClass
"""What Polars hands out for nested types (``List.inner``, struct fields): maybe a class."""

STRING = pl.String()
INTEGER = pl.Int64()
NUMBER = pl.Float64()
BOOLEAN = pl.Boolean()
NULL = pl.Null()
DATE_TIME = pl.Datetime("us", "UTC")


def is_string(dtype: AnyDType) -> bool:
    return dtype == pl.String


def is_integer(dtype: AnyDType) -> bool:
    return dtype.is_integer()


def is_number(dtype: AnyDType) -> bool:
    """Integers and floating-point numbers."""
    return dtype.is_integer() or dtype.is_float() or dtype.is_decimal()


def is_boolean(dtype: AnyDType) -> bool:
    return dtype == pl.Boolean


def is_null(dtype: AnyDType) -> bool:
    return dtype == pl.Null


def is_date_time(dtype: AnyDType) -> bool:
    return isinstance(dtype, pl.Datetime)


def is_object(dtype: AnyDType) -> bool:
    return isinstance(dtype, pl.Struct)


def is_array(dtype: AnyDType) -> bool:
    return isinstance(dtype, pl.List)


def is_map(dtype: AnyDType) -> bool:
    """A list of ``{key, value}`` objects: the language's map."""
    if not isinstance(dtype, pl.List) or not isinstance(dtype.inner, pl.Struct):
        return False
    return [f.name for f in dtype.inner.fields] == ["key", "value"]


def is_scalar(dtype: AnyDType) -> bool:
    return not isinstance(dtype, pl.Struct | pl.List | pl.Array)


def kind_name(dtype: AnyDType) -> str:
    """The kind of a type, as messages say it (``string``, ``integer``, ``object``...)."""
    if is_null(dtype):
        return "null"
    if is_string(dtype):
        return "string"
    if is_integer(dtype):
        return "integer"
    if is_number(dtype):
        return "number"
    if is_boolean(dtype):
        return "boolean"
    if is_date_time(dtype) or dtype == pl.Date:
        return "date-time"
    if is_map(dtype):
        return "map"
    if is_object(dtype):
        return "object"
    if is_array(dtype):
        return "array"
    return str(dtype).lower()


def instance(dtype: AnyDType) -> DType:
    """A Polars type as an instance (``pl.String`` → ``pl.String()``)."""
    return dtype() if isinstance(dtype, type) else dtype


def normalize(expr: pl.Expr, dtype: AnyDType) -> tuple[pl.Expr, DType]:
    """An input column as the language's kinds (see the module's table; nested types kept)."""
    if isinstance(dtype, pl.Categorical | pl.Enum):
        return expr.cast(pl.String), STRING
    if dtype.is_integer() and dtype != pl.Int64:
        return expr.cast(pl.Int64, strict=False), INTEGER
    if (dtype.is_float() or dtype.is_decimal()) and dtype != pl.Float64:
        return expr.cast(pl.Float64), NUMBER
    if dtype == pl.Date:
        return expr.cast(pl.Datetime("us")).dt.replace_time_zone("UTC"), DATE_TIME
    if isinstance(dtype, pl.Datetime):
        zone = dtype.time_zone or "UTC"
        zoned = expr if dtype.time_zone else expr.dt.replace_time_zone("UTC")
        return zoned.cast(pl.Datetime("us", zone)), pl.Datetime("us", zone)
    if isinstance(dtype, pl.Array):
        return expr.arr.to_list(), pl.List(dtype.inner)
    if isinstance(dtype, pl.Map):
        entries = pl.List(pl.Struct({"key": dtype.key, "value": dtype.value}))
        return expr.map.entries(), entries
    return expr, instance(dtype)
