"""Building dataflows through the API and watching their runs: shared by scenario tests.

:func:`build_flow` creates everything a flow needs (base and source connection, schema, dataset,
target connection, mapping set, flow) for any file source: pass a :class:`Source` made by
:func:`s3_source`, :func:`landing_zone_source` or directly for another connection spec.
"""

from __future__ import annotations

import time
import uuid
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import httpx

from headwater import lake
from headwater.store import Database, IngestedFile

FS = "/data/foundation/flowservice"
SR = "/data/foundation/schemaregistry"
CATALOG = "/data/foundation/catalog"
DP = "/data/foundation/conversion"
S3_SPEC = "ecadc60c-7455-4d87-84dc-2a0e293d997b"
DLZ_SPEC = "26f526f2-58f4-4712-961d-e41bf1ccc0e8"
DATA_LAKE = "c604ff05-7f1a-43c0-8e18-33bf874cb11c"
CLOUD_STORAGE = "9753525b-82c7-4dce-8a9b-5ccfce2b9876"
TSV = {"format": "delimited", "columnDelimiter": "\t"}
HEADER = "Id\tFirstName\tLastName\n"
PROFILE_SCHEMA = {
    "type": "object",
    "title": "Leads",
    "description": "",
    "allOf": [
        {"$ref": "https://ns.adobe.com/xdm/context/profile"},
        {"$ref": "https://ns.adobe.com/xdm/context/profile-person-details"},
        {"$ref": "https://ns.adobe.com/xdm/context/profile-personal-details"},
    ],
    "meta:class": "https://ns.adobe.com/xdm/context/profile",
}
SEED_003_MAPPINGS = [
    {"destinationXdmPath": "_id", "sourceAttribute": "Id", "identity": False, "version": 0},
    {
        "destinationXdmPath": "person.name.firstName",
        "sourceAttribute": "FirstName",
        "identity": False,
        "version": 0,
    },
    {
        "destinationXdmPath": "person.name.lastName",
        "sourceAttribute": "LastName",
        "identity": False,
        "version": 0,
    },
]


class Api:
    """An API client of a live tenant (``support.live_server.LiveTenant``)."""

    def __init__(self, tenant: Any) -> None:
        self.tenant = tenant

    def call(self, method: str, path: str, status: int = 200, **kwargs: Any) -> Any:
        # One connection per call: nothing stays open between tests.
        reply = httpx.request(
            method, self.tenant.base_url + path, headers=self.tenant.headers(), timeout=60, **kwargs
        )
        assert reply.status_code == status, f"{method} {path}: {reply.status_code} {reply.text}"
        return reply.json() if reply.content else None

    def created(self, path: str, body: Any, status: int = 201) -> Any:
        return self.call("POST", path, status, json=body)


class LocalApi(Api):
    """:class:`Api` over the in-process app (the ``tenant`` fixture's TestClient)."""

    def call(self, method: str, path: str, status: int = 200, **kwargs: Any) -> Any:
        reply = self.tenant.request(method, path, **kwargs)
        assert reply.status_code == status, f"{method} {path}: {reply.status_code} {reply.text}"
        return reply.json() if reply.content else None


@dataclass(frozen=True)
class Source:
    """Where a flow reads: a connection spec, its auth spec name and params.

    ``auth_spec=None`` means no base connection (the Data Landing Zone).
    """

    spec_id: str
    auth_spec: str | None = None
    params: dict[str, Any] = field(default_factory=dict)


def s3_source(auth: dict[str, str]) -> Source:
    return Source(S3_SPEC, "Access Key", auth)


def landing_zone_source() -> Source:
    return Source(DLZ_SPEC)


def build_flow(
    api: Api,
    *,
    path: str,
    source: Source | None = None,
    auth: dict[str, str] | None = None,
    data: dict[str, Any] | None = None,
    mappings: list[dict[str, Any]] | None = SEED_003_MAPPINGS,
    schema: dict[str, Any] | None = None,
    schedule: dict[str, Any] | None = None,
    options: dict[str, Any] | None = None,
) -> dict[str, str]:
    """A file source → dataset flow through the API, every part open.

    Defaults: seed 003's TSV source and mapping, its profile schema, scheduled ``once`` now.
    ``auth`` is a shortcut for ``source=s3_source(auth)``. ``mappings=None`` makes a flow without
    a mapping (XDM-ready data). Returns the ids of the flow, dataset, schema, base connection
    (``""`` without one), and source and target connections.
    """
    source = source or s3_source(auth or {})
    conn = _base_connection(api, source)
    source_body: dict[str, Any] = {
        "name": "files",
        "connectionSpec": {"id": source.spec_id, "version": "1.0"},
        "data": data or TSV,
        "params": {"path": path, "recursive": "true"},
    }
    if conn:
        source_body["baseConnectionId"] = conn
    source_id = api.created(f"{FS}/sourceConnections", source_body)["id"]
    schema_id, dataset_id = _dataset(api, schema)
    target = _target(api, schema_id, dataset_id)
    body: dict[str, Any] = {
        "name": "flow",
        "flowSpec": {"id": CLOUD_STORAGE, "version": "1.0"},
        "sourceConnectionIds": [source_id],
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
        "connection": conn,
        "source": source_id,
        "target": target,
    }


def _base_connection(api: Api, source: Source) -> str:
    if source.auth_spec is None:
        return ""
    body = {
        "name": "files",
        "auth": {"specName": source.auth_spec, "params": source.params},
        "connectionSpec": {"id": source.spec_id, "version": "1.0"},
    }
    return str(api.created(f"{FS}/connections", body)["id"])


def _dataset(api: Api, schema: dict[str, Any] | None) -> tuple[str, str]:
    schema = dict(schema or PROFILE_SCHEMA)
    schema["title"] = f"{schema['title']} {uuid.uuid4().hex[:8]}"  # titles are unique
    schema_id = api.created(f"{SR}/tenant/schemas", schema)["$id"]
    content_type = "application/vnd.adobe.xed-full-notext+json; version=1"
    (ref,) = api.created(
        f"{CATALOG}/dataSets",
        {"name": "files", "schemaRef": {"id": schema_id, "contentType": content_type}},
    )
    return schema_id, ref.removeprefix("@/dataSets/")


def _target(api: Api, schema_id: str, dataset_id: str) -> str:
    body = {
        "name": "lake",
        "connectionSpec": {"id": DATA_LAKE, "version": "1.0"},
        "data": {
            "schema": {"id": schema_id, "version": "application/vnd.adobe.xed-full+json;version=1"}
        },
        "params": {"dataSetId": dataset_id},
    }
    return str(api.created(f"{FS}/targetConnections", body)["id"])


def tsv(rows: int, start: int = 0) -> bytes:
    """A leads TSV (seed 003's columns) with ``rows`` rows, ids from ``start``."""
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


def wait_for_runs(
    api: Api, flow_id: str, count: int, timeout: float = 90, poll: float = 0.3
) -> list[dict[str, Any]]:
    """The flow's runs, once ``count`` of them have finished (oldest first), asked every
    ``poll`` seconds."""
    deadline = time.monotonic() + timeout
    items: list[dict[str, Any]] = []
    while time.monotonic() < deadline:
        items = runs_of(api, flow_id)
        done = [r for r in items if status_of(r) in ("success", "failed")]
        if len(done) >= count:
            return done
        time.sleep(poll)
    raise AssertionError(f"runs of {flow_id} did not finish in {timeout}s: {items}")


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
    """Where a live server with this data directory keeps a dataset's Delta table."""
    config = lake.LakeConfig(str((data_dir / "lake").resolve()))
    return lake.table_uri(config, org_id, sandbox_id, dataset_id)


def dataset_rows(
    data_dir: Path, org_id: str, sandbox_id: str, dataset_id: str
) -> list[dict[str, Any]]:
    """A dataset's rows (up to 10,000), ``[]`` before its first commit."""
    try:
        return lake.preview(table_uri(data_dir, org_id, sandbox_id, dataset_id), limit=10_000)
    except lake.TableNotFound:
        return []


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
    from sqlalchemy import select

    database = Database(database_url)
    try:
        with database.transaction() as session:
            stmt = select(IngestedFile.path).where(IngestedFile.flow_id == flow_id)
            return list(session.scalars(stmt))
    finally:
        database.dispose()
