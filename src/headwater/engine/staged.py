"""The careful way through a run: every file staged whole before anything is committed.

A file that fails (corrupt, truncated, unreadable after retries) is set aside with its error
and contributes nothing; the staged rows of the others are committed when the failures and
rejected rows are within the partial-ingestion threshold. The pipeline takes this way when the
streamed one met a failing file.
"""

from __future__ import annotations

from pathlib import Path

import pyarrow as pa  # type: ignore[import-untyped]

from headwater import connectors
from headwater.engine.diagnostics import RowErrors
from headwater.engine.outcome import (
    PROCESSING_FAILED,
    commit_rows,
    committed,
    errors_path,
    failed,
    failure_code,
    file_outcome,
    without_commit,
)
from headwater.engine.plan import FileOutcome, RunOutcome, RunPlan
from headwater.engine.process import FileJob, opener, process_file
from headwater.engine.stage import read_staged
from headwater.errors import HeadwaterError


def staged_run(
    plan: RunPlan,
    jobs: list[FileJob],
    connector: connectors.Connector,
    row_errors: RowErrors,
    stage_schema: pa.Schema,
) -> RunOutcome:
    """Stage every file (retrying transient errors), then commit once or not at all."""
    outcomes: list[FileOutcome] = []
    staged: list[Path] = []
    for job in jobs:
        outcome, path = _stage_file(job, connector, row_errors)
        outcomes.append(outcome)
        if path is not None:
            staged.append(path)
    errors = errors_path(row_errors)
    failed_files = [o for o in outcomes if o.failed]
    if failed_files and plan.partial_ingestion_percent is None:
        first = failed_files[0]
        message = f"{first.file.path}: {first.error_message}"
        return failed(outcomes, first.error_code or PROCESSING_FAILED, message, errors)
    stop = without_commit(plan, outcomes, errors)
    if stop is not None:
        return stop
    try:
        commit = commit_rows(plan, stage_schema, read_staged(staged))
    except HeadwaterError as error:
        return failed(outcomes, failure_code(error), error.message, errors)
    return committed(outcomes, commit, errors)


def _stage_file(
    job: FileJob, connector: connectors.Connector, row_errors: RowErrors
) -> tuple[FileOutcome, Path | None]:
    def attempt() -> Path:
        result = process_file(job, opener(job, connector), row_errors)
        assert result.staged is not None
        outcomes.append(file_outcome(job, result))
        return result.staged.path

    outcomes: list[FileOutcome] = []
    try:
        path = connectors.retrying(attempt)
    except HeadwaterError as error:
        outcome = FileOutcome(job.file, error_code=failure_code(error), error_message=error.message)
        return outcome, None
    return outcomes[-1], path
