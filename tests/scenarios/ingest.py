"""A small client for ingestion scenarios: build a flow through the API, wait for its runs."""

from __future__ import annotations

import time
from pathlib import Path
from typing import Any

import httpx

from headwater import lake

FS = "/data/foundation/flowservice"
S3_SPEC = "ecadc60c-7455-4d87-84dc-2a0e293d997b"
DATA_LAKE = "c604ff05-7f1a-43c0-8e18-33bf874cb11c"
CLOUD_STORAGE = "9753525b-82c7-4dce-8a9b-5ccfce2b9876"
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
    def __init__(self, tenant: Any) -> None:
        self.tenant = tenant

    def call(self, method: str, path: str, status: int = 200, **kwargs: Any) -> Any:
        # One connection per call: nothing stays open between tests.
        reply = httpx.request(method, self.tenant.base_url + path, headers=self.tenant.headers(),
                              timeout=60, **kwargs)
        assert reply.status_code == status, f"{method} {path}: {reply.status_code} {reply.text}"
        return reply.json() if reply.content else None

    def created(self, path: str, body: Any, status: int = 201) -> Any:
        return self.call("POST", path, status, json=body)


def s3_flow(
    api: Api,
    *,
    auth: dict[str, str],
    path: str,
    options: dict[str, Any] | None = None,
    frequency: str = "once",
) -> dict[str, str]:
    """Seed 003's flow (TSV, the same mapping), reading from S3: the ids of what it created."""
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
            "name": "leads",
            "baseConnectionId": conn,
            "connectionSpec": {"id": S3_SPEC, "version": "1.0"},
            "data": {"format": "delimited", "columnDelimiter": "\t"},
            "params": {"path": path, "recursive": "true"},
        },
    )["id"]
    schema_id = api.created("/data/foundation/schemaregistry/tenant/schemas", PROFILE_SCHEMA)["$id"]
    (ref,) = api.created(
        "/data/foundation/catalog/dataSets",
        {
            "name": "Leads",
            "schemaRef": {
                "id": schema_id,
                "contentType": "application/vnd.adobe.xed-full-notext+json; version=1",
            },
        },
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
    mapping = api.created(
        "/data/foundation/conversion/mappingSets",
        {
            "version": 0,
            "xdmSchema": schema_id,
            "xdmVersion": "1.0",
            "id": None,
            "mappings": SEED_003_MAPPINGS,
        },
        status=200,
    )["id"]
    schedule = {"startTime": int(time.time()), "frequency": frequency}
    if frequency != "once":
        schedule["interval"] = 15
    body: dict[str, Any] = {
        "name": "leads flow",
        "flowSpec": {"id": CLOUD_STORAGE, "version": "1.0"},
        "sourceConnectionIds": [source],
        "targetConnectionIds": [target],
        "transformations": [
            {"name": "Mapping", "params": {"mappingId": mapping, "mappingVersion": "0"}}
        ],
        "scheduleParams": schedule,
    }
    if options:
        body["options"] = options
    flow = api.created(f"{FS}/flows", body)["id"]
    return {"flow": flow, "dataset": dataset_id, "schema": schema_id}


def wait_for_runs(api: Api, flow_id: str, count: int, timeout: float = 90) -> list[dict[str, Any]]:
    """The flow's runs, once ``count`` of them have finished (oldest first)."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        items = api.call(
            "GET", f"{FS}/runs", params={"property": f"flowId=={flow_id}", "orderby": "createdAt"}
        )["items"]
        done = [
            r for r in items if r["metrics"]["statusSummary"]["status"] in ("success", "failed")
        ]
        if len(done) >= count:
            return done
        time.sleep(0.3)
    raise AssertionError(f"runs of {flow_id} did not finish in {timeout}s: {items}")


def dataset_rows(
    data_dir: Path, org_id: str, sandbox_id: str, dataset_id: str
) -> list[dict[str, Any]]:
    uri = lake.table_uri(lake.LakeConfig(str(data_dir / "lake")), org_id, sandbox_id, dataset_id)
    try:
        return lake.preview(uri, limit=10_000)
    except lake.TableNotFound:
        return []
