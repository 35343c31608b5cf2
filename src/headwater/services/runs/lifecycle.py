"""Creating runs and claiming work, safely when several schedulers share one database.

A due flow is claimed by moving its ``next_run_at`` with a conditional UPDATE; a run is claimed
by taking its lease the same way. Whoever's UPDATE changed the row owns the work.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import and_, exists, or_, select, update
from sqlalchemy.orm import Session, aliased

from headwater import clock
from headwater.errors import BadRequest
from headwater.services import catalog
from headwater.services.flow_service import resources as res
from headwater.services.flow_service.runs import KIND as RUNS
from headwater.services.runs.metrics import queued_metrics
from headwater.services.runs.processing import process_run
from headwater.services.runs.schedule import next_run_after
from headwater.services.runs.scopes import scope_for
from headwater.services.runs.wake import wake_after_commit
from headwater.store import Database, Flow, Run, Scope, TargetConnection, get

SYSTEM_CLIENT = "headwater-scheduler"
ACTIVE = ("queued", "inProgress")

__all__ = [
    "SYSTEM_CLIENT",
    "claim_due_flows",
    "create_run",
    "process_run",
    "recover_stale_runs",
    "retrigger_run",
    "runnable_runs",
]


def create_run(
    session: Session,
    scope: Scope,
    flow: Flow,
    *,
    trigger: str,
    params: dict[str, Any] | None = None,
) -> res.Written:
    """A queued run of ``flow`` with its Catalog batch (status ``loading``)."""
    target = get(session, TargetConnection, scope, flow.body["targetConnectionIds"][0])
    if target is None:
        raise BadRequest(f"Flow {flow.id} has no target connection any more", code="1380")
    dataset_id = str(target.body["params"]["dataSetId"])
    batch = catalog.create_batch(
        session,
        scope,
        dataset_id,
        status="loading",
        tags={"acp_producer": ["headwater"], "flowId": [flow.id]},
    )
    now = clock.now_s()
    body: dict[str, Any] = {
        "flowId": flow.id,
        "flowSpec": flow.body.get("flowSpec"),
        "params": params or {"startTime": now, "windowStartTime": now, "windowEndTime": now},
        "metrics": queued_metrics("scheduled"),
        "activities": [],
        "_run": {"batchId": batch["id"], "trigger": trigger, "files": None},
    }
    wake_after_commit(session)
    return res.insert(session, scope, Run(flow_id=flow.id, status="queued"), body)


def claim_due_flows(db: Database, *, now: int) -> list[str]:
    """Start a run for every enabled flow whose time has come; returns the new run ids."""
    with db.transaction() as session:
        due = session.execute(
            select(Flow.id, Flow.next_run_at).where(
                Flow.state == "enabled", Flow.next_run_at.is_not(None), Flow.next_run_at <= now
            )
        ).all()
    started = []
    for flow_id, due_at in due:
        run_id = _claim_flow(db, flow_id, int(due_at or 0), now)
        if run_id:
            started.append(run_id)
    return started


def _claim_flow(db: Database, flow_id: str, due_at: int, now: int) -> str | None:
    with db.transaction() as session:
        flow = session.get(Flow, flow_id)
        if flow is None or flow.next_run_at != due_at:
            return None
        following = next_run_after(flow.body.get("scheduleParams") or {}, due_at, now)
        claimed = session.execute(
            update(Flow)
            .where(Flow.id == flow_id, Flow.next_run_at == due_at)
            .values(next_run_at=following)
        )
        if _rowcount(claimed) != 1:  # another scheduler took it
            return None
        if _has_active_run(session, flow_id):
            return None  # the previous run is still going: this slot is skipped
        scope = scope_for(session, flow.org_id, flow.sandbox_id, SYSTEM_CLIENT)
        return create_run(session, scope, flow, trigger="schedule").id


def _has_active_run(session: Session, flow_id: str) -> bool:
    stmt = select(Run.id).where(Run.flow_id == flow_id, Run.status.in_(ACTIVE)).limit(1)
    return session.scalars(stmt).first() is not None


def _rowcount(result: Any) -> int:
    return int(result.rowcount)


def runnable_runs(db: Database, *, now: int, limit: int) -> list[str]:
    """Queued runs, and in-progress runs whose worker's lease expired (a crashed worker).

    A queued run waits while another run of its flow is in progress (``process_run`` would not
    claim it), so it does not take the place of another flow's run.
    """
    other = aliased(Run)
    busy = exists().where(
        other.flow_id == Run.flow_id, other.status == "inProgress", other.id != Run.id
    )
    with db.transaction() as session:
        stmt = (
            select(Run.id)
            .where(
                or_(
                    and_(Run.status == "queued", ~busy),
                    and_(Run.status == "inProgress", Run.lease_expires_at < now),
                )
            )
            .order_by(Run.created_at)
            .limit(limit)
        )
        return list(session.scalars(stmt))


recover_stale_runs = runnable_runs


def retrigger_run(db: Database, scope: Scope, run_id: str) -> res.Written:
    """A new run for a failed run's flow (its files are not in the ledger, so they are retried)."""
    with db.transaction() as session:
        run = get(session, Run, scope, run_id)
        if run is None:
            raise _run_not_found(run_id)
        if run.status != "failed":
            raise BadRequest(
                f"Run {run_id} is {run.status}; only failed runs can be re-triggered", code="1387"
            )
        flow = get(session, Flow, scope, run.flow_id)
        if flow is None or flow.state != "enabled":
            raise BadRequest("The run's flow must be enabled to re-trigger it", code="1388")
        return create_run(session, scope, flow, trigger="re-trigger")


def _run_not_found(run_id: str) -> Exception:
    return RUNS.not_found(run_id)
