"""Base connection auth: tutorial bodies accepted, mistakes named, secrets never echoed."""

from __future__ import annotations

import json
from typing import Any

import pytest

from headwater.connectors import (
    DATA_LAKE_SPEC_ID,
    get_spec,
    secret_fields,
    validate_auth,
    validate_base_connection,
)
from headwater.errors import BadRequest, InvalidField

S3 = "ecadc60c-7455-4d87-84dc-2a0e293d997b"
BLOB = "4c10e202-c428-4796-9208-5f1f5732b1cf"
ADLS = "b3ba5556-48be-44b7-8b85-ff2b69b46dc4"
FILES = "be5ec48c-5b78-49d5-b8fa-7c89ec4569b8"
GCS = "32e8f412-cdf7-464c-9885-78184cb113fd"
SFTP = "b7bf2577-4520-42c9-bae9-cad01560f7bc"
FTP = "fb2e94c9-c031-467d-8103-6bd6e0a432f2"
HDFS = "54e221aa-d342-4707-bcff-7a4bceef0001"
ORACLE = "c85f9425-fb21-426c-ad0b-405e9bd8a46c"
DLZ = "26f526f2-58f4-4712-961d-e41bf1ccc0e8"
KINESIS = "86043421-563b-46ec-8e6c-e23184711bf6"
EVENT_HUBS = "bf9f5905-92b7-48bf-bf20-455bc6b60a4e"

# (spec id, auth.specName, auth.params) as written in the platform's tutorials.
TUTORIAL_BODIES: list[tuple[str, str, dict[str, Any]]] = [
    (S3, "Access Key", {"s3AccessKey": "{S3_ACCESS_KEY}", "s3SecretKey": "{S3_SECRET_KEY}"}),
    (
        S3,
        "Access Key",
        {
            "s3AccessKey": "{ACCESS_KEY}",
            "s3SecretKey": "{SECRET_KEY}",
            "s3SessionToken": "{SESSION_TOKEN}",
            "serviceUrl": "https://s3.us-east-1.amazonaws.com",
            "bucketName": "{BUCKET_NAME}",
            "folderPath": "{FOLDER_PATH}",
        },
    ),
    (
        BLOB,
        "ConnectionString",
        {
            "connectionString": "DefaultEndpointsProtocol=https;AccountName={ACCOUNT_NAME};"
            "AccountKey={ACCOUNT_KEY}",
        },
    ),
    (
        BLOB,
        "SAS URI Authentication",
        {
            "sasUri": "https://{ACCOUNT_NAME}.blob.core.windows.net/?sv={STORAGE_VERSION}&sig={SIG}",
        },
    ),
    (
        ADLS,
        "Basic Authentication for adls-gen2",
        {
            "url": "{URL}",
            "servicePrincipalId": "{SERVICE_PRINCIPAL_ID}",
            "servicePrincipalKey": "{SERVICE_PRINCIPAL_KEY}",
            "tenant": "{TENANT}",
        },
    ),
    (
        FILES,
        "Basic Authentication",
        {"host": "{HOST}", "userId": "{USER_ID}", "password": "{PASSWORD}"},
    ),
    (
        GCS,
        "Basic Authentication for google-cloud",
        {"accessKeyId": "accessKeyId", "secretAccessKey": "secretAccessKey"},
    ),
    (
        GCS,
        "Basic Authentication for google-cloud",
        {
            "accessKeyId": "accessKeyId",
            "secretAccessKey": "secretAccessKey",
            "bucketName": "acme-google-cloud-bucket",
            "folderPath": "/acme/customers/sales",
        },
    ),
    (
        SFTP,
        "Basic Authentication for sftp",
        {
            "host": "{HOST}",
            "port": 22,
            "userName": "{USERNAME}",
            "password": "{PASSWORD}",
            "maxConcurrentConnections": 5,
            "folderPath": "acme/business/customers/holidaySales",
        },
    ),
    (
        SFTP,
        "SSH PublicKey Authentication for sftp",
        {
            "host": "{HOST}",
            "port": 22,
            "userName": "{USERNAME}",
            "privateKeyContent": "{PRIVATE_KEY_CONTENT}",
            "passPhrase": "{PASSPHRASE}",
            "maxConcurrentConnections": 5,
            "folderPath": "acme/business/customers/holidaySales",
        },
    ),
    (
        FTP,
        "Basic Authentication for FTP",
        {"host": "{HOST}", "userName": "{USERNAME}", "password": "{PASSWORD}"},
    ),
    (HDFS, "Anonymous Authentication", {"url": "{URL}"}),
    (
        ORACLE,
        "Access Key",
        {
            "serviceUrl": "{SERVICE_URL}",
            "accessKey": "{ACCESS_KEY}",
            "secretKey": "{SECRET_KEY}",
            "bucketName": "{BUCKET_NAME}",
            "folderPath": "{FOLDER_PATH}",
        },
    ),
    (
        KINESIS,
        "Aws Kinesis authentication credentials",
        {"accessKeyId": "{ACCESS_KEY_ID}", "secretKey": "{SECRET_KEY}", "region": "{REGION}"},
    ),
    (
        EVENT_HUBS,
        "Azure EventHub authentication credentials",
        {"sasKeyName": "{SAS_KEY_NAME}", "sasKey": "{SAS_KEY}", "namespace": "{NAMESPACE}"},
    ),
    (
        EVENT_HUBS,
        "Azure EventHub authentication credentials",
        {
            "sasKeyName": "{SAS_KEY_NAME}",
            "sasKey": "{SAS_KEY}",
            "namespace": "{NAMESPACE}",
            "eventHubName": "{EVENT_HUB_NAME}",
        },
    ),
    (
        EVENT_HUBS,
        "Event Hub Azure Active Directory Auth",
        {
            "tenantId": "{TENANT_ID}",
            "clientId": "{CLIENT_ID}",
            "clientSecretValue": "{CLIENT_SECRET_VALUE}",
            "namespace": "{NAMESPACE}",
        },
    ),
]


@pytest.mark.parametrize(("spec_id", "spec_name", "params"), TUTORIAL_BODIES)
def test_tutorial_bodies_are_accepted_unchanged(
    spec_id: str, spec_name: str, params: dict[str, Any]
) -> None:
    assert validate_auth(get_spec(spec_id), spec_name, params) == params


def test_numbers_and_booleans_as_strings_are_converted() -> None:
    params = {
        "host": "sftp.local",
        "port": "2222",
        "userName": "u",
        "password": "p",
        "maxConcurrentConnections": "3",
    }
    out = validate_auth(get_spec(SFTP), "Basic Authentication for sftp", params)
    assert out["port"] == 2222
    assert out["maxConcurrentConnections"] == 3
    assert params["port"] == "2222", "the caller's dict is not modified"


def test_defaults_are_not_added() -> None:
    out = validate_auth(
        get_spec(FTP),
        "Basic Authentication for FTP",
        {"host": "h", "userName": "u", "password": "p"},
    )
    assert "port" not in out


def test_other_auth_modes() -> None:
    key = json.dumps({"type": "service_account", "project_id": "demo"})
    out = validate_auth(
        get_spec(GCS),
        "Service Account Authentication for google-cloud",
        {"credentials": key, "serviceUrl": "http://localhost:9023"},
    )
    assert out["credentials"] == key
    validate_auth(
        get_spec(ADLS),
        "Account Key Authentication for adls-gen2",
        {"url": "http://127.0.0.1:10000/devstoreaccount1", "accountKey": "k"},
    )
    validate_auth(get_spec(ADLS), "SAS URI Authentication for adls-gen2", {"sasUri": "https://x"})


def test_wrong_spec_name_is_1415() -> None:
    with pytest.raises(BadRequest) as caught:
        validate_auth(get_spec(S3), "Basic Authentication", {"s3AccessKey": "a"})
    assert caught.value.code == "1415"
    assert "'Access Key'" in caught.value.message


def test_missing_spec_name_is_1304() -> None:
    with pytest.raises(InvalidField) as caught:
        validate_auth(get_spec(S3), None, {"s3AccessKey": "a", "s3SecretKey": "b"})
    assert (caught.value.code, caught.value.field) == ("1304", "auth.specName")


@pytest.mark.parametrize("value", [None, ""])
def test_missing_or_empty_mandatory_field_is_1304(value: str | None) -> None:
    params = {"s3AccessKey": "AKIA", "s3SecretKey": "s"}
    params["s3AccessKey"] = value  # type: ignore[assignment]
    if value is None:
        del params["s3AccessKey"]
    with pytest.raises(InvalidField) as caught:
        validate_auth(get_spec(S3), "Access Key", params)
    assert caught.value.code == "1304"
    assert caught.value.field == "auth.params.s3AccessKey"


def test_unknown_field_is_rejected_with_the_expected_names() -> None:
    params = {"host": "h", "userName": "u", "password": "p", "username": "typo"}
    with pytest.raises(InvalidField) as caught:
        validate_auth(get_spec(FTP), "Basic Authentication for FTP", params)
    assert caught.value.field == "auth.params.username"
    assert "userName" in caught.value.message


def test_snake_case_names_are_not_accepted() -> None:
    with pytest.raises(InvalidField):
        validate_auth(get_spec(S3), "Access Key", {"s3_access_key": "a", "s3_secret_key": "b"})


SECRET = "hunter2-SECRET-VALUE-9c1f"


@pytest.mark.parametrize(
    ("spec_id", "spec_name", "params"),
    [
        (S3, "Access Key", {"s3SecretKey": SECRET}),
        (S3, "Access Key", {"s3AccessKey": "a", "s3SecretKey": "b", "secret": SECRET}),
        (S3, "Access Key", {"s3AccessKey": "a", "s3SecretKey": {"nested": SECRET}}),
        (
            SFTP,
            "Basic Authentication for sftp",
            {"host": "h", "userName": "u", "password": SECRET, "port": SECRET},
        ),
        (GCS, "Service Account Authentication for google-cloud", {"credentials": SECRET}),
        (BLOB, "ConnectionString", {"connectionString": [SECRET]}),
    ],
)
def test_errors_never_echo_values(spec_id: str, spec_name: str, params: dict[str, Any]) -> None:
    with pytest.raises(InvalidField) as caught:
        validate_auth(get_spec(spec_id), spec_name, params)
    error = caught.value
    rendered = " ".join([str(error), error.message, repr(error.details)])
    assert SECRET not in rendered


def test_non_object_params_are_rejected() -> None:
    with pytest.raises(InvalidField) as caught:
        validate_auth(get_spec(HDFS), "Anonymous Authentication", ["url"])  # type: ignore[arg-type]
    assert caught.value.field == "auth.params"


def test_specs_without_auth() -> None:
    lake = get_spec(DATA_LAKE_SPEC_ID)
    assert validate_auth(lake, None, None) == {}
    assert validate_auth(lake, None, {}) == {}
    assert secret_fields(lake, None) == frozenset()
    with pytest.raises(BadRequest) as caught:
        validate_auth(lake, "Basic Authentication", {"x": 1})
    assert caught.value.code == "1415"
    with pytest.raises(BadRequest) as caught:
        validate_auth(get_spec(DLZ), None, {"sasUri": "x"})
    assert caught.value.code == "1415"


def test_secret_fields() -> None:
    assert secret_fields(get_spec(S3), "Access Key") == {"s3SecretKey", "s3SessionToken"}
    assert secret_fields(get_spec(SFTP), "SSH PublicKey Authentication for sftp") == {
        "privateKeyContent",
        "passPhrase",
    }
    assert secret_fields(get_spec(EVENT_HUBS), "Azure EventHub authentication credentials") == {
        "sasKey"
    }
    with pytest.raises(BadRequest):
        secret_fields(get_spec(S3), "nope")


def test_base_connection_rules() -> None:
    validate_base_connection(get_spec(S3), "5831c52c-c261-4945-b1c5-2cc261d945b2")
    validate_base_connection(get_spec(DLZ), None)
    validate_base_connection(get_spec(DATA_LAKE_SPEC_ID), None)
    validate_base_connection(get_spec(DATA_LAKE_SPEC_ID), "291257e3-c560-4e07-9257-e3c5606e07d1")
    with pytest.raises(BadRequest) as caught:
        validate_base_connection(get_spec(DLZ), "5831c52c-c261-4945-b1c5-2cc261d945b2")
    assert caught.value.code == "1332"
    with pytest.raises(InvalidField) as missing:
        validate_base_connection(get_spec(S3), None)
    assert (missing.value.code, missing.value.field) == ("1304", "baseConnectionId")
