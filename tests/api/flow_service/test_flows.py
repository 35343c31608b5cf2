"""Flows through HTTP: validation against specs, schedule rules, state actions, updates."""

from __future__ import annotations

import time

import pytest

from .helpers import (
    FS,
    dataset,
    flow_body,
    mapping_set,
    ok,
    pipeline,
    schema,
    source,
    target,
)


def error_code(reply):
    return reply.json()["type"].rsplit("/", 1)[1]


def test_create_flow_and_read_it_back(tenant):
    p = pipeline(tenant)
    created = ok(
        tenant.request(
            "POST", f"{FS}/flows", json=flow_body(p["source"], p["target"], p["mapping"])
        )
    )
    (flow,) = ok(tenant.request("GET", f"{FS}/flows/{created['id']}"), 200)["items"]
    assert flow["state"] == "enabled"
    assert flow["scheduleParams"] == {
        "startTime": 1597784298,
        "frequency": "minute",
        "interval": 30,
    }
    assert flow["sourceConnectionIds"] == [p["source"]]
    assert flow["inheritedAttributes"]["sourceConnections"][0]["baseConnection"]["id"] == p["base"]
    assert flow["inheritedAttributes"]["targetConnections"][0]["id"] == p["target"]
    assert flow["runs"] == f"/runs?property=flowId=={created['id']}"
    assert flow["etag"] == created["etag"]
    listed = ok(
        tenant.request(
            "GET",
            f"{FS}/flows",
            params={"property": f"transformations[].params.mappingId=={p['mapping']}"},
        ),
        200,
    )
    assert [f["id"] for f in listed["items"]] == [created["id"]]


def test_delimited_source_needs_a_mapping(tenant):
    p = pipeline(tenant)
    reply = tenant.request("POST", f"{FS}/flows", json=flow_body(p["source"], p["target"], None))
    assert reply.status_code == 400 and error_code(reply) == "FLOW-1370-400"


def test_parquet_xdm_source_needs_no_mapping(tenant):
    p = pipeline(tenant)
    xdm_source = source(tenant, p["base"], fmt="parquet_xdm")
    ok(tenant.request("POST", f"{FS}/flows", json=flow_body(xdm_source, p["target"], None)))


def test_mapping_must_target_the_dataset_schema(tenant):
    p = pipeline(tenant)
    other_mapping = mapping_set(tenant, schema(tenant, "Other schema"))
    reply = tenant.request(
        "POST", f"{FS}/flows", json=flow_body(p["source"], p["target"], other_mapping)
    )
    assert reply.status_code == 400 and error_code(reply) == "FLOW-1425-400"


def test_unknown_mapping_version(tenant):
    p = pipeline(tenant)
    body = flow_body(p["source"], p["target"], p["mapping"])
    body["transformations"][0]["params"]["mappingVersion"] = "7"
    reply = tenant.request("POST", f"{FS}/flows", json=body)
    assert reply.status_code == 400 and error_code(reply) == "FLOW-1412-400"


@pytest.mark.parametrize(
    ("schedule", "code"),
    [
        ({"startTime": "1597784298", "frequency": "minute", "interval": "10"}, "FLOW-1362-400"),
        ({"startTime": "1597784298", "frequency": "once", "interval": "30"}, "FLOW-1361-400"),
        ({"startTime": "1597784298", "frequency": "once", "backfill": "true"}, "FLOW-1364-400"),
        ({"startTime": "1597784298", "frequency": "yearly", "interval": "1"}, "FLOW-1397-400"),
    ],
)
def test_schedule_rules(tenant, schedule, code):
    p = pipeline(tenant)
    reply = tenant.request(
        "POST", f"{FS}/flows", json=flow_body(p["source"], p["target"], p["mapping"], **schedule)
    )
    assert reply.status_code == 400, reply.text
    assert error_code(reply) == code


def test_state_is_not_allowed_on_create(tenant):
    p = pipeline(tenant)
    body = {**flow_body(p["source"], p["target"], p["mapping"]), "state": "disabled"}
    reply = tenant.request("POST", f"{FS}/flows", json=body)
    assert reply.status_code == 400 and error_code(reply) == "FLOW-1410-400"


def test_enable_disable_actions(tenant):
    p = pipeline(tenant)
    created = ok(
        tenant.request(
            "POST", f"{FS}/flows", json=flow_body(p["source"], p["target"], p["mapping"])
        )
    )
    path = f"{FS}/flows/{created['id']}"
    disabled = ok(tenant.request("POST", f"{path}/action", params={"op": "disable"}), 200)
    assert disabled["etag"] != created["etag"]
    assert ok(tenant.request("GET", path), 200)["items"][0]["state"] == "disabled"
    ok(tenant.request("POST", f"{path}/action", params={"op": "ENABLE"}), 200)
    assert ok(tenant.request("GET", path), 200)["items"][0]["state"] == "enabled"
    bad = tenant.request("POST", f"{path}/action", params={"op": "explode"})
    assert bad.status_code == 400


def test_patch_schedule_and_options(tenant):
    p = pipeline(tenant)
    created = ok(
        tenant.request(
            "POST", f"{FS}/flows", json=flow_body(p["source"], p["target"], p["mapping"])
        )
    )
    path = f"{FS}/flows/{created['id']}"
    ops = [
        {"op": "replace", "path": "/scheduleParams/interval", "value": "45"},
        {"op": "add", "path": "/options", "value": {"partialIngestionPercent": "10"}},
        {"op": "add", "path": "/options/errorDiagnosticsEnabled", "value": True},
    ]
    ok(tenant.request("PATCH", path, json=ops, headers={"If-Match": created["etag"]}), 200)
    (flow,) = ok(tenant.request("GET", path), 200)["items"]
    assert flow["scheduleParams"]["interval"] == 45
    assert flow["options"] == {"partialIngestionPercent": 10, "errorDiagnosticsEnabled": True}


def test_patch_that_breaks_the_schedule_changes_nothing(tenant):
    p = pipeline(tenant)
    created = ok(
        tenant.request(
            "POST", f"{FS}/flows", json=flow_body(p["source"], p["target"], p["mapping"])
        )
    )
    path = f"{FS}/flows/{created['id']}"
    ops = [{"op": "replace", "path": "/scheduleParams/interval", "value": 5}]
    reply = tenant.request("PATCH", path, json=ops, headers={"If-Match": created["etag"]})
    assert reply.status_code == 400
    (flow,) = ok(tenant.request("GET", path), 200)["items"]
    assert flow["scheduleParams"]["interval"] == 30 and flow["etag"] == created["etag"]


def test_flow_spec_cannot_be_patched(tenant):
    p = pipeline(tenant)
    created = ok(
        tenant.request(
            "POST", f"{FS}/flows", json=flow_body(p["source"], p["target"], p["mapping"])
        )
    )
    ops = [
        {"op": "replace", "path": "/flowSpec/id", "value": "d69717ba-71b4-4313-b654-49f9cf126d7a"}
    ]
    reply = tenant.request(
        "PATCH", f"{FS}/flows/{created['id']}", json=ops, headers={"If-Match": created["etag"]}
    )
    assert reply.status_code == 400


def test_connections_in_use_cannot_be_deleted(tenant):
    p = pipeline(tenant)
    created = ok(
        tenant.request(
            "POST", f"{FS}/flows", json=flow_body(p["source"], p["target"], p["mapping"])
        )
    )
    for path in (
        f"connections/{p['base']}",
        f"sourceConnections/{p['source']}",
        f"targetConnections/{p['target']}",
    ):
        reply = tenant.request("DELETE", f"{FS}/{path}")
        assert reply.status_code == 400 and error_code(reply) == "FLOW-1418-400", path
    assert tenant.request("DELETE", f"{FS}/flows/{created['id']}").status_code == 204
    assert tenant.request("GET", f"{FS}/flows/{created['id']}").status_code == 404
    assert tenant.request("DELETE", f"{FS}/sourceConnections/{p['source']}").status_code == 204
    assert tenant.request("DELETE", f"{FS}/connections/{p['base']}").status_code == 204


def test_flows_cannot_use_another_sandboxes_connections(tenant, other_tenant):
    p = pipeline(tenant)
    mine = pipeline(other_tenant)
    reply = other_tenant.request(
        "POST", f"{FS}/flows", json=flow_body(p["source"], mine["target"], mine["mapping"])
    )
    assert reply.status_code == 404
    assert other_tenant.request("GET", f"{FS}/flows").json()["items"] == []


def test_target_connection_rules(tenant):
    p = pipeline(tenant)
    other_schema = schema(tenant, "Another")
    assert dataset(tenant, other_schema)
    body = {
        "name": "t",
        "connectionSpec": {"id": "ecadc60c-7455-4d87-84dc-2a0e293d997b", "version": "1.0"},
        "params": {"dataSetId": p["dataset"]},
    }
    reply = tenant.request("POST", f"{FS}/targetConnections", json=body)
    assert reply.status_code == 400 and error_code(reply) == "FLOW-1307-400"
    body["connectionSpec"]["id"] = "c604ff05-7f1a-43c0-8e18-33bf874cb11c"
    body["params"] = {}
    reply = tenant.request("POST", f"{FS}/targetConnections", json=body)
    assert reply.status_code == 400 and error_code(reply) == "FLOW-1325-400"
    body["params"] = {"dataSetId": p["dataset"]}
    body["data"] = {
        "schema": {"id": other_schema, "version": "application/vnd.adobe.xed-full+json;version=1"}
    }
    reply = tenant.request("POST", f"{FS}/targetConnections", json=body)
    assert reply.status_code == 400 and error_code(reply) == "FLOW-1425-400"
    assert target(tenant, p["dataset"], p["schema"])


def test_runs_are_listed_per_flow(tenant):
    reply = ok(tenant.request("GET", f"{FS}/runs", params={"property": "flowId==nope"}), 200)
    assert reply["items"] == []
    assert tenant.request("GET", f"{FS}/runs/nope").status_code == 404


def test_patching_the_start_time_moves_the_next_run(tenant, db):
    from headwater.store import Flow

    p = pipeline(tenant)
    created = ok(
        tenant.request(
            "POST", f"{FS}/flows", json=flow_body(p["source"], p["target"], p["mapping"])
        )
    )
    later = int(time.time()) + 86_400
    ops = [{"op": "replace", "path": "/scheduleParams/startTime", "value": str(later)}]
    path = f"{FS}/flows/{created['id']}"
    ok(tenant.request("PATCH", path, json=ops, headers={"If-Match": created["etag"]}), 200)
    with db.transaction() as session:
        flow = session.get(Flow, created["id"])
        assert flow is not None and flow.next_run_at == later
