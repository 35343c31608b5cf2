"""The platform's Python SDK, ``aepp`` 0.6.0, unchanged, against a live ``headwater serve``.

aepp keeps its configuration in module-level dicts: ``aepp.configure`` fills them for Adobe's
hosts, so the fixture points the global endpoint and the IMS token endpoint at the live server
afterwards and puts the dicts back as they were when the test ends. Everything else is aepp's
own code: it fetches its token with OAuth client credentials and builds every request body.
"""

from __future__ import annotations

import copy
import time
import uuid
from collections.abc import Iterator
from typing import Any

import aepp
import httpx
import pytest
from aepp import catalog, dataprep, flowservice, schema

from support.live_server import LiveServer, LiveTenant

S3_SPEC = "ecadc60c-7455-4d87-84dc-2a0e293d997b"
LANDING_ZONE_SPEC = "26f526f2-58f4-4712-961d-e41bf1ccc0e8"
DATA_LAKE_SPEC = "c604ff05-7f1a-43c0-8e18-33bf874cb11c"
CLOUD_STORAGE_FLOW_SPEC = "9753525b-82c7-4dce-8a9b-5ccfce2b9876"
PROFILE = "https://ns.adobe.com/xdm/context/profile"
PERSON_DETAILS = "https://ns.adobe.com/xdm/context/profile-person-details"
PERSONAL_DETAILS = "https://ns.adobe.com/xdm/context/profile-personal-details"
SECRET = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY"
MODULE_STATE = (aepp.config.config_object, aepp.config.header, aepp.config.endpoints)


@pytest.fixture(scope="module")
def sdk_tenant(api_only_server: LiveServer) -> LiveTenant:
    """One organisation for the aepp tests (none of them counts or lists what others made).

    On a server without scheduler: the flows built here read from a real AWS account.
    """
    return api_only_server.new_tenant()


@pytest.fixture
def aepp_tenant(sdk_tenant: LiveTenant) -> Iterator[LiveTenant]:
    """aepp configured for ``sdk_tenant`` (OAuth v2 client credentials) on the live server."""
    live_tenant = sdk_tenant
    saved = [copy.deepcopy(state) for state in MODULE_STATE]
    try:
        aepp.configure(
            org_id=live_tenant.org_id,
            client_id=live_tenant.client_id,
            secret=live_tenant.client_secret,
            scopes="openid,AdobeID,read_organizations",
            sandbox="prod",
            environment="prod",
        )
        aepp.config.endpoints["global"] = live_tenant.base_url
        aepp.config.endpoints["streaming"]["inlet"] = f"{live_tenant.base_url}/data/core/edge"
        aepp.config.config_object["imsEndpoint"] = live_tenant.base_url
        aepp.config.config_object["oauthTokenEndpointV2"] = f"{live_tenant.base_url}/ims/token/v3"
        yield live_tenant
    finally:
        # aepp's functions hold these very dicts as default arguments: restore them in place.
        for state, snapshot in zip(MODULE_STATE, saved, strict=True):
            state.clear()
            state.update(snapshot)


def created_id(reply: Any, what: str) -> str:
    assert isinstance(reply, dict), f"aepp {what}: {reply}"
    assert "id" in reply, f"aepp {what}: {reply}"
    return str(reply["id"])


def test_aepp_gets_its_token_from_our_ims_endpoint(aepp_tenant):
    service = flowservice.FlowService()
    token = service.connector.token
    assert token.count(".") == 2, token
    reply = httpx.get(
        f"{aepp_tenant.base_url}/data/foundation/flowservice/connections",
        headers={**aepp_tenant.headers(), "Authorization": f"Bearer {token}"},
        timeout=30,
    )
    assert reply.status_code == 200, reply.text
    assert service.connector.connectionType == "oauthV2"
    assert service.endpoint == f"{aepp_tenant.base_url}/data/foundation/flowservice"


def test_aepp_discovers_connection_and_flow_specs(aepp_tenant):
    service = flowservice.FlowService()
    specs = service.getConnectionSpecs()
    assert isinstance(specs, list), specs
    by_id = {spec["id"]: spec for spec in specs}
    assert by_id[S3_SPEC]["name"] == "amazon-s3"
    assert "Access Key" in [auth["name"] for auth in by_id[S3_SPEC]["authSpec"]]
    (flow_spec,) = service.getFlowSpecs("name==CloudStorageToAEP")
    assert flow_spec["id"] == CLOUD_STORAGE_FLOW_SPEC
    assert flow_spec["targetConnectionSpecIds"] == [DATA_LAKE_SPEC]
    assert service.getConnectionSpecIdFromName("landing-zone") == LANDING_ZONE_SPEC
    assert service.getConnectionSpecIdFromName("datalake") == DATA_LAKE_SPEC


def test_aepp_builds_and_reads_back_a_cloud_storage_flow(aepp_tenant):
    flows = flowservice.FlowService()
    schemas = schema.Schema()
    datasets = catalog.Catalog()
    mappings = dataprep.DataPrep()
    suffix = uuid.uuid4().hex[:8]

    connection_id = created_id(
        flows.createConnection(
            name=f"S3 via aepp {suffix}",
            auth={
                "specName": "Access Key",
                "params": {"s3AccessKey": "AKIAIOSFODNN7EXAMPLE", "s3SecretKey": SECRET},
            },
            connectionSpec={"id": S3_SPEC, "version": "1.0"},
        ),
        "createConnection",
    )

    tenant_id = schemas.getTenantId()
    created_schema = schemas.createSchema(
        {
            "type": "object",
            "title": f"Leads via aepp {suffix}",
            "description": "Target schema created through aepp",
            "allOf": [{"$ref": PROFILE}, {"$ref": PERSON_DETAILS}, {"$ref": PERSONAL_DETAILS}],
        }
    )
    schema_id = created_schema.get("$id", "")
    assert schema_id.startswith(f"https://ns.adobe.com/{tenant_id}/schemas/"), created_schema

    source_id = created_id(
        flows.createSourceConnection(
            {
                "name": f"Leads source via aepp {suffix}",
                "baseConnectionId": connection_id,
                "data": {"format": "delimited", "properties": {"columnDelimiter": ","}},
                "params": {"path": "acme-leads/incoming/*.csv", "recursive": "true"},
                "connectionSpec": {"id": S3_SPEC, "version": "1.0"},
            }
        ),
        "createSourceConnection",
    )

    dataset_reply = datasets.createDataSet(name=f"Leads via aepp {suffix}", schemaId=schema_id)
    assert isinstance(dataset_reply, list), dataset_reply
    assert len(dataset_reply) == 1, dataset_reply
    dataset_id = dataset_reply[0].removeprefix("@/dataSets/")

    # aepp's defaults: data.format "delimited", schema version "...;version=1.0".
    target_id = created_id(
        flows.createTargetConnectionDataLake(
            name=f"Leads target via aepp {suffix}", datasetId=dataset_id, schemaId=schema_id
        ),
        "createTargetConnectionDataLake",
    )

    mapping_set = mappings.createMappingSet(
        schemaId=schema_id,
        mappingList=[
            {"sourceType": "ATTRIBUTE", "source": "Id", "destination": "_id"},
            {
                "sourceType": "ATTRIBUTE",
                "source": "FirstName",
                "destination": "person.name.firstName",
            },
        ],
    )
    mapping_id = created_id(mapping_set, "createMappingSet")

    start = int(time.time())
    flow_id = created_id(
        flows.createFlow(
            flow_spec_id=CLOUD_STORAGE_FLOW_SPEC,
            name=f"Leads flow via aepp {suffix}",
            source_connection_id=source_id,
            target_connection_id=target_id,
            schedule_start_time=str(start),
            schedule_frequency="minute",
            schedule_interval=15,
            transformation_mapping_id=mapping_id,
            transformation_name="Mapping",
            transformation_version=0,
        ),
        "createFlow",
    )

    connection = flows.getConnection(connection_id)
    assert connection["name"] == f"S3 via aepp {suffix}"
    assert connection["connectionSpec"]["id"] == S3_SPEC
    assert connection["auth"]["specName"] == "Access Key"
    assert connection["auth"]["params"]["s3AccessKey"] == "AKIAIOSFODNN7EXAMPLE"
    assert SECRET not in str(connection)
    assert connection["state"] == "enabled"

    source = flows.getSourceConnection(source_id)
    assert source["baseConnectionId"] == connection_id
    assert source["params"]["path"] == "acme-leads/incoming/*.csv"
    assert source["data"]["format"] == "delimited"

    target = flows.getTargetConnection(target_id)
    assert target["params"]["dataSetId"] == dataset_id
    assert target["data"]["schema"]["id"] == schema_id
    assert target["connectionSpec"]["id"] == DATA_LAKE_SPEC

    flow = flows.getFlow(flow_id)
    assert flow["flowSpec"]["id"] == CLOUD_STORAGE_FLOW_SPEC
    assert flow["sourceConnectionIds"] == [source_id]
    assert flow["targetConnectionIds"] == [target_id]
    assert flow["transformations"][0]["params"]["mappingId"] == mapping_id
    assert flow["scheduleParams"]["startTime"] == start
    assert flow["scheduleParams"]["interval"] == 15
    assert flow["scheduleParams"]["frequency"] == "minute"
    assert flow["state"] == "enabled"

    mapping = mappings.getMappingSet(mapping_id)
    assert mapping["id"] == mapping_id
    assert {m["destination"] for m in mapping["mappings"]} == {"_id", "person.name.firstName"}
    assert mapping["outputSchema"]["schemaRef"]["id"] == schema_id

    dataset = datasets.getDataSet(dataset_id)
    assert list(dataset) == [dataset_id], dataset
    assert dataset[dataset_id]["name"] == f"Leads via aepp {suffix}"
    assert dataset[dataset_id]["schemaRef"]["id"] == schema_id

    read_schema = schemas.getSchema(schema_id)
    assert read_schema["$id"] == schema_id
    assert read_schema["title"] == f"Leads via aepp {suffix}"
    assert read_schema["meta:class"] == PROFILE


def test_aepp_target_connection_by_spec_id(aepp_tenant):
    """``createTargetConnection`` (no schema in its body) also yields a readable target."""
    flows = flowservice.FlowService()
    schemas = schema.Schema()
    created_schema = schemas.createSchema(
        {
            "type": "object",
            "title": f"Plain target {uuid.uuid4().hex[:8]}",
            "description": "",
            "allOf": [{"$ref": PROFILE}],
        }
    )
    dataset_reply = catalog.Catalog().createDataSet(
        name=f"Plain {uuid.uuid4().hex[:8]}", schemaId=created_schema["$id"]
    )
    dataset_id = dataset_reply[0].removeprefix("@/dataSets/")
    target_id = created_id(
        flows.createTargetConnection(
            name="Plain target", connectionSpecId=DATA_LAKE_SPEC, datasetId=dataset_id
        ),
        "createTargetConnection",
    )
    target = flows.getTargetConnection(target_id)
    assert target["params"]["dataSetId"] == dataset_id
    assert target["data"]["format"] == "parquet_xdm"
