"""Committing one batch as one Delta commit, exactly once."""

from __future__ import annotations

import itertools
import json
import logging
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import Any, Final, TypeAlias

import pyarrow as pa  # type: ignore[import-untyped]
from deltalake import (
    CommitProperties,
    DeltaTable,
    Transaction,
)

from headwater.errors import InvalidField
from headwater.lake.encoding import writer_properties
from headwater.lake.errors import translate
from headwater.lake.history import (
    APP_PREFIX,
    BATCH_KEY,
    added_files,
    batch_commit,
    commit_info,
    has_batch,
)
from headwater.lake.schema import BATCH_ID, conformer
from headwater.lake.table import StorageOptions, ensure_table, open_table
from headwater.lake.write import append_files, evolved, partition_of

log = logging.getLogger(__name__)

# The writer starts a new data file past this size: it bounds the memory of a commit.
TARGET_FILE_SIZE: Final = 64 * 1024 * 1024

Batches: TypeAlias = Iterable[pa.RecordBatch] | pa.RecordBatchReader


@dataclass(frozen=True)
class CommitResult:
    """What a batch's commit added to its table.

    Attributes:
        version: The table version the commit created (``None`` if the commit is known to
            exist but has left the log's retention, so its version cannot be read).
        rows: Rows added.
        files: Data files added.
        bytes: Total size of those files.
        existing: ``True`` when the commit was found in the table instead of written now.
    """

    version: int | None
    rows: int
    files: int
    bytes: int
    existing: bool = False


def commit_batch(
    uri: str,
    schema: pa.Schema,
    batches: Batches,
    *,
    batch_id: str,
    storage_options: StorageOptions = None,
    target_file_size: int | None = None,
    table_schema: pa.Schema | None = None,
) -> CommitResult:
    """Append every row of ``batches`` to the table at ``uri`` as one commit, or none of them.

    The table is created if absent (``ensure_table``). Batches are streamed, so memory stays
    bounded whatever the row count; each is fitted to ``schema`` by column name (missing
    columns become nulls, ``_hw_batch_id`` is ``batch_id``: the files' partition value, or a
    column of tables made before they were partitioned) and new columns of ``schema`` are
    added to the table (additive schema evolution). The commit carries
    ``batch_id`` in its commit info (``headwater.batchId``) and as a Delta transaction id.

    ``table_schema`` (default ``schema``) is the schema a new table is created with: the
    dataset's whole schema, when ``schema`` holds only the columns this batch writes (the
    data files then lack the others, which Delta readers see as nulls).

    Idempotent: if the table already holds a commit for ``batch_id`` (a crash between the
    commit and recording it), nothing is written and that commit is returned.

    If ``batches`` raises, that exception propagates and nothing is committed; data files
    already written for the attempt are deleted on a best-effort basis (a killed process
    leaves them behind, unreferenced and invisible to readers, until a vacuum). The files
    hold only ``schema``'s columns (see ``lake.write``).

    Raises:
        InvalidField: ``batch_id`` is empty.
        SchemaConflict: a batch does not fit ``schema`` or the table's existing columns.
        LakeUnavailable: storage failed or concurrent commits kept conflicting (transient).
    """
    if not batch_id:
        raise InvalidField("batchId", "must not be empty")
    ensure_table(uri, table_schema or schema, storage_options=storage_options)
    table = open_table(uri, storage_options=storage_options)
    found = _find(table, uri, batch_id, storage_options)
    if found is not None:
        return found
    _append(table, uri, schema, batches, batch_id, target_file_size, storage_options)
    result = find_batch_commit(uri, batch_id, storage_options=storage_options)
    if result is None:  # pragma: no cover - the commit was just written
        raise translate(RuntimeError(f"commit of batch {batch_id} not found"), uri)
    return CommitResult(result.version, result.rows, result.files, result.bytes)


def _append(
    table: DeltaTable,
    uri: str,
    schema: pa.Schema,
    batches: Batches,
    batch_id: str,
    target_file_size: int | None,
    storage_options: StorageOptions,
) -> None:
    """Write the batch's rows and commit them (see ``lake.write``); the caller's exception
    propagates as it was raised."""
    partition = partition_of(table, batch_id)
    file_schema = schema.remove(schema.get_field_index(BATCH_ID)) if partition else schema
    table = evolved(table, uri, schema, storage_options)
    source = _Source(batches, file_schema, batch_id)
    try:
        first, rows = source.peek()
        append_files(
            table,
            uri,
            file_schema,
            rows,
            partition=partition,
            writer_properties=writer_properties(first),
            target_file_size=target_file_size or TARGET_FILE_SIZE,
            commit_properties=CommitProperties(
                custom_metadata={BATCH_KEY: batch_id},
                app_transactions=[Transaction(app_id=APP_PREFIX + batch_id, version=1)],
            ),
            storage_options=storage_options,
        )
    except Exception as error:
        if source.error is not None:
            raise source.error from None
        raise translate(error, uri) from error


def find_batch_commit(
    uri: str, batch_id: str, *, storage_options: StorageOptions = None
) -> CommitResult | None:
    """The commit that added batch ``batch_id`` to the table, or ``None`` if there is none.

    Reads the table's transaction ids first (cheap: every commit of ``commit_batch`` records
    one), then the commit files of the log, newest first. (``DeltaTable.history`` is not used:
    it numbers versions from the loaded snapshot, wrongly when other commits land meanwhile.)

    Raises:
        TableNotFound: there is no Delta table at ``uri``.
        LakeUnavailable: storage could not be read.
    """
    table = open_table(uri, storage_options=storage_options)
    return _find(table, uri, batch_id, storage_options)


class _Source:
    """Fits batches to the schema and keeps the exception the caller's iterator raised."""

    def __init__(self, batches: Batches, schema: pa.Schema, batch_id: str) -> None:
        self.batches = batches
        self.fit = conformer(schema, batch_id)
        self.error: BaseException | None = None

    def peek(self) -> tuple[pa.RecordBatch | None, Iterator[pa.RecordBatch]]:
        """The first batch (``None`` when there is none) and all of them, the first included."""
        fitted = iter(self)
        first = next(fitted, None)
        return first, fitted if first is None else itertools.chain([first], fitted)

    def __iter__(self) -> Iterator[pa.RecordBatch]:
        try:
            for batch in self.batches:
                yield self.fit(batch)
        except BaseException as error:
            self.error = error
            raise


def _find(
    table: DeltaTable, uri: str, batch_id: str, storage_options: StorageOptions
) -> CommitResult | None:
    found = batch_commit(table, uri, batch_id, storage_options)
    if found is not None:
        version, actions = found
        return _result(version, commit_info(actions), actions)
    if has_batch(table, uri, batch_id):  # committed, but the log entry has aged out
        return CommitResult(None, 0, 0, 0, existing=True)
    return None


def _result(version: int, info: dict[str, Any], actions: list[dict[str, Any]]) -> CommitResult:
    adds = added_files(actions)
    metrics = info.get("operationMetrics") or {}
    rows = metrics.get("num_added_rows")
    if rows is None:
        rows = sum(json.loads(one.get("stats") or "{}").get("numRecords", 0) for one in adds)
    size = sum(int(one["size"]) for one in adds)
    return CommitResult(version, int(rows), len(adds), size, existing=True)
