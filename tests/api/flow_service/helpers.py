"""Building blocks for flow tests: a schema, a dataset, connections and a mapping set."""

from __future__ import annotations

from typing import Any

FS = "/data/foundation/flowservice"
SR = "/data/foundation/schemaregistry"
CAT = "/data/foundation/catalog"
DP = "/data/foundation/conversion"
S3 = "ecadc60c-7455-4d87-84dc-2a0e293d997b"
DATA_LAKE = "c604ff05-7f1a-43c0-8e18-33bf874cb11c"
CLOUD_STORAGE = "9753525b-82c7-4dce-8a9b-5ccfce2b9876"


def ok(reply: Any, status: int = 201) -> Any:
    assert reply.status_code == status, reply.text
    return reply.json()


def schema(tenant: Any, title: str = "Profiles") -> str:
    body = {
        "type": "object",
        "title": title,
        "description": "",
        "allOf": [
            {"$ref": "https://ns.adobe.com/xdm/context/profile"},
            {"$ref": "https://ns.adobe.com/xdm/context/profile-person-details"},
        ],
        "meta:class": "https://ns.adobe.com/xdm/context/profile",
    }
    return str(ok(tenant.request("POST", f"{SR}/tenant/schemas", json=body))["$id"])


def dataset(tenant: Any, schema_id: str) -> str:
    body = {
        "name": "Leads",
        "schemaRef": {
            "id": schema_id,
            "contentType": "application/vnd.adobe.xed-full-notext+json; version=1",
        },
    }
    (ref,) = ok(tenant.request("POST", f"{CAT}/dataSets", json=body))
    return str(ref.removeprefix("@/dataSets/"))


def mapping_set(tenant: Any, schema_id: str) -> str:
    body = {
        "version": 0,
        "xdmSchema": schema_id,
        "xdmVersion": "1.0",
        "id": None,
        "mappings": [
            {
                "destinationXdmPath": "person.name.firstName",
                "sourceAttribute": "FirstName",
                "identity": False,
                "version": 0,
            }
        ],
    }
    return str(ok(tenant.request("POST", f"{DP}/mappingSets", json=body), 200)["id"])


def s3_connection(tenant: Any) -> str:
    body = {
        "name": "s3",
        "auth": {
            "specName": "Access Key",
            "params": {"s3AccessKey": "AKIA", "s3SecretKey": "secret"},
        },
        "connectionSpec": {"id": S3, "version": "1.0"},
    }
    return str(ok(tenant.request("POST", f"{FS}/connections", json=body))["id"])


def source(tenant: Any, base_id: str, fmt: str = "delimited") -> str:
    body = {
        "name": "src",
        "baseConnectionId": base_id,
        "connectionSpec": {"id": S3, "version": "1.0"},
        "data": {"format": fmt, "columnDelimiter": "\t"},
        "params": {"path": "/bucket/leads/*.tsv", "recursive": "true"},
    }
    return str(ok(tenant.request("POST", f"{FS}/sourceConnections", json=body))["id"])


def target(tenant: Any, dataset_id: str, schema_id: str) -> str:
    body = {
        "name": "tgt",
        "connectionSpec": {"id": DATA_LAKE, "version": "1.0"},
        "data": {
            "format": "parquet_xdm",
            "schema": {"id": schema_id, "version": "application/vnd.adobe.xed-full+json;version=1"},
        },
        "params": {"dataSetId": dataset_id},
    }
    return str(ok(tenant.request("POST", f"{FS}/targetConnections", json=body))["id"])


def flow_body(
    source_id: str, target_id: str, mapping_id: str | None, **schedule: Any
) -> dict[str, Any]:
    body: dict[str, Any] = {
        "name": "flow",
        "flowSpec": {"id": CLOUD_STORAGE, "version": "1.0"},
        "sourceConnectionIds": [source_id],
        "targetConnectionIds": [target_id],
        "scheduleParams": schedule
        or {"startTime": "1597784298", "frequency": "minute", "interval": "30"},
    }
    if mapping_id:
        body["transformations"] = [
            {"name": "Mapping", "params": {"mappingId": mapping_id, "mappingVersion": "0"}}
        ]
    return body


def pipeline(tenant: Any) -> dict[str, str]:
    """Everything a delimited-file flow needs, created through the API."""
    schema_id = schema(tenant)
    dataset_id = dataset(tenant, schema_id)
    base = s3_connection(tenant)
    return {
        "schema": schema_id,
        "dataset": dataset_id,
        "base": base,
        "source": source(tenant, base),
        "target": target(tenant, dataset_id, schema_id),
        "mapping": mapping_set(tenant, schema_id),
    }
