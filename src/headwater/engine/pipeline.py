"""The one place that composes the stages into a run.

Every file is processed into a staged Arrow file; then, if the run may commit (no failed file
and rejected rows within the partial-ingestion threshold), the staged rows of all files go to
the dataset in exactly one Delta commit. Otherwise nothing is committed.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pyarrow as pa  # type: ignore[import-untyped]

from headwater import connectors, formats, lake, xdm
from headwater.connectors import FileVersion
from headwater.engine.diagnostics import RowErrors
from headwater.engine.mapping import compile_mapping, rules_from_mapping_set
from headwater.engine.plan import FileOutcome, RunOutcome, RunPlan
from headwater.engine.process import FileJob, FileResult, process_file
from headwater.engine.stage import read_staged
from headwater.errors import HeadwaterError

COPY_FAILED = "CONNECTOR-1001-500"
PROCESSING_FAILED = "CONNECTOR-2001-500"
DATA_ERRORS = "INGEST-1212-400"


def execute(plan: RunPlan) -> RunOutcome:
    """Run ``plan`` to its end; failures are reported in the outcome, not raised."""
    work = Path(plan.work_dir)
    stage_dir = work / "stage"
    stage_dir.mkdir(parents=True, exist_ok=True)
    # A run executed again (recovered after a crash) starts its row errors afresh.
    shutil.rmtree(work / "row_errors", ignore_errors=True)
    row_errors = RowErrors(work / "row_errors")
    try:
        return _execute(plan, stage_dir, row_errors)
    finally:
        shutil.rmtree(stage_dir, ignore_errors=True)


def _execute(plan: RunPlan, stage_dir: Path, row_errors: RowErrors) -> RunOutcome:
    resolved = plan.target.resolved_schema
    dataset_schema = xdm.arrow_schema(resolved)
    stage_schema = _stage_schema(dataset_schema)
    try:
        rules = rules_from_mapping_set(plan.mapping) if plan.mapping else None
        compiled = compile_mapping(rules, resolved)
    except HeadwaterError as error:
        return _failed([FileOutcome(f) for f in plan.files], PROCESSING_FAILED, error.message)
    connector = connectors.open_connector(
        plan.source.spec_id,
        plan.source.auth_params,
        landing_zone_root=plan.source.landing_zone_root,
    )
    outcomes, staged = [], []
    for index, file in enumerate(plan.files):
        job = FileJob(
            index,
            file,
            formats.options_from_source(plan.source.data),
            _codec(plan, file),
            compiled,
            resolved,
            stage_schema,
            stage_dir,
        )
        outcome, result = _run_file(job, connector, row_errors)
        outcomes.append(outcome)
        if result is not None:
            staged.append(result.staged.path)
    return _finish(plan, outcomes, staged, stage_schema, row_errors)


def _run_file(
    job: FileJob, connector: connectors.Connector, row_errors: RowErrors
) -> tuple[FileOutcome, FileResult | None]:
    def attempt() -> FileResult:
        return process_file(job, lambda: connector.open(job.file), row_errors)

    try:
        result = connectors.retrying(attempt)
    except HeadwaterError as error:
        code = COPY_FAILED if error.transient else PROCESSING_FAILED
        return FileOutcome(job.file, error_code=code, error_message=error.message), None
    return FileOutcome(
        job.file,
        records_read=result.records_read,
        records_written=result.records_written,
        records_failed=result.records_failed,
        bytes_read=job.file.size,
    ), result


def _finish(
    plan: RunPlan,
    outcomes: list[FileOutcome],
    staged: list[Path],
    stage_schema: pa.Schema,
    row_errors: RowErrors,
) -> RunOutcome:
    errors_path = str(row_errors.directory) if row_errors.count else None
    failed_files = [o for o in outcomes if o.failed]
    if failed_files and plan.partial_ingestion_percent is None:
        first = failed_files[0]
        return _failed(
            outcomes,
            first.error_code or PROCESSING_FAILED,
            f"{first.file.path}: {first.error_message}",
            errors_path,
        )
    reason = _over_threshold(plan, outcomes)
    if reason:
        return _failed(outcomes, DATA_ERRORS, reason, errors_path)
    if sum(o.records_written for o in outcomes) == 0:
        return RunOutcome(files=tuple(outcomes), committed=False, row_errors_path=errors_path)
    schema = lake.table_schema(_dataset_part(stage_schema))
    try:
        commit = lake.commit_batch(
            plan.target.table_uri,
            schema,
            read_staged(staged),
            batch_id=plan.batch_id,
            storage_options=plan.target.storage_options,
        )
    except HeadwaterError as error:
        return _failed(
            outcomes,
            COPY_FAILED if error.transient else PROCESSING_FAILED,
            error.message,
            errors_path,
        )
    return RunOutcome(
        files=tuple(outcomes),
        committed=True,
        commit_version=commit.version,
        output_bytes=commit.bytes,
        output_files=commit.files,
        row_errors_path=errors_path,
    )


def _over_threshold(plan: RunPlan, outcomes: list[FileOutcome]) -> str | None:
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


def _failed(
    outcomes: list[FileOutcome], code: str, message: str, errors_path: str | None = None
) -> RunOutcome:
    return RunOutcome(
        files=tuple(outcomes),
        committed=False,
        error_code=code,
        error_message=message,
        row_errors_path=errors_path,
    )


def _codec(plan: RunPlan, file: FileVersion) -> str | None:
    return formats.compression_from_source(plan.source.data) or formats.infer_codec(file.path)


def _stage_schema(dataset_schema: pa.Schema) -> pa.Schema:
    extra = [f for f in lake.SYSTEM_FIELDS if f.name in (lake.SOURCE_FILE, lake.ROW_NUMBER)]
    return pa.schema(list(dataset_schema) + extra)


def _dataset_part(stage_schema: pa.Schema) -> pa.Schema:
    return pa.schema([f for f in stage_schema if f.name not in lake.SYSTEM_NAMES])
