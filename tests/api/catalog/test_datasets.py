"""Datasets of the Catalog: create (seed bodies), look up, change, delete (reference §4.3)."""

from __future__ import annotations

import json
import re
from urllib.parse import urlsplit

import pytest

from .helpers import CATALOG, XED_NOTEXT, create_dataset, create_schema, seed_step, with_schema

HEX24 = re.compile(r"^[0-9a-f]{24}$")


def _seed_path(url: str) -> str:
    parts = urlsplit(url)
    return f"{parts.path}?{parts.query}" if parts.query else parts.path


def test_seed_003_dataset_body_creates_a_dataset(tenant, schema_id):
    step = seed_step("003_", "catalog/dataSets")
    reply = tenant.request(
        "POST",
        _seed_path(step.call.url),
        content=with_schema(step.call.body, schema_id),
        headers={"Content-Type": "application/json"},
    )
    assert reply.status_code == 201, reply.text
    (ref,) = reply.json()
    assert ref.startswith("@/dataSets/")
    assert HEX24.match(ref.removeprefix("@/dataSets/"))
    assert len(step.documented) == 1
    assert step.documented[0].startswith("@/dataSets/")


def test_seed_000_dataset_body_is_not_json_and_says_so(tenant, schema_id):
    step = seed_step("000_", "catalog/dataSets")
    body = with_schema(step.call.body, schema_id)
    reply = tenant.request(
        "POST",
        _seed_path(step.call.url),
        content=body,
        headers={"Content-Type": "application/json"},
    )
    assert reply.status_code == 400
    problem = reply.json()
    assert problem["type"].startswith("https://ns.adobe.com/aep/errors/CAT-")
    assert "not valid JSON" in problem["detail"]


def test_seed_000_dataset_body_with_its_quotes_fixed_is_accepted(tenant, schema_id):
    step = seed_step("000_", "catalog/dataSets")
    body = with_schema(step.call.body, schema_id).replace('""', '"')
    reply = tenant.request(
        "POST",
        _seed_path(step.call.url),
        content=body,
        headers={"Content-Type": "application/json"},
    )
    assert reply.status_code == 201, reply.text
    dataset_id = reply.json()[0].removeprefix("@/dataSets/")
    doc = tenant.request("GET", f"{CATALOG}/dataSets/{dataset_id}").json()[dataset_id]
    assert doc["schemaRef"] == {"id": schema_id, "contentType": XED_NOTEXT}
    assert doc["name"] == json.loads(body)["name"]


def test_lookup_is_keyed_by_id_with_catalog_fields(tenant, schema_id):
    dataset_id = create_dataset(
        tenant,
        schema_id,
        "Leads",
        description="leads from S3",
        tags={"team": ["growth"]},
        enableErrorDiagnostics=True,
        fileDescription={"format": "parquet"},
    )
    reply = tenant.request("GET", f"{CATALOG}/dataSets/{dataset_id}")
    assert reply.status_code == 200
    body = reply.json()
    assert list(body) == [dataset_id]
    doc = body[dataset_id]
    assert doc["name"] == "Leads"
    assert doc["description"] == "leads from S3"
    assert doc["imsOrg"] == tenant.org_id
    assert doc["sandboxId"]
    assert doc["created"] == doc["updated"]
    assert doc["created"] > 1_600_000_000_000
    assert doc["createdClient"] == tenant.client_id
    assert doc["createdUser"] == doc["updatedUser"] == f"{tenant.client_id}@AdobeID"
    assert doc["version"] == "1.0.0"
    assert doc["schemaRef"]["id"] == schema_id
    assert doc["tags"]["team"] == ["growth"]
    assert doc["tags"]["adobe/pqs/table"] == ["leads"]
    assert doc["files"] == f"@/dataSetFiles?dataSetId={dataset_id}"
    assert HEX24.match(doc["viewId"])
    assert doc["enableErrorDiagnostics"] is True
    assert doc["fileDescription"] == {"format": "parquet"}
    assert doc["state"] == "DRAFT"
    assert doc["classification"] == {"dataBehavior": "record", "managedBy": "CUSTOMER"}
    assert "lastBatchId" not in doc


def test_event_datasets_are_time_series(tenant, db):
    event = "https://ns.adobe.com/xdm/context/experienceevent"
    schema_id = create_schema(
        tenant,
        db,
        {
            "type": "object",
            "title": "Web events",
            "allOf": [{"$ref": event}],
            "meta:containerId": "tenant",
            "meta:resourceType": "schemas",
            "meta:class": event,
        },
    )
    dataset_id = create_dataset(tenant, schema_id, "events")
    doc = tenant.request("GET", f"{CATALOG}/dataSets/{dataset_id}").json()[dataset_id]
    assert doc["classification"]["dataBehavior"] == "time-series"


def test_lookup_with_properties_projects(tenant, schema_id):
    dataset_id = create_dataset(tenant, schema_id)
    reply = tenant.request(
        "GET", f"{CATALOG}/dataSets/{dataset_id}", params={"properties": "name,schemaRef,nothing"}
    )
    assert reply.json() == {
        dataset_id: {"name": "Leads", "schemaRef": {"id": schema_id, "contentType": XED_NOTEXT}}
    }


@pytest.mark.parametrize(
    "content_type",
    [
        "application/vnd.adobe.xed+json;version=1",
        "application/vnd.adobe.xed-full+json;version=1",
        "application/vnd.adobe.xed-full-notext+json; version=1",
        None,
    ],
)
def test_schema_ref_content_type_variants(tenant, schema_id, content_type):
    ref = (
        {"id": schema_id}
        if content_type is None
        else {"id": schema_id, "contentType": content_type}
    )
    reply = tenant.request("POST", f"{CATALOG}/dataSets", json={"name": "x", "schemaRef": ref})
    assert reply.status_code == 201, reply.text
    dataset_id = reply.json()[0].removeprefix("@/dataSets/")
    stored = tenant.request("GET", f"{CATALOG}/dataSets/{dataset_id}").json()[dataset_id]
    assert stored["schemaRef"]["contentType"] == (
        content_type or "application/vnd.adobe.xed+json;version=1"
    )


def test_schema_can_be_named_by_alt_id(tenant, schema_id):
    alt_id = "_" + schema_id.removeprefix("https://ns.adobe.com/").replace("/", ".")
    reply = tenant.request(
        "POST", f"{CATALOG}/dataSets", json={"name": "x", "schemaRef": {"id": alt_id}}
    )
    assert reply.status_code == 201, reply.text
    dataset_id = reply.json()[0].removeprefix("@/dataSets/")
    stored = tenant.request("GET", f"{CATALOG}/dataSets/{dataset_id}").json()[dataset_id]
    assert stored["schemaRef"]["id"] == schema_id  # always the schema's $id


@pytest.mark.parametrize(
    ("body", "words"),
    [
        (
            {"name": "x", "schemaRef": {"id": "https://ns.adobe.com/acme/schemas/nope"}},
            "no schema https://ns.adobe.com/acme/schemas/nope exists",
        ),
        ({"name": "x"}, "schemaRef.id"),
        ({"name": "x", "schemaRef": {"id": "SCHEMA", "contentType": "text/csv"}}, "contentType"),
        ({"schemaRef": {"id": "SCHEMA"}}, "name"),
        ({"name": "x", "schemaRef": {"id": "SCHEMA"}, "tags": {"a": "b"}}, "tags"),
        (
            {"name": "x", "schemaRef": {"id": "SCHEMA"}, "fileDescription": {"format": "xls"}},
            "fileDescription.format",
        ),
    ],
)
def test_invalid_creates_are_400(tenant, schema_id, body, words):
    body = json.loads(json.dumps(body).replace("SCHEMA", schema_id))
    reply = tenant.request("POST", f"{CATALOG}/dataSets", json=body)
    assert reply.status_code == 400, reply.text
    assert words in reply.json()["detail"]


def test_schema_of_another_org_is_unknown(tenant, other_tenant, db):
    foreign = create_schema(other_tenant, db)
    reply = tenant.request(
        "POST", f"{CATALOG}/dataSets", json={"name": "x", "schemaRef": {"id": foreign}}
    )
    assert reply.status_code == 400
    assert "no schema" in reply.json()["detail"]


def test_aepp_style_create_is_accepted(tenant, schema_id):
    # aepp's createDataSet(name=..., schemaId=...) sends these members and requestDataSource=False.
    ref = {"id": schema_id, "contentType": "application/vnd.adobe.xed+json;version=1"}
    body = {
        "name": "aepp",
        "schemaRef": ref,
        "fileDescription": {"persisted": True, "containerFormat": "parquet", "format": "parquet"},
        "tags": {"unifiedProfile": ["enabled:true"]},
        "unifiedTags": ["a"],
    }
    reply = tenant.request(
        "POST", f"{CATALOG}/dataSets", params={"requestDataSource": "False"}, json=body
    )
    assert reply.status_code == 201, reply.text


def test_unknown_dataset_is_404(tenant):
    reply = tenant.request("GET", f"{CATALOG}/dataSets/5e7439b1ad55a618ad4c5102")
    assert reply.status_code == 404
    problem = reply.json()
    assert problem["type"].startswith("https://ns.adobe.com/aep/errors/CAT-")
    assert problem["report"]["id"] == "5e7439b1ad55a618ad4c5102"


def test_merge_patch_changes_fields_and_bumps_the_version(tenant, schema_id):
    dataset_id = create_dataset(tenant, schema_id, tags={"a": ["1"]}, description="old")
    reply = tenant.request(
        "PATCH",
        f"{CATALOG}/dataSets/{dataset_id}",
        json={"name": "Renamed", "tags": {"b": ["2"]}, "description": None},
    )
    assert reply.status_code == 200
    assert reply.json() == [f"@/dataSets/{dataset_id}"]
    doc = tenant.request("GET", f"{CATALOG}/dataSets/{dataset_id}").json()[dataset_id]
    assert doc["name"] == "Renamed"
    assert doc["tags"]["a"] == ["1"]
    assert doc["tags"]["b"] == ["2"]
    assert "description" not in doc
    assert doc["version"] == "1.0.1"
    assert doc["updated"] >= doc["created"]


def test_json_patch_adds_profile_tags(tenant, schema_id):
    dataset_id = create_dataset(tenant, schema_id)
    patch = [
        {"op": "add", "path": "/tags/unifiedProfile", "value": ["enabled:true"]},
        {"op": "add", "path": "/tags/unifiedIdentity", "value": ["enabled:true"]},
    ]
    reply = tenant.request(
        "PATCH",
        f"{CATALOG}/dataSets/{dataset_id}",
        content=json.dumps(patch),
        headers={"Content-Type": "application/json-patch+json"},
    )
    assert reply.status_code == 200, reply.text
    doc = tenant.request("GET", f"{CATALOG}/dataSets/{dataset_id}").json()[dataset_id]
    assert doc["tags"]["unifiedProfile"] == ["enabled:true"]
    assert doc["tags"]["unifiedIdentity"] == ["enabled:true"]


def test_json_patch_array_sent_as_application_json_is_a_patch(tenant, schema_id):
    # aepp's disableDatasetValidationContext sends its patch with the default Content-Type.
    dataset_id = create_dataset(tenant, schema_id)
    patch = [{"op": "add", "path": "/tags/acp_validationContext", "value": ["disabled"]}]
    reply = tenant.request("PATCH", f"{CATALOG}/dataSets/{dataset_id}", json=patch)
    assert reply.status_code == 200
    doc = tenant.request("GET", f"{CATALOG}/dataSets/{dataset_id}").json()[dataset_id]
    assert doc["tags"]["acp_validationContext"] == ["disabled"]


@pytest.mark.parametrize(
    "change",
    [
        [{"op": "replace", "path": "/schemaRef/id", "value": "https://ns.adobe.com/x/schemas/y"}],
        [{"op": "replace", "path": "/created", "value": 1}],
        {"schemaRef": {"id": "https://ns.adobe.com/x/schemas/y"}},
        [{"op": "remove", "path": "/name"}],
        {"name": ""},
        [{"op": "move", "path": "/tags/x", "from": "/tags/y"}],
    ],
)
def test_patches_of_fixed_or_invalid_fields_are_400(tenant, schema_id, change):
    dataset_id = create_dataset(tenant, schema_id)
    reply = tenant.request("PATCH", f"{CATALOG}/dataSets/{dataset_id}", json=change)
    assert reply.status_code == 400, reply.text
    doc = tenant.request("GET", f"{CATALOG}/dataSets/{dataset_id}").json()[dataset_id]
    assert doc["version"] == "1.0.0"


def test_put_replaces_the_editable_fields(tenant, schema_id):
    dataset_id = create_dataset(tenant, schema_id, description="old", tags={"a": ["1"]})
    current = tenant.request("GET", f"{CATALOG}/dataSets/{dataset_id}").json()[dataset_id]
    reply = tenant.request(
        "PUT",
        f"{CATALOG}/dataSets/{dataset_id}",
        json={"name": "New", "schemaRef": current["schemaRef"]},
    )
    assert reply.status_code == 200
    assert reply.json() == [f"@/dataSets/{dataset_id}"]
    doc = tenant.request("GET", f"{CATALOG}/dataSets/{dataset_id}").json()[dataset_id]
    assert doc["name"] == "New"
    assert "description" not in doc
    assert "a" not in doc["tags"]
    assert doc["tags"]["adobe/pqs/table"] == ["leads"]  # Catalog's table name stays
    assert doc["created"] == current["created"]
    assert doc["version"] == "1.0.1"


def test_put_cannot_change_the_schema(tenant, schema_id, db):
    dataset_id = create_dataset(tenant, schema_id)
    other = create_schema(tenant, db)
    reply = tenant.request(
        "PUT", f"{CATALOG}/dataSets/{dataset_id}", json={"name": "New", "schemaRef": {"id": other}}
    )
    assert reply.status_code == 400
    assert "schemaRef" in reply.json()["detail"]


def test_delete_then_404(tenant, schema_id):
    dataset_id = create_dataset(tenant, schema_id)
    reply = tenant.request("DELETE", f"{CATALOG}/dataSets/{dataset_id}")
    assert reply.status_code == 200
    assert reply.json() == [f"@/dataSets/{dataset_id}"]
    assert tenant.request("GET", f"{CATALOG}/dataSets/{dataset_id}").status_code == 404
    assert tenant.request("DELETE", f"{CATALOG}/dataSets/{dataset_id}").status_code == 404
    assert dataset_id not in tenant.request("GET", f"{CATALOG}/dataSets").json()


def test_other_orgs_and_sandboxes_cannot_see_a_dataset(tenant, other_tenant, schema_id, db):
    from headwater.services import tenancy

    dataset_id = create_dataset(tenant, schema_id)
    tenancy.create_sandbox(db, tenant.org_id, "dev")
    dev = tenant.in_sandbox("dev")
    for caller in (other_tenant, dev):
        path = f"{CATALOG}/dataSets/{dataset_id}"
        assert caller.request("GET", path).status_code == 404
        assert caller.request("PATCH", path, json={"name": "x"}).status_code == 404
        assert caller.request("PUT", path, json={"name": "x"}).status_code == 404
        assert caller.request("DELETE", path).status_code == 404
        assert caller.request("GET", f"{CATALOG}/dataSets").json() == {}
    assert tenant.request("GET", f"{CATALOG}/dataSets/{dataset_id}").status_code == 200
