"""The aepp SDK (0.6.0) Catalog calls, unchanged, against headwater."""

from __future__ import annotations

from headwater.services import catalog

from .helpers import scope_of, sdk


def test_sdk_dataset_lifecycle(tenant, schema_id, db):
    client = sdk("Catalog", tenant)
    created = client.createDataSet(name="sdk leads", schemaId=schema_id, profileEnabled=True)
    dataset_id = created[0].removeprefix("@/dataSets/")
    doc = client.getDataSet(dataset_id)[dataset_id]
    assert doc["tags"]["unifiedProfile"] == ["enabled:true"]
    assert client.getDataSetObservableSchema(dataset_id) == {"observableSchema": {}}

    assert client.enableDatasetIdentity(dataset_id) == [f"@/dataSets/{dataset_id}"]
    assert client.enableDatasetUpsert(dataset_id) == [f"@/dataSets/{dataset_id}"]
    assert client.disableDatasetValidationContext(dataset_id) == [f"@/dataSets/{dataset_id}"]
    tags = client.getDataSet(dataset_id)[dataset_id]["tags"]
    assert tags["unifiedIdentity"] == ["enabled:true"]
    assert tags["unifiedProfile"] == ["enabled:true", "isUpsert:true"]
    assert tags["acp_validationContext"] == ["disabled"]

    listed = client.getDataSets(limit=5)
    assert dataset_id in listed
    assert client.data.ids == {"sdk leads": dataset_id}
    assert client.data.table_names == {"sdk leads": ["sdk_leads"]}

    assert client.deleteDataSet(dataset_id) == 200
    assert client.getDataSets() == {}


def test_sdk_reads_batches(tenant, schema_id, db):
    client = sdk("Catalog", tenant)
    dataset_id = client.createDataSet(name="b", schemaId=schema_id)[0].removeprefix("@/dataSets/")
    scope = scope_of(tenant, db)
    batch = catalog.create_batch(db, scope, dataset_id)["id"]
    catalog.update_batch_status(
        db, scope, batch, "failed", errors=[{"code": "101", "description": "bad row"}]
    )
    assert list(client.getBatch(batch)) == [batch]
    assert list(client.getBatches(limit=10, dataSet=dataset_id)) == [batch]
    assert list(client.getBatches(limit=5, n_results=20)) == [batch]
    assert client.getLastBatches(dataSetId=dataset_id)[dataset_id]["lastBatchId"] == batch
    failed = client.getFailedBatchesDF(limit=10)
    assert list(failed.index) == [batch]
    assert failed.loc[batch, "dataSetId"] == dataset_id
