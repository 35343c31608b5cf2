"""Process one file: read (codec ∘ format) → map → validate → valid batches, row errors kept."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, BinaryIO, cast

import polars as pl
import pyarrow as pa  # type: ignore[import-untyped]
import pyarrow.compute as pc  # type: ignore[import-untyped]

from headwater import formats
from headwater.connectors import Connector, FileVersion
from headwater.engine.diagnostics import RowErrors
from headwater.engine.mapping import CompiledMapping
from headwater.engine.readahead import ReadAhead, reads_sequentially
from headwater.engine.stage import StagedFile
from headwater.engine.validate import validate
from headwater.formats import ROW_COLUMN, BadRow
from headwater.lake import ROW_NUMBER, SOURCE_FILE


@dataclass
class FileResult:
    """What processing one file produced (``staged`` holds its rows when it was staged)."""

    staged: StagedFile | None = None
    records_read: int = 0
    records_written: int = 0
    records_failed: int = 0
    bad_rows: list[BadRow] = field(default_factory=list)


@dataclass(frozen=True)
class FileJob:
    index: int
    file: FileVersion
    options: formats.FormatOptions
    codec: str | None
    mapping: CompiledMapping
    resolved_schema: dict[str, Any]
    stage_schema: pa.Schema
    stage_dir: Path


def process_file(
    job: FileJob, open_stream: Callable[[], BinaryIO], row_errors: RowErrors
) -> FileResult:
    """Stage the valid rows of ``job.file``; raise if the file cannot be read whole."""
    staged = StagedFile(job.stage_dir / f"{job.index}.arrow", job.stage_schema)
    result = FileResult(staged=staged)
    try:
        for batch in valid_batches(job, open_stream, row_errors, result):
            staged.write(batch)
    except BaseException:
        staged.discard()
        raise
    staged.close()
    return result


def opener(job: FileJob, connector: Connector) -> Callable[[], BinaryIO]:
    """How to open the job's file: read ahead of the parser when the format never seeks."""

    def open_stream() -> BinaryIO:
        if reads_sequentially(job.options, job.codec):
            return cast(BinaryIO, ReadAhead(connector.open(job.file, sequential=True)))
        return connector.open(job.file)

    return open_stream


def valid_batches(
    job: FileJob,
    open_stream: Callable[[], BinaryIO],
    row_errors: RowErrors,
    result: FileResult,
) -> Iterator[pa.RecordBatch]:
    """The valid rows of ``job.file`` in the staging schema, batch by batch.

    Rejected rows go to ``row_errors`` and the counts to ``result`` as the file is read. If
    reading fails, the file's row errors are discarded (a retried read must not record its rows
    twice) and the error propagates: batches already yielded must then be thrown away.
    """
    try:
        with open_stream() as stream:
            for member, batch in formats.read_file(
                stream,
                job.options,
                name=job.file.path,
                codec=job.codec,
                on_bad_row=result.bad_rows.append,
            ):
                yield _process_batch(job, member.source, batch, result, row_errors)
    except BaseException:
        row_errors.discard(job.index)
        raise
    row_errors.add_bad_rows(job.index, result.bad_rows)
    result.records_failed += len(result.bad_rows)
    result.records_read += len(result.bad_rows)


def _process_batch(
    job: FileJob, source: str, batch: pa.RecordBatch, result: FileResult, row_errors: RowErrors
) -> pa.RecordBatch:
    mapped = job.mapping.apply(batch)
    checked = validate(mapped.rows, job.resolved_schema)
    failing_rows = _rejected_by_mapping(mapped.errors)
    valid = checked.valid
    if len(failing_rows):
        keep = pc.invert(pc.is_in(valid.column(ROW_COLUMN), value_set=failing_rows))
        valid = valid.filter(keep)
    rejected = pc.unique(pa.concat_arrays([checked.rejected_rows, failing_rows]).cast(pa.int64()))
    errors = pa.concat_tables([mapped.errors, checked.errors], promote_options="permissive")
    row_errors.add_batch(job.index, source, batch, errors, rejected)
    result.records_read += batch.num_rows
    result.records_written += valid.num_rows
    result.records_failed += len(rejected)
    return _for_stage(valid, source, job.stage_schema)


def _rejected_by_mapping(errors: pa.Table) -> pa.Array:
    if errors.num_rows == 0:
        return pa.array([], pa.int64())
    frame = pl.from_arrow(errors)
    assert isinstance(frame, pl.DataFrame)
    rows = frame.filter(pl.col("severity") == "error").get_column("row").unique()
    return rows.to_arrow().cast(pa.int64())


def _for_stage(valid: pa.RecordBatch, source: str, schema: pa.Schema) -> pa.RecordBatch:
    """The valid rows with lineage columns, in the staging schema's column order."""
    columns = {name: valid.column(name) for name in valid.schema.names if name != ROW_COLUMN}
    columns[SOURCE_FILE] = pa.repeat(pa.scalar(source, pa.string()), valid.num_rows)
    columns[ROW_NUMBER] = valid.column(ROW_COLUMN).cast(pa.int64())
    arrays = [_column(columns, f, valid.num_rows) for f in schema]
    return pa.RecordBatch.from_arrays(arrays, schema=schema)


def _column(columns: dict[str, pa.Array], field_: pa.Field, rows: int) -> pa.Array:
    if field_.name not in columns:
        return pa.nulls(rows, field_.type)
    column = columns[field_.name]
    return column if column.type == field_.type else column.cast(field_.type)
