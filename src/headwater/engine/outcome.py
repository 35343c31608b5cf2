"""What a run's files add up to: the threshold decision, the commit, and the run's outcome."""

from __future__ import annotations

from collections.abc import Iterable

import pyarrow as pa  # type: ignore[import-untyped]

from headwater import lake, xdm
from headwater.engine.diagnostics import RowErrors
from headwater.engine.plan import FileOutcome, RunOutcome, RunPlan
from headwater.engine.process import FileJob, FileResult
from headwater.errors import HeadwaterError

COPY_FAILED = "CONNECTOR-1001-500"
PROCESSING_FAILED = "CONNECTOR-2001-500"
DATA_ERRORS = "INGEST-1212-400"


def file_outcome(job: FileJob, result: FileResult) -> FileOutcome:
    """A file read whole: its counts."""
    return FileOutcome(
        job.file,
        records_read=result.records_read,
        records_written=result.records_written,
        records_failed=result.records_failed,
        bytes_read=job.file.size,
    )


def over_threshold(plan: RunPlan, outcomes: list[FileOutcome]) -> str | None:
    """Why the run's rejected rows forbid its commit, or ``None`` when they do not."""
    read = sum(o.records_read for o in outcomes)
    failed = sum(o.records_failed for o in outcomes)
    written = sum(o.records_written for o in outcomes)
    if failed == 0:
        return None
    message = f"Encountered {failed} errors in the data. Successfully ingested {written} rows."
    limit = plan.partial_ingestion_percent
    if limit is None:
        return message + " Enable partial ingestion to commit the valid rows."
    if read and failed * 100.0 / read > limit:
        return f"{message} The error rate {failed * 100.0 / read:.2f}% exceeds {limit}%."
    return None


def without_commit(
    plan: RunPlan, outcomes: list[FileOutcome], errors: str | None
) -> RunOutcome | None:
    """The outcome of a run whose files were all read but whose rows must not be committed
    (rejected rows over the threshold, or none to write); ``None`` when it may commit."""
    reason = over_threshold(plan, outcomes)
    if reason:
        return failed(outcomes, DATA_ERRORS, reason, errors)
    if sum(o.records_written for o in outcomes) == 0:
        return RunOutcome(files=tuple(outcomes), committed=False, row_errors_path=errors)
    return None


def failure_code(error: HeadwaterError) -> str:
    """A copy error when it may pass on a retry, a processing error otherwise."""
    return COPY_FAILED if error.transient else PROCESSING_FAILED


def errors_path(row_errors: RowErrors) -> str | None:
    return str(row_errors.directory) if row_errors.count else None


def failed(
    outcomes: Iterable[FileOutcome], code: str, message: str, errors: str | None = None
) -> RunOutcome:
    return RunOutcome(
        files=tuple(outcomes),
        committed=False,
        error_code=code,
        error_message=message,
        row_errors_path=errors,
    )


def commit_rows(
    plan: RunPlan, stage_schema: pa.Schema, batches: Iterable[pa.RecordBatch]
) -> lake.CommitResult:
    """Append the run's valid rows (in the staging schema) to its dataset as one commit.

    The table is created with the dataset's whole schema; the batches carry only the columns
    the mapping writes (see ``CompiledMapping.schema``).
    """
    written = pa.schema([f for f in stage_schema if f.name not in lake.SYSTEM_NAMES])
    return lake.commit_batch(
        plan.target.table_uri,
        lake.table_schema(written),
        batches,
        batch_id=plan.batch_id,
        storage_options=plan.target.storage_options,
        table_schema=lake.table_schema(xdm.arrow_schema(plan.target.resolved_schema)),
    )


def already_committed(plan: RunPlan) -> bool:
    """Whether the dataset holds the commit of this run's batch (looked up in its log)."""
    try:
        found = lake.find_batch_commit(
            plan.target.table_uri, plan.batch_id, storage_options=plan.target.storage_options
        )
    except lake.TableNotFound:
        return False
    return found is not None


def committed(
    outcomes: Iterable[FileOutcome], commit: lake.CommitResult, errors: str | None
) -> RunOutcome:
    return RunOutcome(
        files=tuple(outcomes),
        committed=True,
        commit_version=commit.version,
        output_bytes=commit.bytes,
        output_files=commit.files,
        row_errors_path=errors,
    )
