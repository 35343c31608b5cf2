"""The system columns every dataset table carries, and fitting record batches to a table."""

from __future__ import annotations

from collections.abc import Callable
from typing import Final

import pyarrow as pa  # type: ignore[import-untyped]

from headwater.lake.errors import SchemaConflict

BATCH_ID: Final = "_hw_batch_id"
SOURCE_FILE: Final = "_hw_source_file"
ROW_NUMBER: Final = "_hw_row_number"

SYSTEM_FIELDS: Final[tuple[pa.Field, ...]] = (
    pa.field(BATCH_ID, pa.string()),
    pa.field(SOURCE_FILE, pa.string()),
    pa.field(ROW_NUMBER, pa.int64()),
)
SYSTEM_NAMES: Final = frozenset(one.name for one in SYSTEM_FIELDS)
# Tables are partitioned by the batch id (see ``lake.write``): each commit writes files of its
# own, and a batch's files are known exactly from its commit in the log (``history.py``).


def table_schema(xdm_arrow_schema: pa.Schema) -> pa.Schema:
    """The schema of a dataset's table: the XDM columns followed by ``SYSTEM_FIELDS``.

    Raises:
        SchemaConflict: the XDM schema already has a column named like a system column.
    """
    clash = SYSTEM_NAMES.intersection(xdm_arrow_schema.names)
    if clash:
        raise SchemaConflict(f"XDM fields {sorted(clash)} collide with system columns")
    return pa.schema([*xdm_arrow_schema, *SYSTEM_FIELDS], metadata=xdm_arrow_schema.metadata)


def add_system_columns(
    batch: pa.RecordBatch, *, source_file: str, first_row: int
) -> pa.RecordBatch:
    """``batch`` with ``_hw_source_file`` and ``_hw_row_number`` (``first_row``, +1, …) added.

    ``_hw_batch_id`` is filled in by ``commit_batch``.
    """
    rows = batch.num_rows
    numbers = pa.array(range(first_row, first_row + rows), pa.int64())
    batch = batch.append_column(SYSTEM_FIELDS[1], pa.repeat(pa.scalar(source_file), rows))
    return batch.append_column(SYSTEM_FIELDS[2], numbers)


def conformer(schema: pa.Schema, batch_id: str) -> Callable[[pa.RecordBatch], pa.RecordBatch]:
    """A function fitting record batches to ``schema`` for batch ``batch_id``.

    Columns are matched by name; missing ones become nulls, other types are cast, and
    ``_hw_batch_id`` is set to ``batch_id`` on every row.

    Raises (from the returned function):
        SchemaConflict: a batch has a column the schema lacks, or one that cannot be cast.
    """
    batch_id_value = pa.scalar(batch_id, pa.string())

    def fit(batch: pa.RecordBatch) -> pa.RecordBatch:
        extra = set(batch.schema.names) - set(schema.names) - {BATCH_ID}
        if extra:
            raise SchemaConflict(f"columns {sorted(extra)} are not in the dataset's schema")
        rows = batch.num_rows
        columns = []
        for target in schema:
            if target.name == BATCH_ID:
                columns.append(pa.repeat(batch_id_value, rows))
            elif target.name in batch.schema.names:
                columns.append(_cast(batch.column(target.name), target))
            else:
                columns.append(pa.nulls(rows, target.type))
        return pa.RecordBatch.from_arrays(columns, schema=schema)

    return fit


def _cast(column: pa.Array, target: pa.Field) -> pa.Array:
    if column.type.equals(target.type):
        return column
    try:
        return column.cast(target.type)
    except (pa.ArrowInvalid, pa.ArrowNotImplementedError, pa.ArrowTypeError) as error:
        raise SchemaConflict(
            f"column {target.name!r} of type {column.type} cannot become {target.type}: {error}"
        ) from error
