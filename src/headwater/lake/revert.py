"""Reverting a batch: removing its rows from the table in one commit."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Final

from deltalake import CommitProperties

from headwater.lake.errors import translated
from headwater.lake.schema import BATCH_ID
from headwater.lake.table import StorageOptions, open_table

REVERT_KEY: Final = "headwater.revertedBatchId"


@dataclass(frozen=True)
class RevertResult:
    """What reverting a batch removed.

    Attributes:
        version: The table version of the removing commit (``None``: nothing to remove).
        rows: Rows removed.
        files: Data files removed from the table (they stay in storage until a vacuum).
    """

    version: int | None
    rows: int
    files: int


def revert_batch(
    uri: str, batch_id: str, *, storage_options: StorageOptions = None
) -> RevertResult:
    """Remove every row of batch ``batch_id`` from the table in one commit.

    Each commit writes files of its own, so the delete drops whole files and rewrites none.
    Idempotent: a batch with no rows left makes no commit. The batch's original commit stays
    in the history, so ``commit_batch`` with the same id still finds it and writes nothing.

    Raises:
        TableNotFound: there is no Delta table at ``uri``.
        LakeUnavailable: storage failed or concurrent commits kept conflicting (transient).
    """
    table = open_table(uri, storage_options=storage_options)
    quoted = batch_id.replace("'", "''")
    with translated(uri):
        metrics = table.delete(
            f"{BATCH_ID} = '{quoted}'",
            commit_properties=CommitProperties(custom_metadata={REVERT_KEY: batch_id}),
        )
        files = int(metrics.get("num_removed_files", 0))
        version = table.version() if files else None
    return RevertResult(version, int(metrics.get("num_deleted_rows", 0)), files)
