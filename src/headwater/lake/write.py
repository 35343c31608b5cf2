"""Writing a commit's data files: only the columns the batch writes, the batch id in the log.

A dataset's table has the dataset's whole schema, and a mapping usually writes a few of its
fields. Appending through deltalake's writer with ``schema_mode="merge"`` pads every batch to
the table's schema and writes a null column for each field the mapping does not write (81
columns for the 5 of seed 003's leads: measured, the pipeline ran ~60% longer). Delta readers
read a column that a file lacks as null, so the files need not carry them.

So the rows are written, by deltalake's own writer (its encodings and per-file statistics),
as a throwaway Delta table of the batch's schema in a folder of its own inside the table
(``hw-write-<uuid>/``), and the files it added are then committed to the table with the
table's schema unchanged. The throwaway table's log is deleted afterwards, and the whole
folder if the write fails.

Tables are partitioned by ``_hw_batch_id`` (one value per commit): the batch id then lives in
the log, not in every row of the files (writing it cost a sixth of the writer's time), and
reading a batch prunes to its files. Tables made before that keep the column in the files.
New columns of a batch are first added to the table by a commit of their own, without rows
(additive schema evolution).
"""

from __future__ import annotations

import contextlib
import os
import shutil
import uuid
from collections.abc import Iterator
from typing import Any, Final

import pyarrow as pa  # type: ignore[import-untyped]
from deltalake import CommitProperties, DeltaTable, WriterProperties, write_deltalake
from deltalake.transaction import AddAction

from headwater.lake.errors import translated
from headwater.lake.history import added_files, log_entry
from headwater.lake.schema import BATCH_ID
from headwater.lake.table import StorageOptions, filesystem, open_table, options

FOLDER_PREFIX: Final = "hw-write-"


def partition_of(table: DeltaTable, batch_id: str) -> dict[str, str]:
    """The partition values of a batch's files: its id, when the table is partitioned by it."""
    return {BATCH_ID: batch_id} if BATCH_ID in table.metadata().partition_columns else {}


def evolved(
    table: DeltaTable, uri: str, schema: pa.Schema, storage_options: StorageOptions
) -> DeltaTable:
    """``table``, with the columns of ``schema`` it lacks added by a commit without rows."""
    if _fits(table, schema):
        return table
    empty = pa.RecordBatchReader.from_batches(schema, [])
    with translated(uri):
        write_deltalake(table, empty, mode="append", schema_mode="merge")
    return open_table(uri, storage_options=storage_options)


def _fits(table: DeltaTable, schema: pa.Schema) -> bool:
    """Whether every column of ``schema`` is in ``table``, with the same type (a struct may
    have fewer fields than the table's)."""
    current = pa.schema(table.schema().to_arrow())
    return all(
        current.get_field_index(field.name) >= 0
        and _within(field.type, current.field(field.name).type)
        for field in schema
    )


def append_files(
    table: DeltaTable,
    uri: str,
    schema: pa.Schema,
    rows: Iterator[pa.RecordBatch],
    *,
    partition: dict[str, str],
    writer_properties: WriterProperties,
    target_file_size: int,
    commit_properties: CommitProperties,
    storage_options: StorageOptions,
) -> None:
    """Write ``rows`` (of ``schema``: columns of the table, see ``evolved``, less its
    partition column) as files of their own, and commit them to ``table`` in one commit."""
    folder = f"{FOLDER_PREFIX}{uuid.uuid4()}"
    try:
        adds = _write(
            uri, folder, schema, rows, writer_properties, target_file_size, storage_options
        )
    except BaseException:
        _remove(uri, folder, storage_options)
        raise
    table.create_write_transaction(
        [_relative(folder, one, partition) for one in adds],
        mode="append",
        schema=table.schema(),
        partition_by=list(partition),
        commit_properties=commit_properties,
    )
    _remove(uri, f"{folder}/_delta_log", storage_options)


def _write(
    uri: str,
    folder: str,
    schema: pa.Schema,
    rows: Iterator[pa.RecordBatch],
    properties: WriterProperties,
    target_file_size: int,
    storage_options: StorageOptions,
) -> list[dict[str, Any]]:
    inner = f"{uri.rstrip('/')}/{folder}"
    write_deltalake(
        inner,
        pa.RecordBatchReader.from_batches(schema, rows),
        mode="error",
        target_file_size=target_file_size,
        writer_properties=properties,
        storage_options=options(storage_options),
    )
    actions = log_entry(filesystem(inner, storage_options=storage_options), inner, 0) or []
    return added_files(actions)


def _relative(folder: str, add: dict[str, Any], partition: dict[str, str]) -> AddAction:
    return AddAction(
        path=f"{folder}/{add['path']}",
        size=int(add["size"]),
        partition_values=dict(partition),
        modification_time=int(add["modificationTime"]),
        data_change=True,
        stats=add.get("stats") or "",
    )


def _remove(uri: str, path: str, storage_options: StorageOptions) -> None:
    # Best effort: what stays is unreferenced, invisible to readers, and vacuumed later.
    with contextlib.suppress(Exception):
        filesystem(uri, storage_options=storage_options).delete_dir(path)
    local = uri.removeprefix("file://")
    if "://" not in local:  # object stores have no folders; a disk keeps them, empty
        shutil.rmtree(os.path.join(local, path), ignore_errors=True)


def _within(written: pa.DataType, current: pa.DataType) -> bool:
    if pa.types.is_struct(written) and pa.types.is_struct(current):
        return all(
            current.get_field_index(field.name) >= 0
            and _within(field.type, current.field(current.get_field_index(field.name)).type)
            for field in written
        )
    return bool(written.equals(current))
