"""The /connectionSpecs catalogue: ids, names, auth specs and the JSON generated from the models."""

from __future__ import annotations

import subprocess
import sys
from typing import Any

import pytest
from jsonschema import Draft7Validator  # type: ignore[import-untyped]

from headwater.connectors import (
    DATA_LAKE_SPEC_ID,
    all_specs,
    connection_specs,
    find_spec,
    find_spec_by_name,
    get_spec,
    secret_fields,
)
from headwater.connectors.registry import known_connectors
from headwater.errors import NotFound

# §2.5 of the API reference: spec id → {auth specName: (required params, optional params)}.
SECTION_2_5: dict[str, dict[str, tuple[set[str], set[str]]]] = {
    "ecadc60c-7455-4d87-84dc-2a0e293d997b": {
        "Access Key": (
            {"s3AccessKey", "s3SecretKey"},
            {"s3SessionToken", "serviceUrl", "bucketName", "folderPath"},
        ),
    },
    "4c10e202-c428-4796-9208-5f1f5732b1cf": {
        "ConnectionString": ({"connectionString"}, set()),
        "SAS URI Authentication": ({"sasUri"}, set()),
    },
    "b3ba5556-48be-44b7-8b85-ff2b69b46dc4": {
        "Basic Authentication for adls-gen2": (
            {"url", "servicePrincipalId", "servicePrincipalKey", "tenant"},
            set(),
        ),
    },
    "be5ec48c-5b78-49d5-b8fa-7c89ec4569b8": {
        "Basic Authentication": ({"host", "userId", "password"}, {"shareName", "port"}),
    },
    "32e8f412-cdf7-464c-9885-78184cb113fd": {
        "Basic Authentication for google-cloud": (
            {"accessKeyId", "secretAccessKey"},
            {"bucketName", "folderPath"},
        ),
    },
    "b7bf2577-4520-42c9-bae9-cad01560f7bc": {
        "Basic Authentication for sftp": (
            {"host", "userName", "password"},
            {"port", "maxConcurrentConnections", "folderPath"},
        ),
        "SSH PublicKey Authentication for sftp": (
            {"host", "userName", "privateKeyContent"},
            {"port", "passPhrase", "maxConcurrentConnections", "folderPath"},
        ),
    },
    "fb2e94c9-c031-467d-8103-6bd6e0a432f2": {
        "Basic Authentication for FTP": ({"host", "userName", "password"}, {"port"}),
    },
    "54e221aa-d342-4707-bcff-7a4bceef0001": {
        "Anonymous Authentication": ({"url"}, set()),
    },
    "c85f9425-fb21-426c-ad0b-405e9bd8a46c": {
        "Access Key": ({"serviceUrl", "accessKey", "secretKey"}, {"bucketName", "folderPath"}),
    },
    "26f526f2-58f4-4712-961d-e41bf1ccc0e8": {},
    "86043421-563b-46ec-8e6c-e23184711bf6": {
        "Aws Kinesis authentication credentials": (
            {"accessKeyId", "secretKey", "region"},
            set(),
        ),
    },
    "bf9f5905-92b7-48bf-bf20-455bc6b60a4e": {
        "Azure EventHub authentication credentials": (
            {"sasKeyName", "sasKey", "namespace"},
            {"eventHubName"},
        ),
    },
    DATA_LAKE_SPEC_ID: {},
}

# Names clients use to look specs up (aepp: "landing-zone", "datalake"; the docs: the others).
NAMES = {
    "ecadc60c-7455-4d87-84dc-2a0e293d997b": "amazon-s3",
    "4c10e202-c428-4796-9208-5f1f5732b1cf": "azure-blob",
    "b3ba5556-48be-44b7-8b85-ff2b69b46dc4": "adls-gen2",
    "be5ec48c-5b78-49d5-b8fa-7c89ec4569b8": "azure-file-storage",
    "32e8f412-cdf7-464c-9885-78184cb113fd": "google-cloud",
    "b7bf2577-4520-42c9-bae9-cad01560f7bc": "sftp",
    "26f526f2-58f4-4712-961d-e41bf1ccc0e8": "landing-zone",
    DATA_LAKE_SPEC_ID: "datalake",
}

SECRET_WORDS = ("key", "secret", "password", "sas", "connectionstring", "token", "passphrase")
NOT_SECRET = {
    "accessKeyId",
    "s3AccessKey",
    "accessKey",
    "sasKeyName",
    "servicePrincipalId",
    "clientId",
    "tenantId",
}


def _items() -> dict[str, dict[str, Any]]:
    return {item["id"]: item for item in connection_specs()}


def _auth_specs(item: dict[str, Any]) -> dict[str, dict[str, Any]]:
    return {auth["name"]: auth["spec"] for auth in item["authSpec"]}


def test_every_spec_of_the_reference_is_served() -> None:
    assert set(_items()) == set(SECTION_2_5)


@pytest.mark.parametrize("spec_id", sorted(SECTION_2_5))
def test_auth_specs_have_the_reference_names_and_params(spec_id: str) -> None:
    served = _auth_specs(_items()[spec_id])
    for name, (required, optional) in SECTION_2_5[spec_id].items():
        assert name in served, f"{spec_id} lacks auth spec {name!r}"
        schema = served[name]
        assert set(schema["required"]) == required
        assert required | optional <= set(schema["properties"])


@pytest.mark.parametrize(("spec_id", "name"), sorted(NAMES.items()))
def test_spec_names_are_the_platform_names(spec_id: str, name: str) -> None:
    assert _items()[spec_id]["name"] == name
    spec = find_spec_by_name(name)
    assert spec is not None
    assert spec.id == spec_id


def test_extra_auth_modes_are_offered() -> None:
    adls = _auth_specs(_items()["b3ba5556-48be-44b7-8b85-ff2b69b46dc4"])
    assert {
        "Account Key Authentication for adls-gen2",
        "SAS URI Authentication for adls-gen2",
    } <= set(adls)
    gcs = _auth_specs(_items()["32e8f412-cdf7-464c-9885-78184cb113fd"])
    assert gcs["Service Account Authentication for google-cloud"]["required"] == ["credentials"]


def test_items_are_sorted_by_name_and_shaped_like_the_dto() -> None:
    items = connection_specs()
    assert [item["name"] for item in items] == sorted(item["name"] for item in items)
    for item in items:
        assert item["version"] == "1.0"
        assert {"id", "name", "providerId", "type", "attributes", "authSpec"} <= set(item)
        assert item["attributes"]["connectorName"]
        assert item["attributes"]["uiAttributes"]["apiFeatures"] == {
            "explorePaginationSupported": False
        }
        assert item["permissionsInfo"]["view"][0]["permissions"] == ["read"]


def test_file_sources_have_a_file_system_explore_spec_and_path_params() -> None:
    for spec in all_specs():
        item = _items()[spec.id]
        if spec.is_file_source:
            assert item["exploreSpec"]["type"] == "FileSystem"
            assert item["sourceSpec"]["spec"]["required"] == ["path"]
            assert item["attributes"]["category"] == "Cloud Storage"
        else:
            assert "exploreSpec" not in item


def test_streaming_sources_take_their_stream_params() -> None:
    kinesis = _items()["86043421-563b-46ec-8e6c-e23184711bf6"]["sourceSpec"]["spec"]
    assert kinesis["required"] == ["stream"]
    assert kinesis["properties"]["dataType"]["enum"] == ["raw", "xdm"]
    assert kinesis["properties"]["reset"]["enum"] == ["latest", "earliest"]
    hubs = _items()["bf9f5905-92b7-48bf-bf20-455bc6b60a4e"]["sourceSpec"]["spec"]
    assert hubs["required"] == ["eventHubName"]
    assert "consumerGroup" in hubs["properties"]


def test_data_lake_target_has_no_auth_and_a_target_spec() -> None:
    lake = _items()[DATA_LAKE_SPEC_ID]
    assert lake["authSpec"] == []
    assert lake["attributes"]["isTarget"] is True
    assert lake["attributes"]["isSource"] is False
    assert lake["targetSpec"]["spec"]["required"] == ["dataSetId"]
    assert "sourceSpec" not in lake


def _schemas(item: dict[str, Any]) -> list[dict[str, Any]]:
    found = [auth["spec"] for auth in item["authSpec"]]
    for key in ("sourceSpec", "targetSpec"):
        if key in item:
            found.append(item[key]["spec"])
    if "exploreSpec" in item:
        explore = item["exploreSpec"]
        found += [explore["requestSpec"], explore["responseSpec"]["root"]]
        found += list(explore["responseSpec"]["file"].values())
    return found


@pytest.mark.parametrize("item", connection_specs(), ids=lambda item: item["name"])
def test_every_schema_is_valid_draft_07(item: dict[str, Any]) -> None:
    for schema in _schemas(item):
        Draft7Validator.check_schema(schema)
        assert schema["$schema"] == "http://json-schema.org/draft-07/schema#"
    for auth in item["authSpec"]:
        spec = auth["spec"]
        assert spec["type"] == "object"
        assert spec["description"]
        for name, prop in spec["properties"].items():
            assert prop.get("description"), f"{item['name']}/{auth['name']}/{name}"
            assert "title" not in prop
            assert "anyOf" not in prop


@pytest.mark.parametrize("item", connection_specs(), ids=lambda item: item["name"])
def test_secrets_are_marked_password(item: dict[str, Any]) -> None:
    spec = get_spec(item["id"])
    for auth in item["authSpec"]:
        for name, prop in auth["spec"]["properties"].items():
            looks_secret = any(word in name.lower() for word in SECRET_WORDS)
            is_secret = name == "credentials" or (looks_secret and name not in NOT_SECRET)
            assert (prop.get("format") == "password") == is_secret, f"{auth['name']}/{name}"
        marked = {n for n, p in auth["spec"]["properties"].items() if p.get("format") == "password"}
        assert secret_fields(spec, auth["name"]) == marked


def test_lookups() -> None:
    s3 = get_spec("ECADC60C-7455-4D87-84DC-2A0E293D997B")
    assert s3.name == "amazon-s3"
    assert find_spec("not-a-spec") is None
    with pytest.raises(NotFound) as caught:
        get_spec("not-a-spec")
    assert caught.value.code == "1413"


def test_landing_zone_takes_no_base_connection() -> None:
    assert get_spec("26f526f2-58f4-4712-961d-e41bf1ccc0e8").needs_base_connection is False
    assert all(spec.needs_base_connection for spec in all_specs() if spec.name != "landing-zone")


def test_registry_is_one_sorted_table_of_module_paths() -> None:
    modules = list(known_connectors.values())
    assert modules == sorted(modules)
    assert len(set(modules)) == len(modules)
    assert [spec.id for spec in all_specs()] == list(known_connectors)


def test_importing_the_package_imports_no_connector_module() -> None:
    code = (
        "import sys, headwater.connectors as c; c.get_spec('" + DATA_LAKE_SPEC_ID + "');"
        "loaded = [m for m in sys.modules if m in {'headwater.connectors.s3', "
        "'headwater.connectors.sftp', 'headwater.connectors.kinesis'}];"
        "print(','.join(loaded))"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    )
    assert result.stdout.strip() == ""


def test_items_are_fresh_copies() -> None:
    first = connection_specs()
    assert first[0]["name"] == "adls-gen2"
    first[0]["authSpec"].clear()
    first[0]["name"] = "changed"
    again = connection_specs()[0]
    assert again["name"] == "adls-gen2"
    assert len(again["authSpec"]) == 3
