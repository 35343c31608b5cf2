"""JSON → Arrow record batches: JSON Lines, pretty-printed objects and top-level arrays.

The layout is detected from the first non-space byte when ``multiline`` is ``None``: ``[`` is an
array of objects; ``{`` is JSON Lines when the first line ends with ``}``, otherwise a sequence
of pretty-printed objects. Multi-line documents are rewritten to JSON Lines on the fly
(:mod:`~headwater.formats.json_normalize`), so arrays of any size stream in bounded memory.

Blocks of about :data:`BLOCK_SIZE` bytes of whole lines are parsed by pyarrow. Nested objects
become structs and arrays lists. Types are kept stable across blocks: a column's type from
earlier blocks is imposed on later ones; a block that disagrees is re-read with free inference,
and if pyarrow still rejects it, by :mod:`~headwater.formats.json_fallback` (whose rules turn
columns of mixed kinds into JSON text). A column that changed type is then inferred per block,
so its type may differ between batches of one file. pyarrow infers timestamps from ISO-looking
strings; those columns are read again as strings, so JSON strings always stay strings.
Numbers beyond int64 become float64.
"""

from __future__ import annotations

import itertools
from collections.abc import Iterable, Iterator
from typing import BinaryIO, Literal

import pyarrow as pa  # type: ignore[import-untyped]
import pyarrow.json as pajson  # type: ignore[import-untyped]

from headwater.formats._streams import iter_chunks
from headwater.formats.json_fallback import fallback_table
from headwater.formats.json_normalize import to_json_lines
from headwater.formats.options import JsonOptions
from headwater.formats.rows import BadRowHandler, row_numbers, unique_names, with_row_numbers

BLOCK_SIZE = 1 << 22
"""Bytes of whole lines handed to pyarrow at a time."""

_PEEK = 1 << 20
_BOM = b"\xef\xbb\xbf"
_SPACE = b" \t\r\n"

Layout = Literal["empty", "lines", "objects", "array"]


def _peek(chunks: Iterator[bytes]) -> tuple[bytes, Iterator[bytes]]:
    """Read ahead until the first line after the first non-space byte is complete (or 1 MiB)."""
    head = b""
    for chunk in chunks:
        head += chunk
        body = head.lstrip(_SPACE)
        if (body and b"\n" in body) or len(head) >= _PEEK:
            break
    if head.startswith(_BOM):
        head = head[len(_BOM) :]
    return head, itertools.chain([head], chunks)


def _layout(head: bytes, multiline: bool | None) -> Layout:
    body = head.lstrip(_SPACE)
    if not body:
        return "empty"
    if body[:1] == b"[":
        return "array"
    if multiline is not None:
        return "objects" if multiline else "lines"
    end = body.find(b"\n")
    first_line = body if end < 0 else body[:end]
    complete = end >= 0 or len(head) < _PEEK
    return "lines" if complete and first_line.rstrip().endswith(b"}") else "objects"


def line_blocks(chunks: Iterable[bytes], size: int) -> Iterator[bytes]:
    """Regroup chunks into blocks of whole lines of about ``size`` bytes (longer lines whole)."""
    buffer = bytearray()
    for chunk in chunks:
        buffer += chunk
        start = 0
        while len(buffer) - start >= size:
            cut = buffer.rfind(b"\n", start, start + size)
            if cut < 0:
                cut = buffer.find(b"\n", start + size)
            if cut < 0:
                break
            yield bytes(buffer[start : cut + 1])
            start = cut + 1
        del buffer[:start]
    if buffer.strip():
        yield bytes(buffer)


def _is_temporal(type_: pa.DataType) -> bool:
    return bool(pa.types.is_timestamp(type_) or pa.types.is_date(type_) or pa.types.is_time(type_))


def _has_null(type_: pa.DataType) -> bool:
    if pa.types.is_null(type_):
        return True
    return any(_has_null(type_.field(i).type) for i in range(type_.num_fields))


def _strings_for_temporal(type_: pa.DataType) -> pa.DataType:
    if _is_temporal(type_):
        return pa.string()
    if pa.types.is_struct(type_):
        return pa.struct([f.with_type(_strings_for_temporal(f.type)) for f in type_])
    if pa.types.is_list(type_) or pa.types.is_large_list(type_):
        return pa.list_(_strings_for_temporal(type_.value_type))
    return type_


def _read_arrow(block: bytes, schema: pa.Schema | None) -> pa.Table:
    parse = pajson.ParseOptions(explicit_schema=schema, unexpected_field_behavior="infer")
    read = pajson.ReadOptions(use_threads=False, block_size=len(block) + 1)
    table = pajson.read_json(pa.BufferReader(block), read_options=read, parse_options=parse)
    fixed = pa.schema([f.with_type(_strings_for_temporal(f.type)) for f in table.schema])
    if not fixed.equals(table.schema):
        parse = pajson.ParseOptions(explicit_schema=fixed)
        table = pajson.read_json(pa.BufferReader(block), read_options=read, parse_options=parse)
    table.validate(full=True)  # pyarrow's JSON reader does not check that strings are UTF-8
    return table


class _Blocks:
    """Reads blocks with pyarrow, keeping column types stable across blocks where possible."""

    def __init__(self, source: str) -> None:
        self._source = source
        self._known: dict[str, pa.Field] = {}
        self._unstable: set[str] = set()

    def read(self, block: bytes, *, first_row: int) -> pa.Table:
        explicit = pa.schema(list(self._known.values())) if self._known else None
        for schema in (explicit, None) if explicit is not None else (None,):
            try:
                table = _read_arrow(block, schema)
            except (pa.ArrowInvalid, pa.ArrowTypeError, UnicodeError):
                continue
            self._learn(table.schema, grew=schema is not None)
            return table
        hints = {name: field.type for name, field in self._known.items()}
        table = fallback_table(block, source=self._source, first_row=first_row, hints=hints)
        self._learn(table.schema, grew=False)
        return table

    def _learn(self, schema: pa.Schema, *, grew: bool) -> None:
        for field in schema:
            known = self._known.get(field.name)
            if field.name in self._unstable or _has_null(field.type):
                continue
            if known is not None and not known.type.equals(field.type) and not grew:
                self._unstable.add(field.name)
                del self._known[field.name]
            else:
                self._known[field.name] = field


def read_json(
    stream: BinaryIO,
    options: JsonOptions,
    *,
    source: str,
    batch_rows: int,
    on_bad_row: BadRowHandler | None = None,
) -> Iterator[pa.RecordBatch]:
    """Read JSON records as record batches plus ``_hw_row`` (the 1-based record number).

    Args:
        stream: The decoded bytes of one file or archive member.
        options: ``multiline`` layout, or ``None`` to detect it.
        source: The name used in errors.
        batch_rows: The maximum number of rows per batch.
        on_bad_row: Unused: a JSON record that cannot be parsed fails the file.

    Raises:
        CorruptFile: for invalid JSON or UTF-8, a record that is not an object, or a document
            that ends early.
    """
    del on_bad_row
    head, chunks = _peek(iter_chunks(stream))
    layout = _layout(head, options.multiline)
    if layout == "empty":
        return
    if layout != "lines":
        chunks = to_json_lines(chunks, array=layout == "array", source=source)
    blocks = _Blocks(source)
    start = 1
    for block in line_blocks(chunks, BLOCK_SIZE):
        table = blocks.read(block, first_row=start)
        names = unique_names(table.column_names)
        for batch in table.to_batches(max_chunksize=batch_rows):
            yield with_row_numbers(batch, row_numbers(start, batch.num_rows), names)
            start += batch.num_rows
