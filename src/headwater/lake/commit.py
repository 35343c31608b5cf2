"""Committing one batch as one Delta commit, exactly once."""

from __future__ import annotations

import json
import logging
import time
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import Any, Final, TypeAlias
from urllib.parse import unquote

import pyarrow as pa  # type: ignore[import-untyped]
import pyarrow.fs as pafs  # type: ignore[import-untyped]
from deltalake import CommitProperties, DeltaTable, Transaction, write_deltalake

from headwater.errors import InvalidField
from headwater.lake.errors import translate, translated
from headwater.lake.read import batch_files
from headwater.lake.schema import BATCH_ID, PARTITION_BY, conformer
from headwater.lake.table import StorageOptions, ensure_table, filesystem, open_table

log = logging.getLogger(__name__)

BATCH_KEY: Final = "headwater.batchId"
APP_PREFIX: Final = "headwater.batch:"
_SWEEP_DELAYS: Final = (0.0, 0.05, 0.1, 0.2, 0.4, 0.8)

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
) -> CommitResult:
    """Append every row of ``batches`` to the table at ``uri`` as one commit, or none of them.

    The table is created if absent (``ensure_table``). Batches are streamed, so memory stays
    bounded whatever the row count; each is fitted to ``schema`` by column name (missing
    columns become nulls, ``_hw_batch_id`` is set to ``batch_id``) and new columns of
    ``schema`` are added to the table (additive schema evolution). The commit carries
    ``batch_id`` in its commit info (``headwater.batchId``) and as a Delta transaction id.

    Idempotent: if the table already holds a commit for ``batch_id`` (a crash between the
    commit and recording it), nothing is written and that commit is returned.

    If ``batches`` raises, that exception propagates and nothing is committed; data files
    already written for the attempt are deleted on a best-effort basis (a killed process
    leaves them behind, unreferenced and invisible to readers, until a vacuum).

    Raises:
        InvalidField: ``batch_id`` is empty.
        SchemaConflict: a batch does not fit ``schema`` or the table's existing columns.
        LakeUnavailable: storage failed or concurrent commits kept conflicting (transient).
    """
    if not batch_id:
        raise InvalidField("batchId", "must not be empty")
    ensure_table(uri, schema, storage_options=storage_options)
    table = open_table(uri, storage_options=storage_options)
    found = _find(table, uri, batch_id, storage_options)
    if found is not None:
        return found
    source = _Source(batches, schema, batch_id)
    try:
        write_deltalake(
            table,
            pa.RecordBatchReader.from_batches(schema, iter(source)),
            mode="append",
            schema_mode="merge",
            partition_by=PARTITION_BY,
            target_file_size=target_file_size,
            commit_properties=CommitProperties(
                custom_metadata={BATCH_KEY: batch_id},
                app_transactions=[Transaction(app_id=APP_PREFIX + batch_id, version=1)],
            ),
        )
    except Exception as error:
        _remove_orphans(uri, batch_id, storage_options)
        if source.error is not None:
            raise source.error from None
        raise translate(error, uri) from error
    result = find_batch_commit(uri, batch_id, storage_options=storage_options)
    if result is None:  # pragma: no cover - the commit was just written
        raise translate(RuntimeError(f"commit of batch {batch_id} not found"), uri)
    return CommitResult(result.version, result.rows, result.files, result.bytes)


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
    with translated(uri):
        if table.transaction_version(APP_PREFIX + batch_id) is None:
            return None
        latest = table.version()
    fs = filesystem(uri, storage_options=storage_options)
    for version in range(latest, -1, -1):
        actions = _log_entry(fs, uri, version)
        if actions is None:
            break  # the log no longer reaches back that far
        info = next((one["commitInfo"] for one in actions if "commitInfo" in one), None) or {}
        if info.get(BATCH_KEY) == batch_id and info.get("operation") == "WRITE":
            return _result(version, info, actions)
    current = batch_files(uri, batch_id, storage_options=storage_options)
    rows = sum(one.records for one in current)
    return CommitResult(None, rows, len(current), sum(one.size for one in current), True)


def _log_entry(fs: pafs.FileSystem, uri: str, version: int) -> list[dict[str, Any]] | None:
    """The actions of commit ``version`` (``None`` if its log file is gone)."""
    path = f"_delta_log/{version:020d}.json"
    try:
        with fs.open_input_stream(path) as stream:
            text = stream.read().decode()
    except FileNotFoundError:
        return None
    except OSError as error:
        raise translate(error, uri) from error
    return [json.loads(line) for line in text.splitlines() if line.strip()]


def _result(version: int, info: dict[str, Any], actions: list[dict[str, Any]]) -> CommitResult:
    adds = [one["add"] for one in actions if one.get("add")]
    metrics = info.get("operationMetrics") or {}
    rows = metrics.get("num_added_rows")
    if rows is None:
        rows = sum(json.loads(one.get("stats") or "{}").get("numRecords", 0) for one in adds)
    size = sum(int(one["size"]) for one in adds)
    return CommitResult(version, int(rows), len(adds), size, existing=True)


def _remove_orphans(uri: str, batch_id: str, storage_options: StorageOptions) -> None:
    """Delete the batch's data files that no commit references (best effort).

    deltalake returns the error while some of its writer tasks are still flushing files, so
    the folder is swept until two sweeps in a row, spaced out, find nothing new.
    """
    try:
        fs = filesystem(uri, storage_options=storage_options)
        referenced = {
            one.path for one in batch_files(uri, batch_id, storage_options=storage_options)
        }
        quiet = 0
        for delay in _SWEEP_DELAYS:
            time.sleep(delay)
            quiet = 0 if _sweep(fs, batch_id, referenced) else quiet + 1
            if quiet == 2:
                return
    except Exception:  # cleanup must not hide the write's own error
        log.warning("could not remove unreferenced files of batch %s in %s", batch_id, uri)


def _sweep(fs: pafs.FileSystem, batch_id: str, referenced: set[str]) -> int:
    deleted = 0
    for folder in fs.get_file_info(pafs.FileSelector("", recursive=False)):
        name = folder.base_name
        if folder.type != pafs.FileType.Directory or not name.startswith(f"{BATCH_ID}="):
            continue
        if unquote(name.partition("=")[2]) != batch_id:
            continue
        for one in fs.get_file_info(pafs.FileSelector(folder.path, recursive=True)):
            if one.type == pafs.FileType.File and one.path not in referenced:
                fs.delete_file(one.path)
                deleted += 1
    return deleted
