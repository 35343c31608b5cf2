"""Scheduling: runs start on time, only for enabled flows, once per due slot, within bounds.

The first tests run against a live ``headwater serve`` with a 0.2 s tick. The concurrency tests
run ``Scheduler`` instances in process on a database of their own (SQLite, and PostgreSQL when
``HEADWATER_TEST_POSTGRES_URL`` is set), each instance with its own connection pool as if it
were another process; with PostgreSQL, two server processes also share one database.
"""

from __future__ import annotations

import os
import threading
import time
import uuid
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import create_engine, func, select, text, update

from headwater import clock
from headwater.api.app import create_app
from headwater.engine import RunOutcome, RunPlan
from headwater.runtime import LocalRuntime
from headwater.scheduler import Scheduler
from headwater.services import runs, tenancy
from headwater.services.keys import Keys, load_keys
from headwater.settings import Settings
from headwater.store import Database, Run
from headwater.store.migrate import upgrade
from support.flows import (
    FS,
    Api,
    LocalApi,
    build_flow,
    row_counts,
    runs_of,
    status_of,
    table_uri,
    tsv,
    wait_for_runs,
    write_commits,
)
from support.moto_server import MotoServer, put_objects, s3_auth_params, unique_bucket
from support.servers import FAST, Server, on, serve, serve_many

POSTGRES = os.environ.get("HEADWATER_TEST_POSTGRES_URL")
TICK_MS = 200


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    with serve(tmp_path_factory.mktemp("schedule"), **FAST) as running:
        yield running


@pytest.fixture
def api(server: Server) -> Api:
    return Api(server.new_tenant())


def wait_for_count(api: Api, flow_id: str, count: int, timeout: float = 30) -> list[dict[str, Any]]:
    """The flow's runs once there are ``count`` of them, whatever their status."""
    deadline = time.monotonic() + timeout
    seen: list[dict[str, Any]] = []
    while time.monotonic() < deadline:
        seen = runs_of(api, flow_id)
        if len(seen) >= count:
            return seen
        time.sleep(0.05)
    raise AssertionError(f"flow {flow_id} has {len(seen)} runs, not {count}, after {timeout}s")


def sleep_until(epoch_seconds: float) -> None:
    time.sleep(max(0.0, epoch_seconds - time.time()))


def a_file(moto: MotoServer, rows: int = 3) -> tuple[str, dict[str, str]]:
    """A bucket with one TSV file of ``rows`` rows: the flow's path and S3 credentials."""
    bucket = unique_bucket()
    put_objects(moto, bucket, {"in/a.tsv": tsv(rows)})
    return f"/{bucket}/in/*.tsv", s3_auth_params(moto)


# --- a live server ---------------------------------------------------------------------------


def test_a_flow_gets_its_run_within_a_second_of_its_start_time(api: Api, moto: MotoServer) -> None:
    path, auth = a_file(moto)
    start = int(time.time()) + 2
    schedule = {"startTime": start, "frequency": "minute", "interval": 15}
    later = build_flow(api, auth=auth, path=path, schedule=schedule)["flow"]
    # A start time that has already come: the run starts at once.
    now = build_flow(api, auth=auth, path=path)["flow"]
    flow = api.call("GET", f"{FS}/flows/{now}")["items"][0]
    (first,) = wait_for_count(api, now, 1)
    assert 0 <= first["createdAt"] - flow["createdAt"] < 1000

    (run,) = wait_for_count(api, later, 1)
    assert start * 1000 <= run["createdAt"] < start * 1000 + 1000
    (done,) = wait_for_runs(api, later, 1)
    assert status_of(done) == "success", done["metrics"]
    time.sleep(5 * TICK_MS / 1000)
    assert len(runs_of(api, later)) == 1  # the next slot is 15 minutes away


def test_a_disabled_flow_gets_no_run_until_it_is_enabled(api: Api, moto: MotoServer) -> None:
    path, auth = a_file(moto)
    start = int(time.time()) + 2
    flow = build_flow(
        api, auth=auth, path=path, schedule={"startTime": start, "frequency": "once"}
    )["flow"]
    api.call("POST", f"{FS}/flows/{flow}/action", params={"op": "disable"})
    sleep_until(start + 1.5)
    assert runs_of(api, flow) == []

    enabled_at = clock.now_ms()
    api.call("POST", f"{FS}/flows/{flow}/action", params={"op": "enable"})
    (run,) = wait_for_runs(api, flow, 1)
    assert run["createdAt"] - enabled_at < 1000
    assert status_of(run) == "success", run["metrics"]
    assert run["metrics"]["fileSummary"]["inputFileCount"] == 1


def test_backfill_false_skips_files_from_before_the_start_time(
    server: Server, api: Api, moto: MotoServer
) -> None:
    bucket = unique_bucket()
    put_objects(moto, bucket, {"in/old.tsv": tsv(2)})
    sleep_until(int(time.time()) + 1.05)  # the next second: old.tsv is strictly older
    start = int(time.time())
    put_objects(moto, bucket, {"in/new.tsv": tsv(3, start=100)})
    auth, path = s3_auth_params(moto), f"/{bucket}/in/*.tsv"
    periodic = {"startTime": start, "frequency": "minute", "interval": 15}
    new_only = build_flow(api, auth=auth, path=path, schedule={**periodic, "backfill": False})
    everything = build_flow(api, auth=auth, path=path, schedule={**periodic, "backfill": True})

    (run,) = wait_for_runs(api, new_only["flow"], 1)
    assert status_of(run) == "success", run["metrics"]
    assert run["metrics"]["fileSummary"]["inputFileCount"] == 1
    uri = table_uri(server.data_dir, api.tenant.org_id, run["sandboxId"], new_only["dataset"])
    assert row_counts(uri) == (3, 3)

    (run,) = wait_for_runs(api, everything["flow"], 1)
    assert run["metrics"]["fileSummary"]["inputFileCount"] == 2
    assert run["metrics"]["recordSummary"]["outputRecordCount"] == 5


def test_a_failed_run_re_triggered_after_the_fix_ingests_the_file(
    server: Server, api: Api, moto: MotoServer
) -> None:
    bucket = unique_bucket()
    broken = tsv(3).decode() + "3\tonly-two-fields\n"
    put_objects(moto, bucket, {"in/a.tsv": broken.encode()})
    ids = build_flow(api, auth=s3_auth_params(moto), path=f"/{bucket}/in/*.tsv")
    (failed,) = wait_for_runs(api, ids["flow"], 1)
    assert status_of(failed) == "failed"
    assert failed["metrics"]["statusSummary"]["errors"][0]["code"] == "INGEST-1212-400"

    put_objects(moto, bucket, {"in/a.tsv": tsv(4)})  # fixed at the source
    action = f"{FS}/runs/{failed['id']}/action"
    retried = api.call("POST", action, params={"op": "re-trigger"})
    first, second = wait_for_runs(api, ids["flow"], 2)
    assert (first["id"], second["id"]) == (failed["id"], retried["id"])
    assert status_of(second) == "success", second["metrics"]
    assert second["metrics"]["fileSummary"]["inputFileCount"] == 1
    assert second["metrics"]["recordSummary"]["outputRecordCount"] == 4
    uri = table_uri(server.data_dir, api.tenant.org_id, second["sandboxId"], ids["dataset"])
    assert row_counts(uri) == (4, 4)
    # Only failed runs can be re-triggered.
    reply = api.call("POST", f"{FS}/runs/{second['id']}/action", 400, params={"op": "re-trigger"})
    assert "1387" in str(reply)


# --- schedulers in process, on a database of their own ----------------------------------------


@dataclass
class Store:
    settings: Settings
    db: Database
    client: TestClient
    tenant: Any


@dataclass
class Tenant:
    """What ``LocalApi`` needs of a tenant: ``request`` through the in-process app."""

    client: TestClient
    headers: dict[str, str]
    org_id: str

    def request(self, method: str, path: str, **kwargs: Any) -> Any:
        return self.client.request(method, path, headers=self.headers, **kwargs)


def _backends() -> list[str]:
    return ["sqlite", "postgresql"] if POSTGRES else ["sqlite"]


def _postgres_database(server_url: str) -> Iterator[str]:
    name = f"headwater_sched_{uuid.uuid4().hex[:10]}"
    admin = create_engine(
        server_url.replace("postgresql://", "postgresql+psycopg://", 1),
        isolation_level="AUTOCOMMIT",
    )
    with admin.connect() as conn:
        conn.execute(text(f'CREATE DATABASE "{name}"'))
    try:
        yield f"{server_url.rsplit('/', 1)[0]}/{name}"
    finally:
        with admin.connect() as conn:
            conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()


@pytest.fixture(params=_backends())
def store_url(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    if request.param == "sqlite":
        yield f"sqlite:///{tmp_path / 'headwater.db'}"
    else:
        assert POSTGRES is not None
        yield from _postgres_database(POSTGRES)


@pytest.fixture
def store(store_url: str, tmp_path: Path) -> Iterator[Store]:
    """A migrated database of this test alone, the API over it, and a tenant."""
    settings = Settings(
        data_dir=tmp_path / "data",
        database_url=store_url,
        scheduler_tick_seconds=0.05,
        run_lease_seconds=5,
        max_parallel_runs=2,
    )
    upgrade(store_url)
    db = Database(store_url)
    org_id = f"ORG{uuid.uuid4().hex[:12].upper()}@AdobeOrg"
    creds = tenancy.create_credentials(db, org_id)
    with TestClient(create_app(settings, db=db)) as client:
        reply = client.post(
            "/ims/token/v3",
            data={
                "grant_type": "client_credentials",
                "client_id": creds.client_id,
                "client_secret": creds.client_secret,
            },
        )
        headers = {
            "Authorization": f"Bearer {reply.json()['access_token']}",
            "x-api-key": creds.client_id,
            "x-gw-ims-org-id": org_id,
            "x-sandbox-name": "prod",
        }
        yield Store(settings, db, client, Tenant(client, headers, org_id))
    db.dispose()


class Recording:
    """The local runtime, noting which worker executed which run and how many at once."""

    def __init__(self, *, pause: float = 0.0) -> None:
        self.pause = pause
        self.executed: list[str] = []
        self.running = 0
        self.most = 0
        self._lock = threading.Lock()
        self._inner = LocalRuntime()

    def warm_up(self) -> None:
        self._inner.warm_up()

    def execute(self, plan: RunPlan) -> RunOutcome:
        with self._lock:
            self.executed.append(plan.run_id)
            self.running += 1
            self.most = max(self.most, self.running)
        try:
            time.sleep(self.pause)
            return self._inner.execute(plan)
        finally:
            with self._lock:
                self.running -= 1


def flows(store: Store, moto: MotoServer, count: int, start: int) -> list[dict[str, str]]:
    """``count`` once-flows due at ``start``, each over a file of its own (3 rows)."""
    made = []
    for _ in range(count):
        path, auth = a_file(moto)
        schedule = {"startTime": start, "frequency": "once"}
        made.append(build_flow(LocalApi(store.tenant), auth=auth, path=path, schedule=schedule))
    return made


def all_runs(db: Database) -> list[Run]:
    with db.transaction() as session:
        return list(session.scalars(select(Run)))


def wait_until_finished(db: Database, expected: int, timeout: float = 60) -> list[Run]:
    deadline = time.monotonic() + timeout
    found: list[Run] = []
    while time.monotonic() < deadline:
        found = all_runs(db)
        if len(found) >= expected and all(r.status in ("success", "failed") for r in found):
            return found
        time.sleep(0.05)
    raise AssertionError(f"runs did not finish: {[(r.id, r.status) for r in found]}")


def keys_of(store: Store) -> Keys:
    return load_keys(store.settings)


def test_two_schedulers_never_run_a_due_slot_twice(store: Store, moto: MotoServer) -> None:
    made = flows(store, moto, 4, start=int(time.time()) + 2)
    recording = Recording()
    other_db = Database(store.settings.resolved_database_url)  # as another process would
    schedulers = [
        Scheduler(store.db, store.settings, keys_of(store), recording),
        Scheduler(other_db, store.settings, keys_of(store), recording),
    ]
    for one in schedulers:
        one.start()
    try:
        finished = wait_until_finished(store.db, len(made))
    finally:
        for one in schedulers:
            one.stop()
        other_db.dispose()
    assert Counter(r.flow_id for r in finished) == Counter(f["flow"] for f in made)
    assert sorted(recording.executed) == sorted(r.id for r in finished)  # each run once
    assert {r.status for r in finished} == {"success"}
    for one in made:
        uri = table_uri(
            store.settings.data_dir, store.tenant.org_id, finished[0].sandbox_id, one["dataset"]
        )
        assert len(write_commits(uri)) == 1
        assert row_counts(uri) == (3, 3)


def test_concurrent_claims_create_one_run_per_due_flow(store: Store, moto: MotoServer) -> None:
    made = flows(store, moto, 4, start=int(time.time()))
    barrier = threading.Barrier(8)
    created: list[str] = []
    errors: list[BaseException] = []
    pools = [Database(store.settings.resolved_database_url) for _ in range(8)]

    def claim(db: Database) -> None:
        try:
            barrier.wait()
            created.extend(runs.claim_due_flows(db, now=clock.now_s()))
        except BaseException as error:  # surfaced below
            errors.append(error)

    threads = [threading.Thread(target=claim, args=(db,)) for db in pools]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    for db in pools:
        db.dispose()
    assert errors == []
    assert len(created) == len(set(created)) == len(made)
    assert Counter(r.flow_id for r in all_runs(store.db)) == Counter(f["flow"] for f in made)


def test_concurrent_workers_process_a_run_once(store: Store, moto: MotoServer) -> None:
    flows(store, moto, 1, start=int(time.time()))
    (run_id,) = runs.claim_due_flows(store.db, now=clock.now_s())
    recording = Recording()
    barrier = threading.Barrier(6)
    took: list[bool] = []
    pools = [Database(store.settings.resolved_database_url) for _ in range(6)]

    def work(number: int, db: Database) -> None:
        barrier.wait()
        took.append(
            runs.process_run(
                db,
                store.settings,
                keys_of(store),
                run_id,
                worker=f"worker-{number}",
                execute=recording.execute,
            )
        )

    threads = [threading.Thread(target=work, args=(i, db)) for i, db in enumerate(pools)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    for db in pools:
        db.dispose()
    assert sorted(took) == [False] * 5 + [True]
    assert recording.executed == [run_id]
    (run,) = all_runs(store.db)
    assert run.status == "success"


def test_max_parallel_runs_bounds_how_many_runs_execute_at_once(
    store: Store, moto: MotoServer
) -> None:
    made = flows(store, moto, 4, start=int(time.time()))
    recording = Recording(pause=0.4)
    in_progress: list[int] = []
    scheduler = Scheduler(store.db, store.settings, keys_of(store), recording)
    scheduler.start()
    try:
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            with store.db.transaction() as session:
                counted = session.scalar(
                    select(func.count()).select_from(Run).where(Run.status == "inProgress")
                )
                in_progress.append(int(counted or 0))
            done = [r for r in all_runs(store.db) if r.status in ("success", "failed")]
            if len(done) == len(made):
                break
            time.sleep(0.05)
    finally:
        scheduler.stop()
    assert store.settings.max_parallel_runs == 2
    assert recording.most == 2  # runs did overlap, and never more than two of them
    assert max(in_progress) <= 2
    assert sorted(recording.executed) == sorted(r.id for r in all_runs(store.db))


# --- two server processes on one PostgreSQL database ------------------------------------------


@pytest.mark.slow
@pytest.mark.skipif(POSTGRES is None, reason="HEADWATER_TEST_POSTGRES_URL is not set")
def test_two_servers_on_one_postgres_database_run_each_slot_once(
    moto: MotoServer, tmp_path: Path
) -> None:
    assert POSTGRES is not None
    urls = _postgres_database(POSTGRES)
    url = next(urls)
    upgrade(url)  # before the servers: both start together and find the store migrated
    data_dir = tmp_path / "shared"  # one lake and one set of keys, like a shared volume
    try:
        with serve_many(data_dir, 2, database_url=url, **FAST) as (first, second):
            tenant = first.new_tenant()
            start = int(time.time()) + 3
            made = []
            for number in range(4):
                api = on(first if number % 2 else second, tenant)
                path, auth = a_file(moto)
                schedule = {"startTime": start, "frequency": "once"}
                made.append(build_flow(api, auth=auth, path=path, schedule=schedule))
            api = on(first, tenant)
            for one in made:
                (run,) = wait_for_runs(api, one["flow"], 1)
                assert status_of(run) == "success", run["metrics"]
                uri = table_uri(data_dir, tenant.org_id, run["sandboxId"], one["dataset"])
                assert len(write_commits(uri)) == 1
                assert row_counts(uri) == (3, 3)
            time.sleep(1)
            for one in made:
                assert len(runs_of(api, one["flow"])) == 1
    finally:
        next(urls, None)


def test_two_runs_of_one_flow_never_ingest_a_file_twice(store: Store, moto: MotoServer) -> None:
    # On-demand runs (and re-triggers) can be queued while another run of the flow is pending;
    # with two workers free, both would take the same new file.
    path, auth = a_file(moto, rows=50)
    later = {"startTime": int(time.time()) + 3600, "frequency": "once"}
    api = LocalApi(store.tenant)
    made = build_flow(api, auth=auth, path=path, schedule=later)
    first = api.created(f"{FS}/runs", {"flowId": made["flow"]})["id"]
    second = api.created(f"{FS}/runs", {"flowId": made["flow"]})["id"]
    recording = Recording(pause=0.3)
    scheduler = Scheduler(store.db, store.settings, keys_of(store), recording)
    scheduler.start()
    try:
        finished = wait_until_finished(store.db, 2)
    finally:
        scheduler.stop()
    by_id = {r.id: r for r in finished}
    assert {by_id[first].status, by_id[second].status} == {"success"}
    uri = table_uri(
        store.settings.data_dir, store.tenant.org_id, finished[0].sandbox_id, made["dataset"]
    )
    assert row_counts(uri) == (50, 50)
    files = sorted(len(r.body["_run"]["files"]) for r in finished)
    assert files == [0, 1]  # one run took the file; the other found nothing new


def test_a_queued_run_waits_while_its_flow_has_a_run_in_progress(
    store: Store, moto: MotoServer
) -> None:
    api = LocalApi(store.tenant)
    later = {"startTime": int(time.time()) + 3600, "frequency": "once"}
    busy, idle = (
        build_flow(api, auth=auth, path=path, schedule=later)["flow"]
        for path, auth in (a_file(moto), a_file(moto))
    )
    running, waiting = (api.created(f"{FS}/runs", {"flowId": busy})["id"] for _ in range(2))
    other = api.created(f"{FS}/runs", {"flowId": idle})["id"]
    now = clock.now_s()
    with store.db.transaction() as session:  # a worker holds the first run's lease
        session.execute(
            update(Run)
            .where(Run.id == running)
            .values(status="inProgress", lease_owner="elsewhere", lease_expires_at=now + 60)
        )
    assert runs.runnable_runs(store.db, now=now, limit=10) == [other]
    recording = Recording()
    keys = keys_of(store)
    took = runs.process_run(
        store.db, store.settings, keys, waiting, worker="here", execute=recording.execute
    )
    assert not took and recording.executed == []

    # The worker died: its run is recovered first; the queued one still waits for it.
    later_on = now + 61
    assert runs.runnable_runs(store.db, now=later_on, limit=10) == [running, other]
