"""Bad input, one test per class, across the four services: the platform-style error, and nothing
changed (the collection counted, or the object read back, before and after).
"""

from __future__ import annotations

import re
import uuid
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any
from urllib.parse import quote

import pytest

from headwater.services import tenancy
from support.replay import says_invalid_json

FS = "/data/foundation/flowservice"
SR = "/data/foundation/schemaregistry"
CAT = "/data/foundation/catalog"
DP = "/data/foundation/conversion"
DATA_LAKE = "c604ff05-7f1a-43c0-8e18-33bf874cb11c"
S3 = "ecadc60c-7455-4d87-84dc-2a0e293d997b"
CLOUD_STORAGE_FLOW = "9753525b-82c7-4dce-8a9b-5ccfce2b9876"
PROFILE = "https://ns.adobe.com/xdm/context/profile"
XED_FULL = "application/vnd.adobe.xed-full+json;version=1"
XED_LOOKUP = {"Accept": "application/vnd.adobe.xed+json; version=1"}
BAD_CONTENT_TYPE = {
    "type": "/placeholder/type/uri",
    "status": 400,
    "title": "BadRequestError",
    "detail": "A valid content-type must be specified",
}
SERVICE_CODE = {FS: "FLOW", SR: "XDM", CAT: "CAT", DP: "DP"}


@dataclass(frozen=True)
class Collection:
    """A collection clients create objects in, and how to count what the tenant has there."""

    name: str
    path: str
    list_params: dict[str, str]
    list_headers: dict[str, str]
    size: Callable[[Any], int]

    @property
    def service(self) -> str:
        return next(base for base in SERVICE_CODE if self.path.startswith(base))

    def count(self, tenant: Any) -> int:
        reply = tenant.request("GET", self.path, params=self.list_params, headers=self.list_headers)
        assert reply.status_code == 200, reply.text
        return self.size(reply.json())


CONNECTIONS = Collection(
    "connections", f"{FS}/connections", {"count": "true"}, {}, lambda body: body["count"]
)
FLOWS = Collection("flows", f"{FS}/flows", {"count": "true"}, {}, lambda body: body["count"])
TARGET_CONNECTIONS = Collection(
    "targetConnections",
    f"{FS}/targetConnections",
    {"count": "true"},
    {},
    lambda body: body["count"],
)
SCHEMAS = Collection(
    "schemas",
    f"{SR}/tenant/schemas",
    {},
    {"Accept": "application/vnd.adobe.xed-id+json"},
    lambda body: len(body["results"]),
)
DATASETS = Collection("dataSets", f"{CAT}/dataSets", {"limit": "100"}, {}, len)
MAPPING_SETS = Collection(
    "mappingSets",
    f"{DP}/mappingSets",
    {"limit": "100", "start": "0"},
    {},
    lambda body: len(body["data"]),
)
ONE_PER_SERVICE = [CONNECTIONS, SCHEMAS, DATASETS, MAPPING_SETS]
by_name = pytest.mark.parametrize("collection", ONE_PER_SERVICE, ids=lambda c: c.name)


# --- valid objects to refer to ------------------------------------------------------------


def dataset_connection_body() -> dict[str, Any]:
    return {"name": "datasets", "connectionSpec": {"id": DATA_LAKE, "version": "1.0"}}


def create_connection(tenant: Any) -> dict[str, Any]:
    reply = tenant.request("POST", CONNECTIONS.path, json=dataset_connection_body())
    assert reply.status_code == 201, reply.text
    return dict(reply.json())


def create_schema(tenant: Any) -> str:
    reply = tenant.request(
        "POST",
        SCHEMAS.path,
        json={
            "type": "object",
            "title": f"Bad input {uuid.uuid4().hex[:8]}",
            "description": "",
            "allOf": [{"$ref": PROFILE}],
        },
    )
    assert reply.status_code == 201, reply.text
    return str(reply.json()["$id"])


def create_dataset(tenant: Any, schema_id: str) -> str:
    reply = tenant.request(
        "POST",
        DATASETS.path,
        json={"name": "bad input", "schemaRef": {"id": schema_id, "contentType": XED_FULL}},
    )
    assert reply.status_code == 201, reply.text
    return str(reply.json()[0].removeprefix("@/dataSets/"))


def mapping_set_body(schema_id: str) -> dict[str, Any]:
    return {
        "outputSchema": {"schemaRef": {"id": schema_id, "contentType": XED_FULL}},
        "mappings": [{"sourceType": "ATTRIBUTE", "source": "Id", "destination": "_id"}],
    }


def create_mapping_set(tenant: Any, schema_id: str) -> str:
    reply = tenant.request("POST", MAPPING_SETS.path, json=mapping_set_body(schema_id))
    assert reply.status_code == 200, reply.text
    return str(reply.json()["id"])


def schema_path(schema_id: str) -> str:
    return f"{SCHEMAS.path}/{quote(schema_id, safe='')}"


# --- assertions --------------------------------------------------------------------------


def problem_message(body: dict[str, Any]) -> str:
    return str(body.get("errorMessage") or body.get("detail") or "")


def assert_problem(reply: Any, service: str, status: int, code: str | None = None) -> str:
    """A platform problem body of ``service`` with ``status`` (and ``code``); its message."""
    assert reply.status_code == status, reply.text
    body = reply.json()
    code_pattern = code or r"\d+"
    pattern = rf"/errors/{SERVICE_CODE[service]}-{code_pattern}-{status}$"
    assert re.search(pattern, body["type"]), body
    assert body["status"] == status
    message = problem_message(body)
    assert message, body
    return message


def post_raw(tenant: Any, path: str, content: bytes, content_type: str | None) -> Any:
    headers = {"Content-Type": content_type} if content_type else {}
    return tenant.request("POST", path, content=content, headers=headers)


# --- the classes of bad input ---------------------------------------------------------------


@by_name
def test_malformed_json_is_refused_and_writes_nothing(tenant, collection):
    before = collection.count(tenant)
    reply = post_raw(tenant, collection.path, b'{"name": "half', "application/json")
    message = assert_problem(reply, collection.service, 400)
    assert says_invalid_json(message), message
    assert collection.count(tenant) == before


@by_name
@pytest.mark.parametrize("content_type", [None, "text/plain"], ids=["missing", "text-plain"])
def test_body_without_a_json_content_type_is_refused(tenant, collection, content_type):
    before = collection.count(tenant)
    reply = post_raw(tenant, collection.path, b'{"name": "valid json"}', content_type)
    assert (reply.status_code, reply.json()) == (400, BAD_CONTENT_TYPE)
    assert collection.count(tenant) == before


def test_empty_body_is_refused_as_empty(tenant):
    """Flow Service documents an empty body as its own error, ``1405-400``."""
    before = CONNECTIONS.count(tenant)
    reply = post_raw(tenant, CONNECTIONS.path, b"", "application/json")
    assert_problem(reply, FS, 400, "1405")
    assert CONNECTIONS.count(tenant) == before


def wrong_types(schema_id: str) -> list[tuple[Collection, dict[str, Any], str]]:
    """(collection, body with one member of the wrong JSON type, that member's name)."""
    return [
        (CONNECTIONS, {**dataset_connection_body(), "name": 5}, "name"),
        (CONNECTIONS, {"name": "x", "connectionSpec": "c604ff05"}, "connectionSpec"),
        (
            FLOWS,
            {
                "name": "f",
                "flowSpec": {"id": CLOUD_STORAGE_FLOW, "version": "1.0"},
                "sourceConnectionIds": "x",
                "targetConnectionIds": [],
            },
            "sourceConnectionIds",
        ),
        (SCHEMAS, {"type": "object", "title": "t", "description": "", "allOf": "profile"}, "allOf"),
        (DATASETS, {"name": 5, "schemaRef": {"id": schema_id, "contentType": XED_FULL}}, "name"),
        (MAPPING_SETS, {**mapping_set_body(schema_id), "mappings": "x"}, "mappings"),
    ]


def test_members_of_the_wrong_type_are_refused(tenant):
    schema_id = create_schema(tenant)
    for collection, body, member in wrong_types(schema_id):
        before = collection.count(tenant)
        reply = tenant.request("POST", collection.path, json=body)
        message = assert_problem(reply, collection.service, 400)
        assert member in message, f"{collection.name}: {message}"
        assert collection.count(tenant) == before, collection.name


def missing_members(schema_id: str) -> list[tuple[Collection, dict[str, Any], str]]:
    """(collection, body without one required member, that member's name)."""
    flow = {
        "name": "f",
        "flowSpec": {"id": CLOUD_STORAGE_FLOW, "version": "1.0"},
        "sourceConnectionIds": [],
        "targetConnectionIds": [],
    }
    return [
        (CONNECTIONS, {"name": "no spec"}, "connectionSpec"),
        (CONNECTIONS, {"name": "no auth", "connectionSpec": {"id": S3, "version": "1.0"}}, "auth"),
        (FLOWS, {k: v for k, v in flow.items() if k != "flowSpec"}, "flowSpec"),
        (SCHEMAS, {"type": "object", "description": "", "allOf": [{"$ref": PROFILE}]}, "title"),
        (SCHEMAS, {"type": "object", "title": "no class", "description": ""}, "allOf"),
        (DATASETS, {"schemaRef": {"id": schema_id, "contentType": XED_FULL}}, "name"),
        (MAPPING_SETS, {"outputSchema": mapping_set_body(schema_id)["outputSchema"]}, "mappings"),
    ]


def test_missing_required_members_are_refused(tenant):
    schema_id = create_schema(tenant)
    for collection, body, member in missing_members(schema_id):
        before = collection.count(tenant)
        reply = tenant.request("POST", collection.path, json=body)
        message = assert_problem(reply, collection.service, 400)
        assert member in message, f"{collection.name} without {member}: {message}"
        assert collection.count(tenant) == before, collection.name


def test_unknown_ids_are_404(tenant):
    unknown_uuid = str(uuid.uuid4())
    for kind in ("connections", "sourceConnections", "targetConnections", "flows"):
        path = f"{FS}/{kind}/{unknown_uuid}"
        assert_problem(tenant.request("GET", path), FS, 404, "1101")
        assert_problem(tenant.request("DELETE", path), FS, 404, "1101")
        patch = [{"op": "replace", "path": "/name", "value": "x"}]
        assert_problem(
            tenant.request("PATCH", path, json=patch, headers={"If-Match": "*"}), FS, 404
        )
    unknown_schema = f"https://ns.adobe.com/nobody/schemas/{uuid.uuid4().hex}"
    assert_problem(
        tenant.request("GET", schema_path(unknown_schema), headers=XED_LOOKUP), SR, 404, "1012"
    )
    assert_problem(tenant.request("GET", f"{CAT}/dataSets/5e7439b1ad55a618ad4c5102"), CAT, 404)
    assert_problem(tenant.request("GET", f"{DP}/mappingSets/{uuid.uuid4().hex}"), DP, 404)


def test_references_to_unknown_ids_write_nothing(tenant):
    schema_id = create_schema(tenant)
    flows_before, targets_before = FLOWS.count(tenant), TARGET_CONNECTIONS.count(tenant)
    flow = tenant.request(
        "POST",
        FLOWS.path,
        json={
            "name": "dangling",
            "flowSpec": {"id": CLOUD_STORAGE_FLOW, "version": "1.0"},
            "sourceConnectionIds": [str(uuid.uuid4())],
            "targetConnectionIds": [str(uuid.uuid4())],
            "scheduleParams": {"startTime": 1597784298, "frequency": "once"},
        },
    )
    # The platform documents no single code for this; both "bad request" and "not found" say it.
    assert flow.status_code in (400, 404), flow.text
    assert "-" + str(flow.status_code) in flow.json()["type"]
    target = tenant.request(
        "POST",
        TARGET_CONNECTIONS.path,
        json={
            "name": "dangling",
            "connectionSpec": {"id": DATA_LAKE, "version": "1.0"},
            "data": {"format": "parquet_xdm", "schema": {"id": schema_id, "version": XED_FULL}},
            "params": {"dataSetId": "5e7439b1ad55a618ad4c5102"},
        },
    )
    assert target.status_code in (400, 404), target.text
    assert (FLOWS.count(tenant), TARGET_CONNECTIONS.count(tenant)) == (flows_before, targets_before)


def objects_of(tenant: Any) -> list[tuple[str, str, dict[str, str]]]:
    """One object per service, created by ``tenant``: (service, path, lookup headers)."""
    connection = create_connection(tenant)
    schema_id = create_schema(tenant)
    dataset_id = create_dataset(tenant, schema_id)
    mapping_set_id = create_mapping_set(tenant, schema_id)
    return [
        (FS, f"{CONNECTIONS.path}/{connection['id']}", {}),
        (SR, schema_path(schema_id), XED_LOOKUP),
        (CAT, f"{DATASETS.path}/{dataset_id}", {}),
        (DP, f"{MAPPING_SETS.path}/{mapping_set_id}", {}),
    ]


def test_ids_of_another_org_are_404_and_untouched(tenant, other_tenant):
    objects = objects_of(tenant)
    for service, path, headers in objects:
        original = tenant.request("GET", path, headers=headers)
        assert original.status_code == 200, original.text
        assert_problem(other_tenant.request("GET", path, headers=headers), service, 404)
        if service in (FS, SR, CAT):
            assert_problem(other_tenant.request("DELETE", path), service, 404)
        assert tenant.request("GET", path, headers=headers).json() == original.json()
    connection_path = objects[0][1]
    etag = tenant.request("GET", connection_path).json()["items"][0]["etag"]
    stolen = other_tenant.request(
        "PATCH",
        connection_path,
        headers={"If-Match": etag},
        json=[{"op": "replace", "path": "/name", "value": "stolen"}],
    )
    assert_problem(stolen, FS, 404)
    assert tenant.request("GET", connection_path).json()["items"][0]["name"] == "datasets"


def test_ids_of_another_sandbox_are_404(tenant, db):
    objects = objects_of(tenant)
    tenancy.create_sandbox(db, tenant.org_id, "dev")
    dev = tenant.in_sandbox("dev")
    for service, path, headers in objects:
        assert tenant.request("GET", path, headers=headers).status_code == 200
        assert_problem(dev.request("GET", path, headers=headers), service, 404)
    assert CONNECTIONS.count(dev) == 0


@by_name
def test_oversized_body_is_413_and_writes_nothing(tenant, settings, collection):
    before = collection.count(tenant)
    padding = "x" * (settings.max_body_bytes + 1)
    body = f'{{"name": "big", "description": "{padding}"}}'.encode()
    reply = post_raw(tenant, collection.path, body, "application/json")
    assert reply.status_code == 413, reply.text[:500]
    assert reply.json()["status"] == 413
    assert collection.count(tenant) == before


def test_oversized_streamed_body_is_413_and_writes_nothing(tenant, settings):
    """Without a Content-Length (chunked upload) the limit still holds, with the same answer."""
    chunk = b"x" * (64 * 1024)
    chunks = settings.max_body_bytes // len(chunk) + 2

    def stream() -> Any:
        yield b'{"name": "big", "description": "'
        for _ in range(chunks):
            yield chunk
        yield b'"}'

    before = CONNECTIONS.count(tenant)
    reply = tenant.request(
        "POST", CONNECTIONS.path, content=stream(), headers={"Content-Type": "application/json"}
    )
    assert reply.status_code == 413, reply.text[:500]
    assert CONNECTIONS.count(tenant) == before


def test_unknown_query_parameters_are_refused_on_flow_service(tenant):
    assert_problem(tenant.request("GET", CONNECTIONS.path, params={"bogus": "1"}), FS, 400, "1451")
    before = CONNECTIONS.count(tenant)
    reply = tenant.request(
        "POST", CONNECTIONS.path, params={"bogus": "1"}, json=dataset_connection_body()
    )
    message = assert_problem(reply, FS, 400, "1451")
    assert "bogus" in message
    assert CONNECTIONS.count(tenant) == before


@pytest.mark.parametrize("collection", [SCHEMAS, DATASETS, MAPPING_SETS], ids=lambda c: c.name)
def test_unknown_query_parameters_are_refused_elsewhere(tenant, collection):
    reply = tenant.request(
        "GET",
        collection.path,
        params={**collection.list_params, "bogus": "1"},
        headers=collection.list_headers,
    )
    assert "bogus" in assert_problem(reply, collection.service, 400)
    before = collection.count(tenant)
    assert_problem(
        tenant.request("POST", collection.path, params={"bogus": "1"}, json={}),
        collection.service,
        400,
    )
    assert collection.count(tenant) == before


def test_json_patch_that_is_not_a_list_is_refused(tenant):
    connection = create_connection(tenant)
    path = f"{CONNECTIONS.path}/{connection['id']}"
    operation = {"op": "replace", "path": "/name", "value": "renamed"}
    reply = tenant.request("PATCH", path, json=operation, headers={"If-Match": connection["etag"]})
    assert_problem(reply, FS, 400)
    (item,) = tenant.request("GET", path).json()["items"]
    assert (item["name"], item["etag"]) == ("datasets", connection["etag"])

    schema_id = create_schema(tenant)
    before = tenant.request("GET", schema_path(schema_id), headers=XED_LOOKUP).json()
    reply = tenant.request(
        "PATCH",
        schema_path(schema_id),
        json={"op": "replace", "path": "/title", "value": "renamed"},
    )
    assert_problem(reply, SR, 400)
    after = tenant.request("GET", schema_path(schema_id), headers=XED_LOOKUP).json()
    assert after == before
