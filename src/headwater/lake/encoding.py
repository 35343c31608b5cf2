"""Choosing the Parquet encodings of a commit's columns from its first batch.

Dictionary encoding pays off for repetitive text (names, countries, statuses) and costs the
writer dearly for text that rarely repeats (identifiers such as ``_id``): it builds the
dictionary until the page limit, then starts over plain. A commit's first batch tells which
top-level text columns are nearly unique; those are written plain. Row numbers ascend within
a file, so delta encoding stores them in a few bits each.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Final

import pyarrow as pa  # type: ignore[import-untyped]
import pyarrow.compute as pc  # type: ignore[import-untyped]
from deltalake import ColumnProperties, WriterProperties

from headwater.lake.schema import ROW_NUMBER

# The Parquet writer buffers a row group in memory before flushing: this bounds the memory of
# a commit whatever its size (measured with bench/engine/ingest_csv.py).
ROW_GROUP_ROWS: Final = 128 * 1024
UNIQUE_SHARE: Final = 0.5  # distinct values per value above which a column is written plain

_DELTA = ColumnProperties(dictionary_enabled=False, encoding="DELTA_BINARY_PACKED")
_PLAIN = ColumnProperties(dictionary_enabled=False, encoding="DELTA_LENGTH_BYTE_ARRAY")


def writer_properties(first: pa.RecordBatch | None) -> WriterProperties:
    """The writer's properties for a commit whose first batch is ``first`` (if any)."""
    columns = {ROW_NUMBER: _DELTA}
    if first is not None:
        columns.update((name, _PLAIN) for name in _nearly_unique(first))
    return WriterProperties(max_row_group_size=ROW_GROUP_ROWS, column_properties=columns)


def _nearly_unique(batch: pa.RecordBatch) -> Iterable[str]:
    for field, column in zip(batch.schema, batch.columns, strict=True):
        if not (pa.types.is_string(field.type) or pa.types.is_large_string(field.type)):
            continue
        present = len(column) - column.null_count
        if present and pc.count_distinct(column).as_py() > UNIQUE_SHARE * present:
            yield field.name
