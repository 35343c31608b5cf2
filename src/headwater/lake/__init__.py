"""Datasets as Delta Lake tables: one table per dataset, one commit per batch.

A table lives at ``table_uri(config, org, sandbox, dataset)`` (a local path or an object-store
URI). Its columns are the dataset schema's (``headwater.xdm.arrow_schema``) followed by the
system columns ``_hw_batch_id``, ``_hw_source_file`` and ``_hw_row_number``.
``commit_batch`` streams record batches into exactly one commit, once per batch
id; the read functions give a preview, a batch's rows, files and bytes; ``query`` runs DuckDB SQL
over tables by name; ``remove_orphans`` deletes what abandoned writes left.
"""

from __future__ import annotations

from headwater.lake.commit import CommitResult, commit_batch, find_batch_commit
from headwater.lake.config import LakeConfig, table_uri
from headwater.lake.errors import (
    FileNotInTable,
    InvalidPath,
    LakeError,
    LakeUnavailable,
    QueryError,
    SchemaConflict,
    TableNotFound,
)
from headwater.lake.read import (
    FileInfo,
    batch_files,
    batch_rows,
    preview,
    read_file,
    table_files,
)
from headwater.lake.records import to_records
from headwater.lake.revert import RevertResult, revert_batch
from headwater.lake.schema import (
    BATCH_ID,
    ROW_NUMBER,
    SOURCE_FILE,
    SYSTEM_FIELDS,
    SYSTEM_NAMES,
    add_system_columns,
    table_schema,
)
from headwater.lake.sql import query
from headwater.lake.table import ensure_table, open_table
from headwater.lake.vacuum import remove_orphans

__all__ = [
    "BATCH_ID",
    "ROW_NUMBER",
    "SOURCE_FILE",
    "SYSTEM_FIELDS",
    "SYSTEM_NAMES",
    "CommitResult",
    "FileInfo",
    "FileNotInTable",
    "InvalidPath",
    "LakeConfig",
    "LakeError",
    "LakeUnavailable",
    "QueryError",
    "RevertResult",
    "SchemaConflict",
    "TableNotFound",
    "add_system_columns",
    "batch_files",
    "batch_rows",
    "commit_batch",
    "ensure_table",
    "find_batch_commit",
    "open_table",
    "preview",
    "query",
    "read_file",
    "remove_orphans",
    "revert_batch",
    "table_files",
    "table_schema",
    "table_uri",
    "to_records",
]
