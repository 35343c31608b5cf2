"""Opening and creating dataset tables."""

from __future__ import annotations

from collections.abc import Mapping

import pyarrow as pa  # type: ignore[import-untyped]
import pyarrow.fs as pafs  # type: ignore[import-untyped]
from deltalake import CommitProperties, DeltaTable
from deltalake.exceptions import CommitFailedError
from deltalake.fs import DeltaStorageHandler

from headwater.lake.errors import SchemaConflict, translated
from headwater.lake.schema import BATCH_ID

StorageOptions = Mapping[str, str] | None


def options(storage_options: StorageOptions) -> dict[str, str] | None:
    """The storage options as the plain dict deltalake wants (``None`` stays ``None``)."""
    return dict(storage_options) if storage_options is not None else None


def open_table(uri: str, *, storage_options: StorageOptions = None) -> DeltaTable:
    """The latest snapshot of the table at ``uri``.

    Raises:
        TableNotFound: there is no Delta table at ``uri``.
        LakeUnavailable: storage could not be read.
    """
    with translated(uri):
        return DeltaTable(uri, storage_options=options(storage_options))


def ensure_table(uri: str, schema: pa.Schema, *, storage_options: StorageOptions = None) -> None:
    """Create an empty table at ``uri`` with ``schema`` unless one exists.

    Idempotent, and safe when several processes create the same table at once: creation does
    not retry on a lost race (a retried create would commit a second table definition), and
    the loser finds the winner's table. An existing table is left as it is; ``commit_batch``
    adds new columns to it (additive schema evolution).

    Raises:
        SchemaConflict: ``schema`` lacks the system columns (build it with ``table_schema``).
        LakeUnavailable: storage could not be reached.
    """
    if BATCH_ID not in schema.names:
        raise SchemaConflict(f"a dataset table needs the system column {BATCH_ID!r}")
    opts = options(storage_options)
    with translated(uri):
        if DeltaTable.is_deltatable(uri, storage_options=opts):
            return
        try:
            DeltaTable.create(
                uri,
                schema,
                mode="ignore",
                partition_by=[BATCH_ID],
                storage_options=opts,
                commit_properties=CommitProperties(max_commit_retries=0),
            )
        except CommitFailedError:
            if not DeltaTable.is_deltatable(uri, storage_options=opts):
                raise


def filesystem(uri: str, *, storage_options: StorageOptions = None) -> pafs.FileSystem:
    """A pyarrow filesystem rooted at the table (paths relative to ``uri``), via deltalake."""
    with translated(uri):
        return pafs.PyFileSystem(DeltaStorageHandler(uri, options(storage_options)))
