"""Parquet → Arrow record batches with ``pyarrow.parquet.ParquetFile.iter_batches``.

Parquet needs random access (its footer is at the end): a non-seekable stream (e.g. a decoded
archive member) is spooled to a temporary file first. Column types are kept as stored. A Parquet
file without rows yields one empty batch carrying its columns.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any, BinaryIO

import pyarrow as pa  # type: ignore[import-untyped]
import pyarrow.parquet as pq  # type: ignore[import-untyped]

from headwater.errors import HeadwaterError
from headwater.formats._streams import seekable
from headwater.formats.errors import CorruptFile
from headwater.formats.options import ParquetOptions
from headwater.formats.rows import BadRowHandler, row_numbers, unique_names, with_row_numbers

_ERRORS = (pa.ArrowException, OSError, ValueError)


def _open(file: BinaryIO, source: str) -> Any:
    try:
        return pq.ParquetFile(file)
    except HeadwaterError:
        raise
    except _ERRORS as exc:
        raise CorruptFile(source, f"not a readable Parquet file: {exc}") from exc


def _batches(parquet: Any, batch_rows: int, source: str) -> Iterator[pa.RecordBatch]:
    batches = parquet.iter_batches(batch_size=batch_rows)
    while True:
        try:
            batch = next(batches)
        except StopIteration:
            return
        except HeadwaterError:
            raise
        except _ERRORS as exc:
            raise CorruptFile(source, f"cannot decode Parquet data: {exc}") from exc
        yield batch


def read_parquet(
    stream: BinaryIO,
    options: ParquetOptions,
    *,
    source: str,
    batch_rows: int,
    on_bad_row: BadRowHandler | None = None,
) -> Iterator[pa.RecordBatch]:
    """Read a Parquet file as record batches plus ``_hw_row`` (the 1-based row number).

    Args:
        stream: The file's bytes; spooled to a temporary file when not seekable.
        options: Parquet options (nothing changes how the file is read).
        source: The name used in errors.
        batch_rows: The maximum number of rows per batch.
        on_bad_row: Unused: Parquet has no unparsable rows, only corrupt files.

    Raises:
        CorruptFile: when the file is not Parquet or its pages cannot be decoded.
    """
    del options, on_bad_row
    with seekable(stream) as file:
        parquet = _open(file, source)
        names = unique_names(parquet.schema_arrow.names)
        start = 1
        for batch in _batches(parquet, batch_rows, source):
            yield with_row_numbers(batch, row_numbers(start, batch.num_rows), names)
            start += batch.num_rows
        if start == 1:
            empty = pa.RecordBatch.from_pylist([], schema=parquet.schema_arrow)
            yield with_row_numbers(empty, row_numbers(1, 0), names)
