"""Rejected rows, kept and explained: JSON Lines in the platform's row-error shape.

Each line: ``{"_corrupt_record": <the raw source record>, "_errors": [{code, message, field}],
"_filename": <source file>, "_row": <record number>}``. Built with Polars over whole batches.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import polars as pl
import pyarrow as pa  # type: ignore[import-untyped]

from headwater.formats import ROW_COLUMN, BadRow

CORRUPT_ROW = "Row is corrupted and cannot be read, please fix and resend. "


class RowErrors:
    """Row errors of one run, appended per batch to one JSON Lines file per source file."""

    def __init__(self, directory: Path) -> None:
        self.directory = directory
        self._counts: dict[int, int] = {}

    @property
    def count(self) -> int:
        return sum(self._counts.values())

    def path_for(self, index: int) -> Path:
        return self.directory / f"conversion_errors_{index}.json"

    def discard(self, index: int) -> None:
        """Forget the row errors of file ``index`` (its read failed and is retried or dropped)."""
        self.path_for(index).unlink(missing_ok=True)
        self._counts.pop(index, None)

    def add_batch(
        self,
        index: int,
        source: str,
        batch: pa.RecordBatch,
        errors: pa.Table,
        rejected: pa.Array,
    ) -> None:
        """Record the ``rejected`` rows (``_hw_row`` values) of ``batch`` with their errors."""
        if len(rejected) == 0:
            return
        raw = pl.from_arrow(batch)
        assert isinstance(raw, pl.DataFrame)
        rows = raw.filter(pl.col(ROW_COLUMN).is_in(pl.Series("rejected", rejected).implode()))
        record = rows.select(
            pl.col(ROW_COLUMN).alias("_row"),
            pl.struct(pl.exclude(ROW_COLUMN)).struct.json_encode().alias("_corrupt_record"),
        )
        errs = _errors_by_row(errors, rejected)
        lines = record.join(errs, on="_row", how="left").with_columns(
            pl.lit(source).alias("_filename")
        )
        self._append(index, lines)

    def add_bad_rows(self, index: int, bad_rows: list[BadRow]) -> None:
        """Rows the reader could not parse (wrong field count, broken quoting)."""
        if not bad_rows:
            return
        lines = pl.DataFrame(
            {
                "_row": [b.row_number for b in bad_rows],
                "_corrupt_record": [b.raw for b in bad_rows],
                "_errors": [
                    [
                        {
                            "code": "1401",
                            "field": None,
                            "message": CORRUPT_ROW + b.message,
                        }
                    ]
                    for b in bad_rows
                ],
                "_filename": [b.source for b in bad_rows],
            }
        )
        self._append(index, lines)

    def _append(self, index: int, lines: pl.DataFrame) -> None:
        self.directory.mkdir(parents=True, exist_ok=True)
        with self.path_for(index).open("ab") as sink:
            lines.write_ndjson(sink)
        self._counts[index] = self._counts.get(index, 0) + lines.height


def _errors_by_row(errors: pa.Table, rejected: pa.Array) -> pl.DataFrame:
    frame = pl.from_arrow(errors)
    assert isinstance(frame, pl.DataFrame)
    return (
        frame.filter(pl.col("row").is_in(pl.Series("rejected", rejected).implode()))
        .group_by("row", maintain_order=True)
        .agg(pl.struct("code", "field", "message").alias("_errors"))
        .rename({"row": "_row"})
    )


def read_row_errors(path: Path, *, limit: int | None = None) -> list[dict[str, Any]]:
    """The recorded row errors of a file (for the Data Access API and tests)."""
    out: list[dict[str, Any]] = []
    with path.open() as source:
        for line in source:
            out.append(json.loads(line))
            if limit is not None and len(out) >= limit:
                break
    return out
