"""Data Access use cases (reference §5.4): reading back what batches wrote and left behind.

- ``list_dataset_files`` / ``dataset_file`` / ``dataset_file_head`` — a batch's dataset file
  (id = the batch id), its Parquet parts and their bytes (byte ranges too).
- ``failed_files`` / ``batch_meta`` — row-error files, input files and the row-error sample.
- ``preview_dataset`` — the first rows of a dataset; ``run_sql`` — DuckDB over a sandbox;
  ``remove_orphan_files`` — delete what abandoned writes left in the tables.
- ``local_scope`` — the scope of a CLI call.

Listings take a ``Page`` and answer ``{data, _page, _links}``; downloads are ``Download``s.
"""

from __future__ import annotations

from headwater.services.data_access.common import Download, Entry, Page
from headwater.services.data_access.datasets import (
    QueryResult,
    preview_dataset,
    remove_orphan_files,
    run_sql,
    sql_name,
    sql_tables,
)
from headwater.services.data_access.files import (
    dataset_file,
    dataset_file_head,
    list_dataset_files,
)
from headwater.services.data_access.local import local_scope
from headwater.services.data_access.meta import batch_meta, failed_files
from headwater.services.data_access.ranges import ByteRange, RangeNotSatisfiable

__all__ = [
    "ByteRange",
    "Download",
    "Entry",
    "Page",
    "QueryResult",
    "RangeNotSatisfiable",
    "batch_meta",
    "dataset_file",
    "dataset_file_head",
    "failed_files",
    "list_dataset_files",
    "local_scope",
    "preview_dataset",
    "remove_orphan_files",
    "run_sql",
    "sql_name",
    "sql_tables",
]
