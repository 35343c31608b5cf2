"""``read_batches``: one entry point, dispatching on the type of the format options."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Any, BinaryIO

import pyarrow as pa  # type: ignore[import-untyped]

from headwater.formats.compression import Member, open_members
from headwater.formats.delimited import read_delimited
from headwater.formats.json_reader import read_json
from headwater.formats.options import DelimitedOptions, FormatOptions, JsonOptions, ParquetOptions
from headwater.formats.parquet import read_parquet
from headwater.formats.rows import BadRowHandler

Reader = Callable[..., Iterator[pa.RecordBatch]]

READERS: dict[type[Any], Reader] = {
    DelimitedOptions: read_delimited,
    JsonOptions: read_json,
    ParquetOptions: read_parquet,
}
"""The reader of each options type."""

DEFAULT_BATCH_ROWS = 65_536


def read_batches(
    stream: BinaryIO,
    options: FormatOptions,
    *,
    source: str,
    batch_rows: int = DEFAULT_BATCH_ROWS,
    on_bad_row: BadRowHandler | None = None,
) -> Iterator[pa.RecordBatch]:
    """Read one decoded file (or archive member) as Arrow record batches.

    Every batch has the file's columns plus ``_hw_row``, the int64 1-based record number within
    ``source`` (delimited: data rows, header excluded). Batches hold at most ``batch_rows`` rows.

    Args:
        stream: The decoded bytes (see :func:`open_members` for compressed files).
        options: The format options; their type selects the reader.
        source: The name of the file or member, used in errors and bad rows.
        batch_rows: The maximum number of rows per batch.
        on_bad_row: Receives delimited records with the wrong number of fields, which are then
            left out; without it they raise :class:`CorruptFile`.

    Returns:
        An iterator of record batches; reading happens as it is consumed.

    Raises:
        TypeError: for options of an unknown type; ValueError for ``batch_rows < 1``.
        CorruptFile: (while iterating) when the data cannot be decoded or parsed.
    """
    reader = READERS.get(type(options))
    if reader is None:
        raise TypeError(f"no reader for options of type {type(options).__name__}")
    if batch_rows < 1:
        raise ValueError("batch_rows must be at least 1")
    return reader(stream, options, source=source, batch_rows=batch_rows, on_bad_row=on_bad_row)


def read_file(
    stream: BinaryIO,
    options: FormatOptions,
    *,
    name: str,
    codec: str | None,
    batch_rows: int = DEFAULT_BATCH_ROWS,
    on_bad_row: BadRowHandler | None = None,
) -> Iterator[tuple[Member, pa.RecordBatch]]:
    """Read a stored file, decompressing it: the composition ``format ∘ codec``.

    Args:
        stream: The stored bytes.
        options: The format options.
        name: The file's name or path.
        codec: The compression type, or ``None``; see :func:`infer_codec` to take it from
            ``name``.
        batch_rows: The maximum number of rows per batch.
        on_bad_row: As for :func:`read_batches`.

    Yields:
        ``(member, batch)`` pairs; ``_hw_row`` restarts at 1 for each member.
    """
    for member in open_members(stream, codec=codec, name=name):
        batches = read_batches(
            member.stream,
            options,
            source=member.source,
            batch_rows=batch_rows,
            on_bad_row=on_bad_row,
        )
        for batch in batches:
            yield member, batch
