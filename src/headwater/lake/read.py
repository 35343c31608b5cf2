"""Reading a dataset back: preview, a batch's rows, a batch's files and their bytes."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from typing import Any, Final
from urllib.parse import unquote

import pyarrow as pa  # type: ignore[import-untyped]
import pyarrow.compute as pc  # type: ignore[import-untyped]
from deltalake import DeltaTable

from headwater.lake.errors import FileNotInTable, InvalidPath, translated
from headwater.lake.history import added_files, batch_commit
from headwater.lake.records import to_records
from headwater.lake.schema import BATCH_ID, SYSTEM_NAMES
from headwater.lake.table import StorageOptions, filesystem, open_table

CHUNK_SIZE: Final = 1 << 20


@dataclass(frozen=True)
class FileInfo:
    """One data file of a table.

    Attributes:
        path: The file's path relative to the table root, as ``read_file`` takes it
            (``_hw_batch_id=<batch>/part-00000-….parquet``).
        size: Its size in bytes.
        records: How many rows it holds.
    """

    path: str
    size: int
    records: int


def preview(
    uri: str, *, limit: int = 100, storage_options: StorageOptions = None
) -> list[dict[str, Any]]:
    """The first ``limit`` rows of the table as nested JSON-ready dicts, without system columns.

    Rows come in storage order (not sorted). See ``to_records`` for how values are rendered.

    Raises:
        TableNotFound: there is no Delta table at ``uri``.
        LakeUnavailable: storage could not be read.
    """
    table = open_table(uri, storage_options=storage_options)
    with translated(uri):
        dataset = table.to_pyarrow_dataset()
        columns = [name for name in dataset.schema.names if name not in SYSTEM_NAMES]
        head = dataset.head(max(limit, 0), columns=columns)
    return to_records(head)


def batch_rows(
    uri: str,
    batch_id: str,
    *,
    columns: Sequence[str] | None = None,
    storage_options: StorageOptions = None,
) -> pa.RecordBatchReader:
    """A stream of the rows batch ``batch_id`` added (only its files are read).

    Args:
        uri: The table.
        batch_id: The batch.
        columns: The columns to read (all, system columns included, by default).
        storage_options: Passed to deltalake.

    Raises:
        TableNotFound: there is no Delta table at ``uri``.
        LakeUnavailable: storage could not be read.
    """
    table = open_table(uri, storage_options=storage_options)
    with translated(uri):
        dataset = table.to_pyarrow_dataset(file_pruning_predicate=[(BATCH_ID, "=", batch_id)])
        wanted = list(columns) if columns is not None else None
        return dataset.scanner(columns=wanted).to_reader()


def batch_files(
    uri: str, batch_id: str, *, storage_options: StorageOptions = None
) -> list[FileInfo]:
    """The table's current data files holding batch ``batch_id``'s rows, sorted by path.

    These are the files the batch's commit added (each commit writes files of its own), minus
    any a later commit removed (a revert, a compaction).

    Raises:
        TableNotFound: there is no Delta table at ``uri``.
        LakeUnavailable: storage could not be read.
    """
    table = open_table(uri, storage_options=storage_options)
    found = batch_commit(table, uri, batch_id, storage_options)
    if found is None:
        return []
    written = {unquote(one["path"]) for one in added_files(found[1])}
    current = _add_actions(table, uri)
    if current.num_rows == 0:
        return []
    mine = current.filter(pc.is_in(current["path"], value_set=pa.array(sorted(written))))
    return sorted(_file_infos(mine), key=lambda one: one.path)


def table_files(uri: str, *, storage_options: StorageOptions = None) -> list[FileInfo]:
    """Every current data file of the table, sorted by path."""
    actions = _add_actions(open_table(uri, storage_options=storage_options), uri)
    return sorted(_file_infos(actions), key=lambda one: one.path)


def read_file(
    uri: str,
    path: str,
    *,
    offset: int = 0,
    length: int | None = None,
    chunk_size: int = CHUNK_SIZE,
    storage_options: StorageOptions = None,
) -> Iterator[bytes]:
    """The bytes of one of the table's data files, in chunks.

    The path is checked (and the file opened) before this returns, so errors surface here
    and not while the bytes are being sent.

    Args:
        uri: The table.
        path: A ``FileInfo.path`` of the table.
        offset: The first byte to read (for HTTP ``Range`` requests).
        length: How many bytes to read at most (``None``: to the end).
        chunk_size: The size of the chunks yielded.
        storage_options: Passed to deltalake.

    Raises:
        InvalidPath: ``path`` is absolute, contains ``..`` or ``.`` segments, backslashes or
            NUL bytes, or ``offset``/``length`` is negative.
        FileNotInTable: ``path`` is not one of the table's current data files.
        LakeUnavailable: storage could not be read.
    """
    _check_path(path)
    if offset < 0 or (length is not None and length < 0) or chunk_size <= 0:
        raise InvalidPath("offset, length and chunk size must not be negative")
    known = {one.path for one in table_files(uri, storage_options=storage_options)}
    if path not in known:
        raise FileNotInTable(f"{path!r} is not a data file of this dataset")
    fs = filesystem(uri, storage_options=storage_options)
    with translated(uri):
        handle = fs.open_input_file(path)
        try:
            if offset:
                handle.seek(offset)
        except BaseException:
            handle.close()
            raise
    return _chunks(handle, uri, length, chunk_size)


def _chunks(handle: Any, uri: str, length: int | None, chunk_size: int) -> Iterator[bytes]:
    remaining = length
    try:
        while remaining is None or remaining > 0:
            size = chunk_size if remaining is None else min(chunk_size, remaining)
            with translated(uri):
                chunk = handle.read(size)
            if not chunk:
                return
            if remaining is not None:
                remaining -= len(chunk)
            yield bytes(chunk)
    finally:
        handle.close()


def _check_path(path: str) -> None:
    segments = path.split("/")
    if (
        not path
        or path.startswith("/")
        or "\\" in path
        or "\x00" in path
        or ":" in segments[0]
        or any(part in ("", ".", "..") for part in segments)
    ):
        raise InvalidPath(f"{path!r} is not a relative path inside the dataset")


def _add_actions(table: DeltaTable, uri: str) -> pa.Table:
    with translated(uri):
        return pa.table(table.get_add_actions(flatten=True))


def _file_infos(actions: pa.Table) -> list[FileInfo]:
    if actions.num_rows == 0:
        return []
    records = actions["num_records"].to_pylist() if "num_records" in actions.column_names else None
    paths = actions["path"].to_pylist()
    sizes = actions["size_bytes"].to_pylist()
    return [
        FileInfo(unquote(path), int(size), int((records[i] if records else 0) or 0))
        for i, (path, size) in enumerate(zip(paths, sizes, strict=True))
    ]
