"""Crash recovery: a server killed in the middle of a run, and a crash between commit and record.

The first test runs real ``headwater serve`` processes: one is killed with SIGKILL while its run
is in progress, another is started on the same data directory and must finish that run with
every row of the file exactly once. The second reproduces, in process and deterministically, a
worker dying after the Delta commit but before the metadata store recorded it.
"""

from __future__ import annotations

import dataclasses
import os
import signal
import time
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import func, select, update

from headwater import clock
from headwater.engine.pipeline import execute
from headwater.services import runs
from headwater.services.keys import load_keys
from headwater.settings import Settings
from headwater.store import Database, IngestedFile, Run
from support.flows import (
    CATALOG,
    FS,
    LocalApi,
    build_flow,
    ledger_paths,
    row_counts,
    runs_of,
    status_of,
    table_uri,
    tsv,
    wait_for_runs,
    wait_for_status,
    write_commits,
)
from support.moto_server import MotoServer, put_objects, s3_auth_params, unique_bucket
from support.servers import FAST, on, serve


@pytest.mark.slow
def test_a_server_killed_mid_run_is_recovered_with_every_row_once(
    moto: MotoServer, tmp_path: Path
) -> None:
    rows = 2_000_000  # seconds of work: the run is surely in progress when it is killed
    bucket = unique_bucket()
    put_objects(moto, bucket, {"big/leads.tsv": tsv(rows)})
    data_dir = tmp_path / "data"

    with serve(data_dir, **FAST) as first:
        tenant = first.new_tenant()
        api = on(first, tenant)
        ids = build_flow(api, auth=s3_auth_params(moto), path=f"/{bucket}/big/*.tsv")
        running = wait_for_status(api, ids["flow"], "inProgress")
        time.sleep(0.5)  # into reading the file
        (still,) = runs_of(api, ids["flow"])
        assert status_of(still) == "inProgress", "the run ended too soon: make the file bigger"
        os.kill(first.process.pid, signal.SIGKILL)
        first.process.wait(timeout=10)

    with serve(data_dir, **FAST) as second:
        api = on(second, tenant)
        (run,) = wait_for_runs(api, ids["flow"], 1, timeout=120)
        assert run["id"] == running["id"]
        assert status_of(run) == "success", run["metrics"]
        assert run["metrics"]["recordSummary"]["outputRecordCount"] == rows
        uri = table_uri(data_dir, tenant.org_id, run["sandboxId"], ids["dataset"])
        assert row_counts(uri) == (rows, rows)
        assert len(write_commits(uri)) == 1
        assert ledger_paths(second.database_url, ids["flow"]) == [f"/{bucket}/big/leads.tsv"]
        batch_id = run["activities"][1]["targetInfo"][0]["reference"]["ids"][0]
        batch = api.call("GET", f"{CATALOG}/batches/{batch_id}")[batch_id]
        assert batch["status"] == "success"

        # The file is in the ledger: an on-demand run takes nothing and writes nothing.
        api.created(f"{FS}/runs", {"flowId": ids["flow"]})
        again = wait_for_runs(api, ids["flow"], 2)[1]
        assert status_of(again) == "success", again["metrics"]
        assert again["metrics"]["fileSummary"]["inputFileCount"] == 0
        assert row_counts(uri) == (rows, rows)
        assert len(write_commits(uri)) == 1


class WorkerDied(BaseException):
    """Stands for the process dying: not an ``Exception``, so nothing records the run."""


def test_a_crash_between_the_commit_and_its_record_never_commits_twice(
    moto: MotoServer, settings: Settings, db: Database, tenant: Any
) -> None:
    rows = 1_000
    bucket = unique_bucket()
    put_objects(moto, bucket, {"in/leads.tsv": tsv(rows)})
    api = LocalApi(tenant)
    # Due in an hour: no scheduler takes it; the run is made on demand (the database is shared
    # with other tests, whose due flows are not ours to claim).
    later = {"startTime": int(time.time()) + 3600, "frequency": "once"}
    ids = build_flow(api, auth=s3_auth_params(moto), path=f"/{bucket}/in/*.tsv", schedule=later)
    run_id = api.created(f"{FS}/runs", {"flowId": ids["flow"]})["id"]
    keys = load_keys(settings)

    def commit_then_die(plan: Any) -> Any:
        execute(plan)  # the engine's real run: stage every row, one Delta commit
        raise WorkerDied

    with pytest.raises(WorkerDied):
        runs.process_run(db, settings, keys, run_id, worker="first", execute=commit_then_die)
    with db.transaction() as session:
        run = session.get(Run, run_id)
        assert run is not None
        assert run.status == "inProgress"  # nothing recorded the outcome
        sandbox_id = run.sandbox_id
        # The dead worker's lease runs out.
        session.execute(
            update(Run).where(Run.id == run_id).values(lease_expires_at=clock.now_s() - 1)
        )
    uri = table_uri(settings.data_dir, tenant.org_id, sandbox_id, ids["dataset"])
    assert len(write_commits(uri)) == 1
    assert run_id in runs.runnable_runs(db, now=clock.now_s(), limit=1_000)

    calls: list[str] = []

    def counting(plan: Any) -> Any:
        calls.append(plan.run_id)
        return execute(plan)

    assert runs.process_run(db, settings, keys, run_id, worker="second", execute=counting)
    # The engine ran again to count the rows, found the batch's commit and did not write again.
    assert calls == [run_id]
    assert len(write_commits(uri)) == 1
    assert row_counts(uri) == (rows, rows)
    reply = api.call("GET", f"{FS}/runs/{run_id}")["items"][0]
    metrics = reply["metrics"]
    assert metrics["statusSummary"]["status"] == "success", metrics
    assert metrics["recordSummary"]["outputRecordCount"] == rows
    assert metrics["recordSummary"]["inputRecordCount"] == rows
    assert metrics["recordSummary"]["failedRecordCount"] == 0
    with db.transaction() as session:
        stmt = select(func.count()).where(IngestedFile.flow_id == ids["flow"])
        assert session.scalar(stmt) == 1
    batch_id = reply["activities"][1]["targetInfo"][0]["reference"]["ids"][0]
    batch = api.call("GET", f"{CATALOG}/batches/{batch_id}")
    assert batch[batch_id]["status"] == "success"
    # A worker that comes late (its claim failed) does nothing.
    assert not runs.process_run(db, settings, keys, run_id, worker="third", execute=counting)


def test_a_run_whose_commit_landed_is_a_success_even_if_its_worker_saw_an_error(
    moto: MotoServer, settings: Settings, db: Database, tenant: Any
) -> None:
    bucket = unique_bucket()
    put_objects(moto, bucket, {"in/leads.tsv": tsv(10)})
    api = LocalApi(tenant)
    later = {"startTime": int(time.time()) + 3600, "frequency": "once"}
    ids = build_flow(api, auth=s3_auth_params(moto), path=f"/{bucket}/in/*.tsv", schedule=later)
    run_id = api.created(f"{FS}/runs", {"flowId": ids["flow"]})["id"]

    def commit_then_lose_the_reply(plan: Any) -> Any:
        done = execute(plan)
        assert done.committed
        return dataclasses.replace(
            done, committed=False, error_code="CONNECTOR-1001-500", error_message="timed out"
        )

    keys = load_keys(settings)
    assert runs.process_run(
        db, settings, keys, run_id, worker="w", execute=commit_then_lose_the_reply
    )
    reply = api.call("GET", f"{FS}/runs/{run_id}")["items"][0]
    assert reply["metrics"]["statusSummary"]["status"] == "success", reply["metrics"]
    assert reply["metrics"]["recordSummary"]["outputRecordCount"] == 10
