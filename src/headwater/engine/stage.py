"""Stage: a file's valid rows go to a local Arrow IPC file until the run decides to commit.

Staging keeps a file's rows out of the commit until the whole file has been read (a corrupt
file must contribute nothing), and lets the partial-ingestion threshold be checked before any
row reaches the dataset — with memory bounded by one record batch.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pyarrow as pa  # type: ignore[import-untyped]


class StagedFile:
    """An Arrow IPC stream on local disk, written batch by batch."""

    def __init__(self, path: Path, schema: pa.Schema) -> None:
        self.path = path
        self.schema = schema
        self.rows = 0
        self._sink = pa.OSFile(str(path), "wb")
        self._writer = pa.ipc.new_stream(self._sink, schema)

    def write(self, batch: pa.RecordBatch) -> None:
        if batch.num_rows:
            self._writer.write_batch(batch)
            self.rows += batch.num_rows

    def close(self) -> None:
        self._writer.close()
        self._sink.close()

    def discard(self) -> None:
        self.close()
        self.path.unlink(missing_ok=True)


def read_staged(paths: list[Path]) -> Iterator[pa.RecordBatch]:
    """Every batch of the staged files, in order, one batch in memory at a time."""
    for path in paths:
        with pa.OSFile(str(path), "rb") as source:
            yield from pa.ipc.open_stream(source)
