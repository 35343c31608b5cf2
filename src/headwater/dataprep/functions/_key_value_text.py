"""Texts of key/value pairs (``"firstName:John,lastName:Doe"``): ``str_to_object``, ``get_values``.

The keys are only known from the data, so the result is a map of texts. Delimiters are plain
text, not regular expressions, and must be constants; a null or empty one means the default
(``:`` between a key and its value, ``,`` between pairs). A key and a value are trimmed of
surrounding whitespace; a pair without the value delimiter, or with an empty key, is skipped; a
key given twice keeps its first value; an empty value stays an empty text.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import polars as pl

from headwater.dataprep.functions._hierarchy import (
    KEY,
    canonical_map,
    lookup,
    lookup_scalar,
    map_of,
)
from headwater.dataprep.functions._hierarchy_types import E, java_str
from headwater.dataprep.values import ExpressionError, Value

VALUE_DELIMITER = ":"
FIELD_DELIMITER = ","
_WHITESPACE = " \t\n\r\f\v"


def _delimiter(args: Sequence[Value], at: int, default: str, *, function: str) -> str:
    if len(args) <= at:
        return default
    if not args[at].is_constant:
        raise ExpressionError(f"{function}: delimiters must be constants")
    constant = args[at].constant
    return default if constant is None or constant == "" else java_str(constant)


def _parse(text: Value, value_delimiter: str, field_delimiter: str, *, function: str) -> Value:
    if text.dtype not in (pl.String, pl.Null):
        raise ExpressionError(f"{function}: expected a text, not {text.dtype}")
    parts = E.str.splitn(value_delimiter, 2)
    entry = pl.struct(
        key=parts.struct.field("field_0").str.strip_chars(_WHITESPACE),
        value=parts.struct.field("field_1").str.strip_chars(_WHITESPACE),
    )
    pairs = text.expr.cast(pl.String).str.split(field_delimiter).list.eval(entry)
    return Value(canonical_map(pairs.list.eval(E.filter(KEY != ""))), map_of(pl.String()))


def parse_scalar(text: str | None, value_delimiter: Any = None, field_delimiter: Any = None) -> Any:
    """The plain-Python ``str_to_object``."""
    if text is None:
        return None
    value_delimiter = java_str(value_delimiter) if value_delimiter else VALUE_DELIMITER
    field_delimiter = java_str(field_delimiter) if field_delimiter else FIELD_DELIMITER
    parsed: dict[str, str] = {}
    for field in text.split(field_delimiter):
        if value_delimiter in field:
            key, value = (part.strip(_WHITESPACE) for part in field.split(value_delimiter, 1))
            if key:
                parsed.setdefault(key, value)
    return parsed


def str_to_object(args: Sequence[Value]) -> Value:
    """``str_to_object(STRING, VALUE_DELIMITER?, FIELD_DELIMITER?)``: a map of texts."""
    value_delimiter = _delimiter(args, 1, VALUE_DELIMITER, function="str_to_object")
    field_delimiter = _delimiter(args, 2, FIELD_DELIMITER, function="str_to_object")
    return _parse(args[0], value_delimiter, field_delimiter, function="str_to_object")


def get_values(args: Sequence[Value]) -> Value:
    """``get_values(STRING, KEY, VALUE_DELIMITER, FIELD_DELIMITER?)``: the value of one key."""
    value_delimiter = _delimiter(args, 2, VALUE_DELIMITER, function="get_values")
    field_delimiter = _delimiter(args, 3, FIELD_DELIMITER, function="get_values")
    parsed = _parse(args[0], value_delimiter, field_delimiter, function="get_values")
    return lookup(parsed, args[1], function="get_values")


def get_values_scalar(
    text: str | None, key: Any, value_delimiter: Any, field_delimiter: Any = None
) -> Any:
    """The plain-Python ``get_values``."""
    return lookup_scalar(parse_scalar(text, value_delimiter, field_delimiter), key)
