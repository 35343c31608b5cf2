"""Runs through HTTP: on-demand runs, re-trigger, their refusals, and a run's recorded shape.

No scheduler runs in the API tier: runs are made through the API and processed by calling the
run lifecycle on exactly those runs (the database is shared with other tests). The source is
an S3 connection to a closed port, so a processed run fails the way a real one does.
"""

from __future__ import annotations

import time
from typing import Any

import pytest

from headwater.engine.pipeline import execute
from headwater.services import runs
from headwater.services.keys import load_keys
from headwater.settings import Settings
from headwater.store import Database
from support.moto_server import closed_port_url

from .helpers import (
    FS,
    S3,
    dataset,
    flow_body,
    mapping_set,
    ok,
    schema,
    target,
)

CAT = "/data/foundation/catalog"


def error_code(reply: Any) -> str:
    """The Flow Service code of an error reply (``FLOW-1386-400`` → ``1386``)."""
    return str(reply.json()["type"].rsplit("/", 1)[1].split("-")[1])


@pytest.fixture
def unreachable(tenant: Any) -> dict[str, str]:
    """A schema, dataset, mapping and an S3 source whose endpoint refuses connections."""
    schema_id = schema(tenant, f"Runs {time.monotonic_ns()}")
    dataset_id = dataset(tenant, schema_id)
    base = ok(
        tenant.request(
            "POST",
            f"{FS}/connections",
            json={
                "name": "s3",
                "auth": {
                    "specName": "Access Key",
                    "params": {
                        "s3AccessKey": "AKIA",
                        "s3SecretKey": "secret",
                        "serviceUrl": closed_port_url(),
                    },
                },
                "connectionSpec": {"id": S3, "version": "1.0"},
            },
        )
    )["id"]
    source = ok(
        tenant.request(
            "POST",
            f"{FS}/sourceConnections",
            json={
                "name": "src",
                "baseConnectionId": base,
                "connectionSpec": {"id": S3, "version": "1.0"},
                "data": {"format": "delimited", "columnDelimiter": "\t"},
                "params": {"path": "/bucket/leads/*.tsv", "recursive": "true"},
            },
        )
    )["id"]
    return {
        "dataset": dataset_id,
        "source": source,
        "target": target(tenant, dataset_id, schema_id),
        "mapping": mapping_set(tenant, schema_id),
    }


def a_flow(tenant: Any, parts: dict[str, str], **schedule: Any) -> str:
    # Start times an hour away: nothing here is due, whatever scheduler shares the database.
    schedule = schedule or {"frequency": "once"}
    schedule.setdefault("startTime", int(time.time()) + 3600)
    body = flow_body(parts["source"], parts["target"], parts["mapping"], **schedule)
    return str(ok(tenant.request("POST", f"{FS}/flows", json=body))["id"])


def on_demand(tenant: Any, flow_id: str, **params: Any) -> Any:
    body: dict[str, Any] = {"flowId": flow_id}
    if params:
        body["params"] = params
    return tenant.request("POST", f"{FS}/runs", json=body)


def get_run(tenant: Any, run_id: str) -> dict[str, Any]:
    return dict(ok(tenant.request("GET", f"{FS}/runs/{run_id}"), 200)["items"][0])


def process(settings: Settings, db: Database, run_id: str) -> None:
    keys = load_keys(settings)
    assert runs.process_run(db, settings, keys, run_id, worker="api-tests", execute=execute)


def test_an_on_demand_run_is_queued_with_its_window(tenant: Any, unreachable: Any) -> None:
    flow_id = a_flow(tenant, unreachable)
    window = {"startTime": 1700000000, "windowStartTime": 1699990000, "windowEndTime": 1700000000}
    created = ok(on_demand(tenant, flow_id, **window))
    assert set(created) == {"id", "etag"}
    run = get_run(tenant, created["id"])
    assert run["flowId"] == flow_id
    assert run["params"] == window
    assert run["metrics"]["statusSummary"]["status"] == "scheduled"
    assert run["flowSpec"]["id"] == "9753525b-82c7-4dce-8a9b-5ccfce2b9876"
    listed = ok(
        tenant.request("GET", f"{FS}/runs", params={"property": f"flowId=={flow_id}"}), 200
    )["items"]
    assert [one["id"] for one in listed] == [created["id"]]


def test_on_demand_runs_are_only_for_flows_scheduled_once(tenant: Any, unreachable: Any) -> None:
    flow_id = a_flow(tenant, unreachable, frequency="minute", interval=15)
    reply = on_demand(tenant, flow_id)
    assert reply.status_code == 400, reply.text
    assert error_code(reply) == "1386"


@pytest.mark.parametrize(
    ("body", "code"),
    [
        ({}, "1304"),  # a missing required field, as everywhere
        ({"flowId": ""}, "1384"),
        ({"params": {"windowStartTime": "soon"}}, "1384"),
        ({"params": {"windowStartTime": 200, "windowEndTime": 100}}, "1381"),
    ],
)
def test_on_demand_run_bodies_are_checked(
    tenant: Any, unreachable: Any, body: dict[str, Any], code: str
) -> None:
    if "params" in body:
        body = {"flowId": a_flow(tenant, unreachable), **body}
    reply = tenant.request("POST", f"{FS}/runs", json=body)
    assert reply.status_code == 400, reply.text
    assert error_code(reply) == code


def test_an_on_demand_run_of_an_unknown_flow_is_not_found(tenant: Any) -> None:
    reply = on_demand(tenant, "00000000-0000-0000-0000-000000000000")
    assert reply.status_code == 404, reply.text


def test_a_disabled_flow_gets_no_on_demand_run(tenant: Any, unreachable: Any) -> None:
    flow_id = a_flow(tenant, unreachable)
    ok(tenant.request("POST", f"{FS}/flows/{flow_id}/action", params={"op": "disable"}), 200)
    reply = on_demand(tenant, flow_id)
    assert reply.status_code == 400, reply.text
    assert error_code(reply) == "1388"


def test_a_failed_run_is_recorded_and_can_be_re_triggered(
    tenant: Any, unreachable: Any, settings: Settings, db: Database
) -> None:
    flow_id = a_flow(tenant, unreachable)
    run_id = ok(on_demand(tenant, flow_id))["id"]
    queued = tenant.request("POST", f"{FS}/runs/{run_id}/action", params={"op": "re-trigger"})
    assert queued.status_code == 400, queued.text
    assert error_code(queued) == "1387"  # not failed (yet)

    process(settings, db, run_id)
    run = get_run(tenant, run_id)
    status = run["metrics"]["statusSummary"]
    assert status["status"] == "failed"
    assert status["errors"][0]["code"] == "CONNECTOR-1001-500"
    assert "secret" not in str(run)
    copy, promotion = run["activities"]
    assert (copy["id"], promotion["id"]) == ("copyActivity", "promotionActivity")
    batch_id = promotion["targetInfo"][0]["reference"]["ids"][0]
    batch = ok(tenant.request("GET", f"{CAT}/batches/{batch_id}"), 200)[batch_id]
    assert batch["status"] == "failed"
    flow = ok(tenant.request("GET", f"{FS}/flows/{flow_id}"), 200)["items"][0]
    assert flow["lastRunDetails"]["id"] == run_id
    assert flow["lastRunDetails"]["state"] == "failed"

    ok(tenant.request("POST", f"{FS}/flows/{flow_id}/action", params={"op": "disable"}), 200)
    reply = tenant.request("POST", f"{FS}/runs/{run_id}/action", params={"op": "re-trigger"})
    assert reply.status_code == 400, reply.text
    assert error_code(reply) == "1388"

    ok(tenant.request("POST", f"{FS}/flows/{flow_id}/action", params={"op": "enable"}), 200)
    retried = ok(
        tenant.request("POST", f"{FS}/runs/{run_id}/action", params={"op": "re-trigger"}), 200
    )
    assert retried["id"] != run_id
    again = get_run(tenant, retried["id"])
    assert again["flowId"] == flow_id
    assert again["metrics"]["statusSummary"]["status"] == "scheduled"


@pytest.mark.parametrize("op", ["RE_TRIGGER", "Re-Trigger"])
def test_re_trigger_accepts_the_spellings_of_the_docs(
    tenant: Any, unreachable: Any, settings: Settings, db: Database, op: str
) -> None:
    run_id = ok(on_demand(tenant, a_flow(tenant, unreachable)))["id"]
    process(settings, db, run_id)
    reply = tenant.request("POST", f"{FS}/runs/{run_id}/action", params={"op": op})
    assert reply.status_code == 200, reply.text


def test_run_actions_other_than_re_trigger_are_refused(tenant: Any, unreachable: Any) -> None:
    run_id = ok(on_demand(tenant, a_flow(tenant, unreachable)))["id"]
    reply = tenant.request("POST", f"{FS}/runs/{run_id}/action", params={"op": "cancel"})
    assert reply.status_code == 400, reply.text
    assert error_code(reply) == "1435"


def test_re_triggering_an_unknown_run_is_not_found(tenant: Any) -> None:
    reply = tenant.request(
        "POST",
        f"{FS}/runs/00000000-0000-0000-0000-000000000000/action",
        params={"op": "re-trigger"},
    )
    assert reply.status_code == 404, reply.text


def test_runs_of_another_tenant_are_invisible(
    tenant: Any, other_tenant: Any, unreachable: Any
) -> None:
    run_id = ok(on_demand(tenant, a_flow(tenant, unreachable)))["id"]
    assert other_tenant.request("GET", f"{FS}/runs/{run_id}").status_code == 404
    reply = other_tenant.request("POST", f"{FS}/runs/{run_id}/action", params={"op": "re-trigger"})
    assert reply.status_code == 404, reply.text
