"""Reverting a batch: its rows leave the table in one commit."""

from __future__ import annotations

from collections.abc import Callable, Iterator

import pyarrow as pa  # type: ignore[import-untyped]
from deltalake import DeltaTable

from headwater import lake

Rows = Callable[..., Iterator[pa.RecordBatch]]


def test_revert_removes_only_that_batch(uri: str, schema: pa.Schema, rows: Rows) -> None:
    lake.commit_batch(uri, schema, rows(6), batch_id="keep")
    lake.commit_batch(uri, schema, rows(4), batch_id="drop")

    result = lake.revert_batch(uri, "drop")

    assert (result.version, result.rows, result.files) == (3, 4, 1)
    table = DeltaTable(uri)
    assert table.version() == 3
    assert table.history(1)[0]["headwater.revertedBatchId"] == "drop"
    assert table.to_pyarrow_dataset().count_rows() == 6
    assert lake.batch_files(uri, "drop") == []
    assert lake.batch_files(uri, "keep") != []


def test_revert_is_idempotent(uri: str, schema: pa.Schema, rows: Rows) -> None:
    lake.commit_batch(uri, schema, rows(2), batch_id="b")
    lake.revert_batch(uri, "b")
    assert lake.revert_batch(uri, "b") == lake.RevertResult(None, 0, 0)
    assert DeltaTable(uri).version() == 2


def test_reverted_batch_is_not_committed_again(uri: str, schema: pa.Schema, rows: Rows) -> None:
    lake.commit_batch(uri, schema, rows(2), batch_id="b")
    lake.revert_batch(uri, "b")
    again = lake.commit_batch(uri, schema, rows(2), batch_id="b")
    assert again.existing
    assert again.version == 1
    assert DeltaTable(uri).to_pyarrow_dataset().count_rows() == 0
