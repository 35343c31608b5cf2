"""Removing the data files no commit refers to: what abandoned or crashed writes left behind.

A run that does not commit (rows over the threshold, a failing file, a killed process) may
already have written Parquet files; readers never see them (a Delta table is what its log
says), but they take space. Only files older than ``older_than_hours`` go: a write still in
progress in another process has not committed its files yet, and they must stay.
"""

from __future__ import annotations

from typing import Final

from headwater.lake.errors import translate
from headwater.lake.table import StorageOptions, open_table

DEFAULT_AGE_HOURS: Final = 24


def remove_orphans(
    uri: str,
    *,
    older_than_hours: int = DEFAULT_AGE_HOURS,
    dry_run: bool = False,
    storage_options: StorageOptions = None,
) -> list[str]:
    """Delete (or with ``dry_run`` only list) the table's unreferenced files of that age.

    Raises:
        TableNotFound: there is no Delta table at ``uri``.
        LakeUnavailable: storage failed.
    """
    table = open_table(uri, storage_options=storage_options)
    try:
        return list(
            table.vacuum(
                retention_hours=older_than_hours,
                dry_run=dry_run,
                enforce_retention_duration=False,
                full=True,
            )
        )
    except Exception as error:
        raise translate(error, uri) from error
