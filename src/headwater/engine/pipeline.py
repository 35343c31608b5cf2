"""The one place that composes the stages into a run.

A run commits all of its valid rows in exactly one Delta commit, or nothing. It first streams
every file straight into the writer (:mod:`headwater.engine.streamed`); if a file fails on the
way, that attempt is abandoned uncommitted and the run starts over the careful way
(:mod:`headwater.engine.staged`): each file staged whole, failing files set aside, the rest
committed when the partial-ingestion threshold allows.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pyarrow as pa  # type: ignore[import-untyped]

from headwater import connectors, formats
from headwater.connectors import FileVersion
from headwater.engine.diagnostics import RowErrors
from headwater.engine.mapping import CompiledMapping, compile_mapping, rules_from_mapping_set
from headwater.engine.outcome import PROCESSING_FAILED, failed
from headwater.engine.plan import FileOutcome, RunOutcome, RunPlan
from headwater.engine.process import FileJob
from headwater.engine.staged import staged_run
from headwater.engine.streamed import streamed_run
from headwater.errors import HeadwaterError
from headwater.lake import ROW_NUMBER, SOURCE_FILE, SYSTEM_FIELDS


def execute(plan: RunPlan) -> RunOutcome:
    """Run ``plan`` to its end; failures are reported in the outcome, not raised."""
    work = Path(plan.work_dir)
    stage_dir = work / "stage"
    stage_dir.mkdir(parents=True, exist_ok=True)
    try:
        return _execute(plan, stage_dir, work / "row_errors")
    finally:
        shutil.rmtree(stage_dir, ignore_errors=True)


def _execute(plan: RunPlan, stage_dir: Path, errors_dir: Path) -> RunOutcome:
    try:
        rules = rules_from_mapping_set(plan.mapping) if plan.mapping else None
        compiled = compile_mapping(rules, plan.target.resolved_schema)
    except HeadwaterError as error:
        return failed([FileOutcome(f) for f in plan.files], PROCESSING_FAILED, error.message)
    stage_schema = _stage_schema(compiled.schema)  # only the fields the mapping writes
    connector = connectors.open_connector(
        plan.source.spec_id,
        plan.source.auth_params,
        landing_zone_root=plan.source.landing_zone_root,
    )
    jobs = [_job(plan, i, f, compiled, stage_schema, stage_dir) for i, f in enumerate(plan.files)]
    outcome = streamed_run(plan, jobs, connector, _fresh(errors_dir), stage_schema)
    if outcome is None:
        outcome = staged_run(plan, jobs, connector, _fresh(errors_dir), stage_schema)
    return outcome


def _fresh(errors_dir: Path) -> RowErrors:
    # A run executed again (recovered after a crash, or the staged way after the streamed
    # one) starts its row errors afresh.
    shutil.rmtree(errors_dir, ignore_errors=True)
    return RowErrors(errors_dir)


def _job(
    plan: RunPlan,
    index: int,
    file: FileVersion,
    compiled: CompiledMapping,
    stage_schema: pa.Schema,
    stage_dir: Path,
) -> FileJob:
    codec = formats.compression_from_source(plan.source.data) or formats.infer_codec(file.path)
    return FileJob(
        index,
        file,
        formats.options_from_source(plan.source.data),
        codec,
        compiled,
        plan.target.resolved_schema,
        stage_schema,
        stage_dir,
    )


def _stage_schema(written: pa.Schema) -> pa.Schema:
    extra = [f for f in SYSTEM_FIELDS if f.name in (SOURCE_FILE, ROW_NUMBER)]
    return pa.schema(list(written) + extra)
