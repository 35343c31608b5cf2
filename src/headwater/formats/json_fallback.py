"""The slow path for a JSON block pyarrow rejects: parse with :mod:`json`, unify per column.

It runs only for blocks whose values disagree in type (e.g. ``"a": 1`` then ``"a": "x"``), or
that are not valid JSON (then it finds the record and raises :class:`CorruptFile`). Rules:

* a column whose non-null values are all of one JSON kind, or all numbers, keeps that type
  (integers mixed with floats become float64; nested objects become structs, arrays lists);
* a column mixing kinds (``1`` and ``"x"``, ``{}`` and ``[]``…), or whose nested values cannot be
  unified, becomes ``string``: strings as they are, other values as compact JSON text
  (``true``, ``1.5``, ``{"b":1}``), nulls stay null.
"""

from __future__ import annotations

import json
from collections.abc import Iterator, Mapping
from typing import Any

import pyarrow as pa  # type: ignore[import-untyped]

from headwater.formats.errors import CorruptFile

_DECODER = json.JSONDecoder()
_WHITESPACE = " \t\r\n"
_ARROW_ERRORS = (pa.ArrowInvalid, pa.ArrowTypeError, pa.ArrowNotImplementedError, OverflowError)


def _values(line: str) -> Iterator[Any]:
    position = 0
    while True:
        while position < len(line) and line[position] in _WHITESPACE:
            position += 1
        if position == len(line):
            return
        value, position = _DECODER.raw_decode(line, position)
        yield value


def parse_records(block: bytes, *, source: str, first_row: int) -> list[dict[str, Any]]:
    """Parse the JSON objects of a block of lines (several objects on one line are allowed).

    Raises:
        CorruptFile: for invalid UTF-8, invalid JSON or a value that is not an object, naming
            the 1-based record number.
    """
    records: list[dict[str, Any]] = []
    for raw in block.splitlines():
        row = first_row + len(records)
        try:
            line = raw.decode("utf-8")
            values = list(_values(line))
        except UnicodeDecodeError as exc:
            raise CorruptFile(source, f"text is not valid UTF-8: {exc.reason}", row=row) from exc
        except json.JSONDecodeError as exc:
            raise CorruptFile(source, f"invalid JSON: {exc.msg}", row=row) from exc
        for value in values:
            if not isinstance(value, dict):
                row = first_row + len(records)
                raise CorruptFile(source, "a JSON record must be an object", row=row)
            records.append(value)
    return records


def _kind(value: Any) -> str:
    if isinstance(value, bool):
        return "bool"
    if isinstance(value, int | float):
        return "number"
    return type(value).__name__


def _as_text(values: list[Any]) -> pa.Array:
    texts = [
        value
        if value is None or isinstance(value, str)
        else json.dumps(value, separators=(",", ":"), ensure_ascii=False)
        for value in values
    ]
    return pa.array(texts, type=pa.string())


def _column(values: list[Any], hint: pa.DataType | None) -> pa.Array:
    kinds = {_kind(value) for value in values if value is not None}
    if len(kinds) > 1:
        return _as_text(values)
    for type_ in (hint, None) if hint is not None else (None,):
        try:
            return pa.array(values, type=type_)
        except _ARROW_ERRORS:
            continue
    return _as_text(values)


def fallback_table(
    block: bytes, *, source: str, first_row: int, hints: Mapping[str, pa.DataType]
) -> pa.Table:
    """Read a block of JSON Lines with the stdlib parser and the unification rules above.

    Args:
        block: Whole lines of JSON.
        source: The name used in errors.
        first_row: The record number of the block's first record.
        hints: Types seen for columns in earlier blocks, used when the values fit them.
    """
    records = parse_records(block, source=source, first_row=first_row)
    names = list(dict.fromkeys(name for record in records for name in record))
    columns = [_column([record.get(name) for record in records], hints.get(name)) for name in names]
    if not names:
        return pa.Table.from_struct_array(pa.array([{}] * len(records), type=pa.struct([])))
    return pa.Table.from_arrays(columns, names=names)
