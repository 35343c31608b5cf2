"""The fast way through a run: rows stream from the files straight into the Delta writer.

Reading, mapping and validating run in a thread of their own (:class:`Prefetched`) while the
writer encodes Parquet. Nothing is visible until the writer commits, after the last batch: when
the rejected rows turn out to exceed the threshold, the stream raises instead of ending and the
write is abandoned (its files stay unreferenced, invisible to readers). A file that fails
cannot be taken back out of the stream, so then the run is abandoned here and the pipeline
takes the staged way, which sets failing files aside and retries transient errors.
"""

from __future__ import annotations

from collections.abc import Iterator

import pyarrow as pa  # type: ignore[import-untyped]

from headwater import connectors
from headwater.engine.diagnostics import RowErrors
from headwater.engine.outcome import (
    already_committed,
    commit_rows,
    committed,
    errors_path,
    failed,
    failure_code,
    file_outcome,
    without_commit,
)
from headwater.engine.plan import FileOutcome, RunOutcome, RunPlan
from headwater.engine.prefetch import Prefetched
from headwater.engine.process import FileJob, FileResult, opener, valid_batches
from headwater.errors import HeadwaterError


class _FileFailed(Exception):
    """A file could not be read whole: take the staged way."""


class _NoCommit(Exception):
    """Every file was read, and the run must not commit: ``outcome`` says why."""

    def __init__(self, outcome: RunOutcome) -> None:
        super().__init__("no commit")
        self.outcome = outcome


def streamed_run(
    plan: RunPlan,
    jobs: list[FileJob],
    connector: connectors.Connector,
    row_errors: RowErrors,
    stage_schema: pa.Schema,
) -> RunOutcome | None:
    """Run ``plan`` in one pass; ``None`` when a file failed (nothing was committed).

    Also ``None`` when the batch is committed already (a run recovered after a crash that
    came after its commit): the staged way then counts the files without committing again.
    """
    if already_committed(plan):
        return None
    outcomes: list[FileOutcome] = []
    rows = _rows(plan, jobs, connector, row_errors, outcomes)
    try:
        with Prefetched(rows, name=f"run-{plan.run_id}") as prefetched:
            commit = commit_rows(plan, stage_schema, prefetched)
    except _FileFailed:
        return None
    except _NoCommit as stop:
        return stop.outcome
    except HeadwaterError as error:
        return failed(outcomes, failure_code(error), error.message, errors_path(row_errors))
    return committed(outcomes, commit, errors_path(row_errors))


def _rows(
    plan: RunPlan,
    jobs: list[FileJob],
    connector: connectors.Connector,
    row_errors: RowErrors,
    outcomes: list[FileOutcome],
) -> Iterator[pa.RecordBatch]:
    for job in jobs:
        result = FileResult()
        try:
            yield from valid_batches(job, opener(job, connector), row_errors, result)
        except HeadwaterError as error:
            raise _FileFailed(job.file.path) from error
        outcomes.append(file_outcome(job, result))
    stop = without_commit(plan, outcomes, errors_path(row_errors))
    if stop is not None:
        raise _NoCommit(stop)
