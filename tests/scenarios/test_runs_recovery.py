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
import subprocess
import sys
import time
import uuid
from collections.abc import Iterator
from contextlib import ExitStack, contextmanager
from pathlib import Path
from typing import Any

import httpx
import pytest
from ingest import (
    CLOUD_STORAGE,
    DATA_LAKE,
    FS,
    PROFILE_SCHEMA,
    S3_SPEC,
    SEED_003_MAPPINGS,
    Api,
    wait_for_runs,
)
from sqlalchemy import func, select, update

from headwater import clock, lake
from headwater.engine.pipeline import execute
from headwater.services import runs, tenancy
from headwater.services.keys import load_keys
from headwater.settings import Settings
from headwater.store import Database, IngestedFile, Run
from support.live_server import CLI, LiveTenant, fetch_token, free_port, server_env
from support.moto_server import (
    MotoServer,
    put_objects,
    s3_auth_params,
    start_moto_server,
    unique_bucket,
)

SR = "/data/foundation/schemaregistry"
CATALOG = "/data/foundation/catalog"
DP = "/data/foundation/conversion"
HEADER = "Id\tFirstName\tLastName\n"
# A short lease so a killed worker's run is taken over quickly; a fast tick so runs start soon.
FAST = {"run_lease_seconds": 3, "scheduler_tick_seconds": 0.2}
TSV = {"format": "delimited", "columnDelimiter": "\t"}

# The helpers below are shared by ``test_runs_schedule`` and ``test_formats_e2e``.


@pytest.fixture(scope="module")
def moto() -> Iterator[MotoServer]:
    server = start_moto_server()
    yield server
    server.stop()


@dataclasses.dataclass(frozen=True)
class Server:
    """A running ``headwater serve`` (its ``process`` may be killed by the test)."""

    process: subprocess.Popen[bytes]
    base_url: str
    data_dir: Path
    database_url: str

    def new_tenant(self) -> LiveTenant:
        """A new organisation: credentials written to the server's store, a token over HTTP.

        (In process rather than through the CLI, which costs a cold interpreter start.)
        """
        org_id = f"ORG{uuid.uuid4().hex[:12].upper()}@AdobeOrg"
        database = Database(self.database_url)
        try:
            creds = tenancy.create_credentials(database, org_id)
        finally:
            database.dispose()
        token = fetch_token(self.base_url, creds.client_id, creds.client_secret)
        return LiveTenant(self.base_url, org_id, creds.client_id, creds.client_secret, token)

    def log(self) -> str:
        return "\n".join(p.read_text(errors="replace") for p in self.data_dir.glob("server-*.log"))


@contextmanager
def serve(data_dir: Path, **settings: Any) -> Iterator[Server]:
    """``headwater serve`` as in ``support.live_server.running_server``, with extra settings.

    ``settings`` become ``HEADWATER_<NAME>`` environment variables of the server, e.g.
    ``serve(path, run_lease_seconds=3)``; ``database_url`` also points the store elsewhere.
    """
    with serve_many(data_dir, 1, **settings) as (server,):
        yield server


@contextmanager
def serve_many(data_dir: Path, count: int, **settings: Any) -> Iterator[tuple[Server, ...]]:
    """``count`` servers on one data directory, started together (migrate the store first)."""
    data_dir.mkdir(parents=True, exist_ok=True)
    env = server_env(data_dir)
    env.update({f"HEADWATER_{name.upper()}": str(value) for name, value in settings.items()})
    database_url = str(
        settings.get("database_url") or f"sqlite:///{(data_dir / 'headwater.db').resolve()}"
    )
    with ExitStack() as stack:
        started = []
        for _ in range(count):
            port = free_port()
            log = stack.enter_context((data_dir / f"server-{port}.log").open("w+b"))
            command = [
                *(sys.executable, "-c", CLI, "serve", "--host", "127.0.0.1", "--port", str(port)),
                *("--data-dir", str(data_dir)),
            ]
            process = subprocess.Popen(command, env=env, cwd=data_dir, stdout=log, stderr=log)
            stack.callback(_stop, process)
            started.append((process, f"http://127.0.0.1:{port}", log.name))
        for process, base_url, log_name in started:
            _wait_until_ready(process, base_url, log_name)
        yield tuple(Server(p, url, data_dir, database_url) for p, url, _ in started)


def _stop(process: subprocess.Popen[bytes]) -> None:
    if process.poll() is None:
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait(timeout=10)


def _wait_until_ready(process: subprocess.Popen[bytes], base_url: str, log: str) -> None:
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline and process.poll() is None:
        try:
            if httpx.get(f"{base_url}/openapi.json", timeout=2).status_code == 200:
                return
        except httpx.TransportError:
            pass
        time.sleep(0.1)
    raise RuntimeError(f"headwater serve did not start:\n{Path(log).read_text(errors='replace')}")


def on(server: Server, tenant: LiveTenant) -> Api:
    """An API client of ``tenant`` talking to ``server`` (tenants outlive a server restart)."""
    return Api(dataclasses.replace(tenant, base_url=server.base_url))


class LocalApi(Api):
    """``ingest.Api`` over the in-process app (the ``tenant`` fixture's TestClient)."""

    def call(self, method: str, path: str, status: int = 200, **kwargs: Any) -> Any:
        reply = self.tenant.request(method, path, **kwargs)
        assert reply.status_code == status, f"{method} {path}: {reply.status_code} {reply.text}"
        return reply.json() if reply.content else None


def build_flow(
    api: Api,
    *,
    auth: dict[str, str],
    path: str,
    data: dict[str, Any] | None = None,
    mappings: list[dict[str, Any]] | None = SEED_003_MAPPINGS,
    schema: dict[str, Any] | None = None,
    schedule: dict[str, Any] | None = None,
    options: dict[str, Any] | None = None,
) -> dict[str, str]:
    """An S3 source → dataset flow through the API (``ingest.s3_flow`` with every part open).

    Defaults: seed 003's TSV source and mapping, its profile schema, scheduled ``once`` now.
    ``mappings=None`` makes a flow without a mapping (XDM-ready data). Returns the ids of the
    flow, dataset, schema, and source and target connections.
    """
    conn = api.created(
        f"{FS}/connections",
        {
            "name": "S3",
            "auth": {"specName": "Access Key", "params": auth},
            "connectionSpec": {"id": S3_SPEC, "version": "1.0"},
        },
    )["id"]
    source = api.created(
        f"{FS}/sourceConnections",
        {
            "name": "files",
            "baseConnectionId": conn,
            "connectionSpec": {"id": S3_SPEC, "version": "1.0"},
            "data": data or TSV,
            "params": {"path": path, "recursive": "true"},
        },
    )["id"]
    schema = dict(schema or PROFILE_SCHEMA)
    schema["title"] = f"{schema['title']} {uuid.uuid4().hex[:8]}"  # titles are unique
    schema_id = api.created(f"{SR}/tenant/schemas", schema)["$id"]
    content_type = "application/vnd.adobe.xed-full-notext+json; version=1"
    (ref,) = api.created(
        f"{CATALOG}/dataSets",
        {"name": "files", "schemaRef": {"id": schema_id, "contentType": content_type}},
    )
    dataset_id = ref.removeprefix("@/dataSets/")
    target = api.created(
        f"{FS}/targetConnections",
        {
            "name": "lake",
            "connectionSpec": {"id": DATA_LAKE, "version": "1.0"},
            "data": {
                "schema": {
                    "id": schema_id,
                    "version": "application/vnd.adobe.xed-full+json;version=1",
                }
            },
            "params": {"dataSetId": dataset_id},
        },
    )["id"]
    body: dict[str, Any] = {
        "name": "flow",
        "flowSpec": {"id": CLOUD_STORAGE, "version": "1.0"},
        "sourceConnectionIds": [source],
        "targetConnectionIds": [target],
        "scheduleParams": schedule or {"startTime": int(time.time()), "frequency": "once"},
    }
    if mappings is not None:
        mapping = api.created(
            f"{DP}/mappingSets",
            {"version": 0, "xdmSchema": schema_id, "xdmVersion": "1.0", "mappings": mappings},
            status=200,
        )["id"]
        body["transformations"] = [
            {"name": "Mapping", "params": {"mappingId": mapping, "mappingVersion": "0"}}
        ]
    if options:
        body["options"] = options
    flow = api.created(f"{FS}/flows", body)["id"]
    return {
        "flow": flow,
        "dataset": dataset_id,
        "schema": schema_id,
        "source": source,
        "target": target,
    }


def tsv(rows: int, start: int = 0) -> bytes:
    lines = (f"{i}\tFirst{i}\tLast{i}\n" for i in range(start, start + rows))
    return (HEADER + "".join(lines)).encode()


def runs_of(api: Api, flow_id: str) -> list[dict[str, Any]]:
    """The flow's runs, oldest first."""
    reply = api.call(
        "GET", f"{FS}/runs", params={"property": f"flowId=={flow_id}", "orderby": "createdAt"}
    )
    return list(reply["items"])


def status_of(run: dict[str, Any]) -> str:
    return str(run["metrics"]["statusSummary"]["status"])


def wait_for_status(api: Api, flow_id: str, status: str, timeout: float = 60) -> dict[str, Any]:
    """The flow's first run seen in ``status`` (polling every 50 ms)."""
    deadline = time.monotonic() + timeout
    seen: list[dict[str, Any]] = []
    while time.monotonic() < deadline:
        seen = runs_of(api, flow_id)
        for run in seen:
            if status_of(run) == status:
                return run
        time.sleep(0.05)
    raise AssertionError(f"no run of {flow_id} became {status} in {timeout}s: {seen}")


def table_uri(data_dir: Path, org_id: str, sandbox_id: str, dataset_id: str) -> str:
    config = lake.LakeConfig(str((data_dir / "lake").resolve()))
    return lake.table_uri(config, org_id, sandbox_id, dataset_id)


def row_counts(uri: str) -> tuple[int, int]:
    """(rows, distinct ``_id`` values) of a dataset's table."""
    result = lake.query("SELECT count(*) AS n, count(DISTINCT _id) AS d FROM t", {"t": uri})
    row = result.to_pylist()[0]
    return int(row["n"]), int(row["d"])


def write_commits(uri: str) -> list[int]:
    """The versions of the table's WRITE commits (one per committed batch)."""
    versions = []
    for entry in sorted((Path(uri) / "_delta_log").glob("*.json")):
        if '"operation":"WRITE"' in entry.read_text().replace(" ", ""):
            versions.append(int(entry.stem))
    return versions


def ledger_paths(database_url: str, flow_id: str) -> list[str]:
    """The paths in the flow's ledger of ingested file versions."""
    database = Database(database_url)
    try:
        with database.transaction() as session:
            stmt = select(IngestedFile.path).where(IngestedFile.flow_id == flow_id)
            return list(session.scalars(stmt))
    finally:
        database.dispose()


@pytest.mark.slow
def test_a_server_killed_mid_run_is_recovered_with_every_row_once(
    moto: MotoServer, tmp_path: Path
) -> None:
    rows = 200_000  # a few seconds of work: the run is surely in progress when it is killed
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
    assert calls == []  # the batch's commit was found: the engine did not run again
    assert len(write_commits(uri)) == 1
    assert row_counts(uri) == (rows, rows)
    reply = api.call("GET", f"{FS}/runs/{run_id}")["items"][0]
    metrics = reply["metrics"]
    assert metrics["statusSummary"]["status"] == "success", metrics
    assert metrics["recordSummary"]["outputRecordCount"] == rows
    with db.transaction() as session:
        stmt = select(func.count()).where(IngestedFile.flow_id == ids["flow"])
        assert session.scalar(stmt) == 1
    batch_id = reply["activities"][1]["targetInfo"][0]["reference"]["ids"][0]
    batch = api.call("GET", f"{CATALOG}/batches/{batch_id}")
    assert batch[batch_id]["status"] == "success"
    # A worker that comes late (its claim failed) does nothing.
    assert not runs.process_run(db, settings, keys, run_id, worker="third", execute=counting)
