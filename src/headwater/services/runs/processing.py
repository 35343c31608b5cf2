"""Processing one run: claim its lease, discover files, execute the plan, record the outcome.

Crash-safe: the files a run takes are recorded before any row is read; a run whose worker died
is claimed again once its lease expires, and if its batch was already committed to the dataset
(the crash came between the commit and recording it) it is finalised without writing again.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from typing import Any

from sqlalchemy import and_, exists, or_, select, update
from sqlalchemy.orm import aliased

from headwater import clock, connectors, lake
from headwater.connectors import FileVersion
from headwater.engine import FileOutcome, RunOutcome, RunPlan
from headwater.engine.discover import select_files
from headwater.errors import HeadwaterError
from headwater.services.keys import Keys
from headwater.services.runs import ledger, planning
from headwater.services.runs.finish import finish_run
from headwater.services.runs.scopes import scope_for
from headwater.settings import Settings
from headwater.store import Database, Flow, Run

Execute = Callable[[RunPlan], RunOutcome]
LISTING_FAILED = "CONNECTOR-1001-500"
log = logging.getLogger("headwater.runs")


def process_run(
    db: Database, settings: Settings, keys: Keys, run_id: str, *, worker: str, execute: Execute
) -> bool:
    """Process ``run_id`` if this worker can claim it; True when it did."""
    if not _claim(db, run_id, worker, settings.run_lease_seconds):
        return False
    started = clock.now_ms()
    stop = _heartbeat(db, run_id, worker, settings.run_lease_seconds)
    try:  # the lease is renewed until the outcome is recorded or this worker gives up
        try:
            plan = _prepare(db, settings, keys, run_id)
            outcome = plan if isinstance(plan, RunOutcome) else _run(plan, execute)
        except Exception as error:  # a bug must fail the run visibly, not leave it in progress
            log.exception("run %s failed unexpectedly", run_id)
            message = (
                error.message
                if isinstance(error, HeadwaterError)
                else f"Internal error: {type(error).__name__}"
            )
            outcome = _failure((), "CONNECTOR-2001-500", message)
            plan = outcome
        finish_run(
            db,
            run_id,
            outcome,
            started=started,
            plan=plan if isinstance(plan, RunPlan) else None,
            worker=worker,
        )
    finally:
        stop.set()
    return True


def _claim(db: Database, run_id: str, worker: str, lease: int) -> bool:
    """Take the run's lease: it is queued (or its worker's lease ran out), and no other run of
    its flow is in progress. Runs of one flow go one at a time, so each discovers what the
    ones before it left: two at once would both take the same new file."""
    now = clock.now_s()
    with db.transaction() as session:
        flow_id = session.scalar(select(Run.flow_id).where(Run.id == run_id))
        if flow_id is None:
            return False
        # The flow's row serialises the claims of its runs (PostgreSQL; SQLite serialises writes).
        session.execute(select(Flow.id).where(Flow.id == flow_id).with_for_update())
        other = aliased(Run)
        busy = exists().where(
            other.flow_id == flow_id, other.status == "inProgress", other.id != run_id
        )
        claimed = session.execute(
            update(Run)
            .where(
                Run.id == run_id,
                or_(
                    Run.status == "queued",
                    and_(Run.status == "inProgress", Run.lease_expires_at < now),
                ),
                ~busy,
            )
            .values(status="inProgress", lease_owner=worker, lease_expires_at=now + lease)
        )
        return _rowcount(claimed) == 1


def _heartbeat(db: Database, run_id: str, worker: str, lease: int) -> threading.Event:
    stop = threading.Event()

    def beat() -> None:
        while not stop.wait(max(lease / 3, 0.5)):
            try:
                with db.transaction() as session:
                    session.execute(
                        update(Run)
                        .where(Run.id == run_id, Run.lease_owner == worker)
                        .values(lease_expires_at=clock.now_s() + lease)
                    )
            except Exception:  # a missed beat is retried; a dead heartbeat would lose the run
                log.warning("could not renew the lease of run %s", run_id, exc_info=True)

    threading.Thread(target=beat, name=f"lease-{run_id[:8]}", daemon=True).start()
    return stop


def _prepare(db: Database, settings: Settings, keys: Keys, run_id: str) -> RunPlan | RunOutcome:
    with db.transaction() as session:
        run = session.get(Run, run_id)
        assert run is not None
        flow = session.get(Flow, run.flow_id)
        if flow is None:
            return _failure((), "CONNECTOR-2001-500", "The run's flow no longer exists")
        scope = scope_for(session, run.org_id, run.sandbox_id, "headwater-worker")
        files = _recorded_files(run.body)
        if files is None:
            source = planning.source_plan(session, scope, settings, keys.fernet, flow)
            already = ledger.ingested_hashes(session, scope, flow.id)
            schedule = flow.body.get("scheduleParams") or {}
    if files is None:
        try:
            files = _discover(source, already, schedule)
        except HeadwaterError as error:
            return _failure((), LISTING_FAILED, error.message)
        _record_files(db, run_id, files)
    with db.transaction() as session:
        run = session.get(Run, run_id)
        flow = session.get(Flow, run.flow_id) if run else None
        assert run is not None
        assert flow is not None
        scope = scope_for(session, run.org_id, run.sandbox_id, "headwater-worker")
        try:
            return planning.run_plan(
                session,
                scope,
                settings,
                keys.fernet,
                flow,
                run_id=run_id,
                batch_id=run.body["_run"]["batchId"],
                files=files,
            )
        except HeadwaterError as error:
            return _failure(files, "CONNECTOR-2001-500", error.message)


def _discover(
    source: Any, already: frozenset[str], schedule: dict[str, Any]
) -> tuple[FileVersion, ...]:
    connector = connectors.open_connector(
        source.spec_id, source.auth_params, landing_zone_root=source.landing_zone_root
    )
    listed = connectors.retrying(
        lambda: list(connector.list(source.path, recursive=source.recursive))
    )
    not_before = None if schedule.get("backfill", True) else float(schedule.get("startTime", 0))
    return select_files(listed, already=already, not_before=not_before)


def _record_files(db: Database, run_id: str, files: tuple[FileVersion, ...]) -> None:
    with db.transaction() as session:
        run = session.get(Run, run_id)
        assert run is not None
        body = dict(run.body)
        body["_run"] = {**body["_run"], "files": [_file_doc(f) for f in files]}
        body["metrics"] = {"statusSummary": {"status": "inProgress", "errors": []}}
        run.body = body


def _run(plan: RunPlan, execute: Execute) -> RunOutcome:
    """Execute the plan; a batch found committed makes the run a success whatever else failed.

    A run recovered after a crash that came after its commit executes again to count its rows
    (the engine finds the commit and does not write it twice); if its files cannot be read
    any more, it reports the commit alone. A run whose commit landed but whose worker then
    saw an error (a lost reply from storage) is a success too.
    """
    outcome = execute(plan)
    if outcome.committed:
        return outcome
    existing = _batch_commit(plan)
    if existing is None:
        return outcome
    return RunOutcome(
        files=tuple(FileOutcome(f, bytes_read=f.size) for f in plan.files),
        committed=True,
        commit_version=existing.version,
        output_bytes=existing.bytes,
        output_files=existing.files,
        committed_rows=existing.rows,
        warnings=(f"recovered: {existing.rows} rows were already committed",),
    )


def _batch_commit(plan: RunPlan) -> lake.CommitResult | None:
    try:
        return lake.find_batch_commit(
            plan.target.table_uri, plan.batch_id, storage_options=plan.target.storage_options
        )
    except lake.TableNotFound:
        return None


def _rowcount(result: Any) -> int:
    # UPDATE results carry the matched row count (CursorResult); what every claim relies on.
    return int(result.rowcount)


def _failure(files: tuple[FileVersion, ...], code: str, message: str) -> RunOutcome:
    return RunOutcome(
        files=tuple(FileOutcome(f) for f in files),
        committed=False,
        error_code=code,
        error_message=message,
    )


def _file_doc(file: FileVersion) -> dict[str, Any]:
    return {"path": file.path, "size": file.size, "modified": file.modified, "etag": file.etag}


def _recorded_files(body: dict[str, Any]) -> tuple[FileVersion, ...] | None:
    files = body.get("_run", {}).get("files")
    if files is None:
        return None
    return tuple(FileVersion(f["path"], f["size"], f["modified"], f.get("etag")) for f in files)
