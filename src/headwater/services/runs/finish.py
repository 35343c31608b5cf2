"""Recording a run's outcome: run metrics, Catalog batch, the flow's last run, the ledger."""

from __future__ import annotations

import logging
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from headwater import clock, ids
from headwater.engine import RunOutcome, RunPlan
from headwater.services import catalog
from headwater.services.runs import ledger
from headwater.services.runs.metrics import activities, run_metrics
from headwater.services.runs.scopes import scope_for
from headwater.store import Database, Flow, Run

log = logging.getLogger("headwater.runs")


def finish_run(
    db: Database,
    run_id: str,
    outcome: RunOutcome,
    *,
    started: int,
    plan: RunPlan | None,
    worker: str,
) -> None:
    """One transaction: the run, its batch, its flow's ``lastRunDetails`` and the ledger.

    Only while ``worker`` holds the run's lease: a worker whose lease ran out (another one
    recovered the run) records nothing.
    """
    completed = clock.now_ms()
    success = outcome.error_code is None
    with db.transaction() as session:
        run = _locked_run(session, run_id)
        if run.lease_owner != worker or run.status != "inProgress":
            log.warning("run %s: lease lost by %s; its outcome is not recorded", run_id, worker)
            return
        scope = scope_for(session, run.org_id, run.sandbox_id, "headwater-worker")
        batch_id = run.body["_run"]["batchId"]
        metrics = run_metrics(outcome, started=started, completed=completed, batch_id=batch_id)
        flow = session.get(Flow, run.flow_id)
        _record_run(run, flow, outcome, metrics, completed)
        catalog.update_batch_status(
            session,
            scope,
            batch_id,
            "success" if success else "failed",
            metrics=_batch_metrics(outcome),
            errors=_batch_errors(outcome),
            record_count=outcome.records_written,
            failed_record_count=outcome.records_failed,
        )
        if flow is not None:
            _note_last_run(flow, run_id, success, started, completed)
        if success and plan is not None:
            taken = [f.file for f in outcome.files if not f.failed]
            ledger.record_ingested(
                session, scope, run.flow_id, taken, run_id=run_id, batch_id=batch_id
            )


def _locked_run(session: Session, run_id: str) -> Run:
    # Locks in the order claims take them (the flow, then its run): no deadlock between one
    # worker finishing a run and another claiming the flow's next one.
    flow_id = session.scalar(select(Run.flow_id).where(Run.id == run_id))
    session.execute(select(Flow.id).where(Flow.id == flow_id).with_for_update())
    run = session.get(Run, run_id, with_for_update=True)
    assert run is not None
    return run


def _record_run(
    run: Run, flow: Flow | None, outcome: RunOutcome, metrics: dict[str, Any], completed: int
) -> None:
    body = dict(run.body)
    body["metrics"] = metrics
    if flow is not None:
        body["activities"] = activities(
            metrics,
            source_id=flow.body["sourceConnectionIds"][0],
            target_id=flow.body["targetConnectionIds"][0],
            batch_id=body["_run"]["batchId"],
            completed=completed,
        )
    body["_run"] = {**body["_run"], "rowErrors": outcome.row_errors_path}
    run.body = body
    run.status = "success" if outcome.error_code is None else "failed"
    run.lease_owner = None
    run.updated_at = completed
    run.etag = ids.new_etag()


def _note_last_run(flow: Flow, run_id: str, success: bool, started: int, completed: int) -> None:
    flow.body = {
        **flow.body,
        "lastRunDetails": {
            "id": run_id,
            "state": "success" if success else "failed",
            "startedAtUTC": started,
            "completedAtUTC": completed,
        },
    }


def _batch_metrics(outcome: RunOutcome) -> dict[str, Any]:
    return {
        "inputByteSize": outcome.bytes_read,
        "inputFileCount": len(outcome.files),
        "inputRecordCount": outcome.records_read,
        "outputRecordCount": outcome.records_written,
        "failedRecordCount": outcome.records_failed,
    }


def _batch_errors(outcome: RunOutcome) -> list[dict[str, Any]]:
    if outcome.error_code is None:
        return []
    return [{"code": outcome.error_code, "description": outcome.error_message or ""}]
