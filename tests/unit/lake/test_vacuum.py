"""Unreferenced data files (an abandoned write's) are removed; committed ones stay."""

from __future__ import annotations

import os
import time
from collections.abc import Iterator
from pathlib import Path

import pyarrow as pa
import pytest

from headwater import lake

SCHEMA = lake.table_schema(pa.schema([pa.field("a", pa.string())]))


def parquet_files(uri: str) -> set[str]:
    return {str(p.relative_to(uri)) for p in Path(uri).rglob("*.parquet")}


def test_files_of_an_abandoned_write_are_removed_once_old_enough(tmp_path: Path) -> None:
    uri = str(tmp_path / "table")
    batch = pa.record_batch({"a": ["x", "y"]})
    lake.commit_batch(uri, SCHEMA, [batch], batch_id="kept")
    committed = parquet_files(uri)

    def abandoned() -> Iterator[pa.RecordBatch]:
        for _ in range(3):
            yield pa.record_batch({"a": ["z"] * 200_000})
        raise RuntimeError("the run gave up")

    with pytest.raises(RuntimeError):
        lake.commit_batch(uri, SCHEMA, abandoned(), batch_id="dropped", target_file_size=1)
    assert parquet_files(uri) == committed  # the failed write removed its own files
    # What a killed process would have left: files no commit refers to, in the folder of a
    # write (with the log of its throwaway table), and at the root.
    folder = Path(uri) / "hw-write-killed"
    (folder / "_delta_log").mkdir(parents=True)
    (folder / "_delta_log" / "00000000000000000000.json").write_text("{}\n")
    for orphan in (folder / "part-00000-a.snappy.parquet", Path(uri) / "part-00000-b.parquet"):
        orphan.write_bytes((Path(uri) / sorted(committed)[0]).read_bytes())
    assert parquet_files(uri) > committed

    assert lake.remove_orphans(uri, older_than_hours=1) == []  # too young: may be in progress
    old = time.time() - 2 * 3600
    stale_log = "hw-write-killed/_delta_log/00000000000000000000.json"
    for name in (parquet_files(uri) - committed) | {stale_log}:
        os.utime(Path(uri) / name, (old, old))
    listed = lake.remove_orphans(uri, older_than_hours=1, dry_run=True)
    assert set(listed) == (parquet_files(uri) - committed) | {stale_log}
    removed = lake.remove_orphans(uri, older_than_hours=1)
    assert len(removed) == len(listed)
    assert parquet_files(uri) == committed
    assert lake.query("SELECT count(*) AS n FROM t", {"t": uri}).to_pylist() == [{"n": 2}]
