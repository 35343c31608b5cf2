"""Batches as Catalog shows them; they are recorded through the service the engine calls."""

from __future__ import annotations

import time

import pytest

from headwater.errors import BadRequest, NotFound
from headwater.services import catalog

from .helpers import CATALOG, create_dataset, scope_of


@pytest.fixture
def scope(tenant, db):
    return scope_of(tenant, db)


@pytest.fixture
def dataset_id(tenant, schema_id):
    return create_dataset(tenant, schema_id)


def test_recorded_batch_is_shown_keyed_by_id(tenant, db, scope, dataset_id):
    batch = catalog.create_batch(
        db, scope, dataset_id, input_format={"format": "parquet"}, tags={"flowId": ["f1"]}
    )
    reply = tenant.request("GET", f"{CATALOG}/batches/{batch['id']}")
    assert reply.status_code == 200
    doc = reply.json()[batch["id"]]
    assert doc["status"] == "loading"
    assert doc["relatedObjects"] == [{"type": "dataSet", "id": dataset_id}]
    assert doc["inputFormat"] == {"format": "parquet"}
    assert doc["tags"] == {"flowId": ["f1"]}
    assert doc["imsOrg"] == tenant.org_id
    assert doc["version"] == "1.0.0"
    assert "completed" not in doc


def test_status_updates_reach_the_batch_and_its_dataset(tenant, db, scope, dataset_id):
    first = catalog.create_batch(db, scope, dataset_id)
    catalog.update_batch_status(
        db,
        scope,
        first["id"],
        "success",
        record_count=10,
        failed_record_count=0,
        metrics={"inputFileCount": 1},
    )
    second = catalog.create_batch(db, scope, dataset_id)
    catalog.update_batch_status(
        db,
        scope,
        second["id"],
        "failed",
        errors=[{"code": "INGEST-1212-400", "description": "bad"}],
    )
    doc = tenant.request("GET", f"{CATALOG}/batches/{first['id']}").json()[first["id"]]
    assert doc["status"] == "success"
    assert doc["recordCount"] == 10
    assert doc["metrics"] == {"inputFileCount": 1}
    assert doc["completed"] >= doc["started"] >= doc["created"]
    assert doc["version"] == "1.0.1"
    dataset = tenant.request("GET", f"{CATALOG}/dataSets/{dataset_id}").json()[dataset_id]
    assert dataset["lastBatchId"] == second["id"]
    assert dataset["lastBatchStatus"] == "failed"
    assert dataset["lastSuccessfulBatch"] == first["id"]
    assert dataset["lastFailedBatch"] == second["id"]


def test_service_refuses_unknown_datasets_and_statuses(db, scope, other_tenant, dataset_id):
    with pytest.raises(NotFound):
        catalog.create_batch(db, scope, "000000000000000000000000")
    with pytest.raises(BadRequest):
        catalog.create_batch(db, scope, dataset_id, status="half-done")
    batch = catalog.create_batch(db, scope, dataset_id)
    with pytest.raises(NotFound):
        catalog.update_batch_status(db, scope_of(other_tenant, db), batch["id"], "success")


def test_service_joins_the_callers_transaction(db, scope, dataset_id):
    with db.transaction() as session:
        batch = catalog.create_batch(session, scope, dataset_id)
        catalog.update_batch_status(session, scope, batch["id"], "staging")
    assert catalog.get_batch(db, scope, batch["id"])["status"] == "staging"


def test_list_filters_by_dataset_status_and_time(tenant, db, scope, schema_id, dataset_id):
    other = create_dataset(tenant, schema_id, "other")
    a = catalog.create_batch(db, scope, dataset_id)["id"]
    time.sleep(0.003)
    b = catalog.create_batch(db, scope, other)["id"]
    time.sleep(0.003)
    c = catalog.create_batch(db, scope, dataset_id)["id"]
    catalog.update_batch_status(db, scope, c, "success")
    created_b = catalog.get_batch(db, scope, b)["created"]

    def listed(**params):
        reply = tenant.request("GET", f"{CATALOG}/batches", params=params)
        assert reply.status_code == 200, reply.text
        return list(reply.json())

    assert listed(orderBy="asc:created") == [a, b, c]
    assert listed(orderBy="desc:created", limit=2) == [c, b]
    assert listed(dataSet=dataset_id, orderBy="created") == [a, c]
    assert listed(status="success") == [c]
    assert listed(status="!success", orderBy="created") == [a, b]
    assert listed(createdAfter=created_b) == [c]
    assert listed(createdBefore=created_b) == [a]
    assert tenant.request("GET", f"{CATALOG}/batches", params={"properties": "status"}).json()[
        a
    ] == {"status": "loading"}
    assert tenant.request("GET", f"{CATALOG}/batches", params={"limit": 0}).status_code == 400


def test_last_batches_per_dataset(tenant, db, scope, schema_id, dataset_id):
    quiet = create_dataset(tenant, schema_id, "quiet")
    first = catalog.create_batch(db, scope, dataset_id)["id"]
    catalog.update_batch_status(db, scope, first, "success")
    last = catalog.create_batch(db, scope, dataset_id)["id"]
    reply = tenant.request(
        "GET", f"{CATALOG}/lastBatches", params={"dataSetId": f"{dataset_id},{quiet}", "limit": 20}
    )
    assert reply.status_code == 200
    body = reply.json()
    assert list(body) == [dataset_id]
    assert body[dataset_id]["lastBatchId"] == last
    assert body[dataset_id]["lastBatchStatus"] == "loading"
    assert body[dataset_id]["lastSuccessfulBatchId"] == first
    assert body[dataset_id]["imsOrg"] == tenant.org_id


def test_batches_of_other_orgs_are_invisible(tenant, other_tenant, db, scope, dataset_id):
    batch = catalog.create_batch(db, scope, dataset_id)["id"]
    assert other_tenant.request("GET", f"{CATALOG}/batches/{batch}").status_code == 404
    assert other_tenant.request("GET", f"{CATALOG}/batches").json() == {}
    assert other_tenant.request("GET", f"{CATALOG}/lastBatches").json() == {}
    assert tenant.request("GET", f"{CATALOG}/batches/{batch}").status_code == 200
