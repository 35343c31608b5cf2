"""Azure Blob and ADLS Gen2 connections: parsing and checking their auth params, building their
clients and credentials (no request leaves the process; the integration tests use Azurite)."""

from __future__ import annotations

from typing import Any

import aiohttp
import pytest
from azure.core.credentials import AzureSasCredential
from azure.core.exceptions import (
    ClientAuthenticationError,
    ResourceModifiedError,
    ResourceNotFoundError,
    ServiceRequestError,
    ServiceResponseError,
)
from azure.core.pipeline.transport import AsyncHttpTransport
from azure.identity import AzureAuthorityHosts
from azure.identity.aio import ClientSecretCredential

from headwater.connectors.adls_gen2 import AdlsAccountKey, AdlsSasUri, AdlsServicePrincipal
from headwater.connectors.adls_gen2_io import AdlsGen2Connector
from headwater.connectors.azure_blob_io import AzureBlobConnector
from headwater.connectors.azure_errors import classify_azure_error
from headwater.connectors.azure_params import (
    StorageUrl,
    check_account_key,
    check_connection_string,
    check_tenant,
    parse_account_url,
    parse_sas_uri,
    parse_storage_url,
    validate_auth_params,
)
from headwater.connectors.errors import InvalidSourcePath, SourceUnavailable
from headwater.connectors.protocol import open_connector
from headwater.errors import InvalidField

BLOB = "4c10e202-c428-4796-9208-5f1f5732b1cf"
ADLS = "b3ba5556-48be-44b7-8b85-ff2b69b46dc4"
KEY = "c2VjcmV0LWFjY291bnQta2V5LWZvci10ZXN0cw=="  # base64, as account keys are
SECRET = "hunter2-SECRET-VALUE-9c1f"


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        (
            "https://acme.dfs.core.windows.net",
            StorageUrl("https://acme.blob.core.windows.net", "acme", suffix="core.windows.net"),
        ),
        (
            "https://acme.blob.core.windows.net/",
            StorageUrl("https://acme.blob.core.windows.net", "acme", suffix="core.windows.net"),
        ),
        (
            "HTTPS://Acme.DFS.core.chinacloudapi.cn:8443/lake/a/b%20c",
            StorageUrl(
                "https://acme.blob.core.chinacloudapi.cn:8443",
                "acme",
                "lake",
                "a/b c",
                suffix="core.chinacloudapi.cn",
            ),
        ),
        (
            "http://127.0.0.1:10000/devstoreaccount1/leads/tsv",
            StorageUrl(
                "http://127.0.0.1:10000/devstoreaccount1", "devstoreaccount1", "leads", "tsv"
            ),
        ),
        (
            "http://localhost:10000/devstoreaccount1",
            StorageUrl("http://localhost:10000/devstoreaccount1", "devstoreaccount1"),
        ),
        (
            "http://[::1]:10000/devstoreaccount1/$root",
            StorageUrl("http://[::1]:10000/devstoreaccount1", "devstoreaccount1", "$root"),
        ),
        ("https://files.example.com/acme", StorageUrl("https://files.example.com", None, "acme")),
        (
            "https://acme.blob.core.windows.net/?sv=2024-11-04&sig=abc%3D",
            StorageUrl(
                "https://acme.blob.core.windows.net",
                "acme",
                query="sv=2024-11-04&sig=abc%3D",
                suffix="core.windows.net",
            ),
        ),
    ],
)
def test_parses_storage_urls(url: str, expected: StorageUrl) -> None:
    assert parse_storage_url(url) == expected


@pytest.mark.parametrize(
    ("url", "rule"),
    [
        ("ftp://acme.blob.core.windows.net", "http:// or https://"),
        ("acme.blob.core.windows.net", "http:// or https://"),
        ("https://", "http:// or https://"),
        ("https://acme.blob.core.windows.net:99999", "check host and port"),
        (f"https://user:{SECRET}@acme.blob.core.windows.net", "user name or password"),
        ("https://acme.blob.core.windows.net/a b", "without spaces"),
        ("http://127.0.0.1:10000", "name the account"),
        ("http://127.0.0.1:10000/dev-store", "invalid storage account"),
        ("https://acme.blob.core.windows.net/Leads", "invalid container"),
        ("https://acme.blob.core.windows.net/a--b", "invalid container"),
        ("https://acme.blob.core.windows.net/ab", "invalid container"),
    ],
)
def test_rejects_what_is_no_storage_url(url: str, rule: str) -> None:
    with pytest.raises(ValueError, match=rule) as caught:
        parse_storage_url(url)
    assert SECRET not in str(caught.value)


def test_account_urls_and_sas_uris() -> None:
    assert parse_sas_uri("https://acme.blob.core.windows.net/c1x?sv=1&sig=x").container == "c1x"
    with pytest.raises(ValueError, match="shared access signature"):
        parse_sas_uri("https://acme.blob.core.windows.net/?sv=2024-11-04")
    with pytest.raises(ValueError, match="must not have a query"):
        parse_account_url("https://acme.dfs.core.windows.net/?sig=x")
    with pytest.raises(ValueError, match="https://"):
        parse_account_url("http://acme.dfs.core.windows.net", https=True)
    with pytest.raises(ValueError, match="account name"):
        parse_account_url("https://files.example.com", named=True)
    assert parse_account_url("http://127.0.0.1:1/devstoreaccount1", named=True).account_name


def test_checks_keys_connection_strings_and_tenants() -> None:
    assert check_account_key(f" {KEY}\n") == KEY
    for bad in ("not base64!", "", "===="):
        with pytest.raises(ValueError, match="base64"):
            check_account_key(bad)
    good = f"DefaultEndpointsProtocol=https;AccountName=acme;AccountKey={KEY};"
    assert check_connection_string(f" {good} ") == good
    assert check_connection_string("BlobEndpoint=https://x/;SharedAccessSignature=sv=1&sig=a=")
    with pytest.raises(ValueError, match="AccountKey"):
        check_connection_string(f"AccountName=acme;AccountKey={SECRET}!")
    for bad in ("just text", "=value", "AccountName=acme;;x"):
        with pytest.raises(ValueError, match="Name=value"):
            check_connection_string(bad)
    assert check_tenant(" contoso.onmicrosoft.com ") == "contoso.onmicrosoft.com"
    assert check_tenant("72f988bf-86f1-41af-91ab-2d7cd011db47")
    with pytest.raises(ValueError, match="tenant"):
        check_tenant("contoso/../x")


def test_the_auth_model_is_the_one_the_params_fit() -> None:
    models = (AdlsServicePrincipal, AdlsAccountKey, AdlsSasUri)
    url = "https://acme.dfs.core.windows.net"
    assert isinstance(validate_auth_params({"url": url, "accountKey": KEY}, models), AdlsAccountKey)
    assert isinstance(validate_auth_params({"sasUri": "https://x"}, models), AdlsSasUri)
    with pytest.raises(InvalidField) as caught:  # url alone: the first auth spec's fields
        validate_auth_params({"url": url}, models)
    assert caught.value.field == "auth.params.servicePrincipalId"


# -- Azure Blob -----------------------------------------------------------------------------------


def test_a_connection_string_makes_a_client_of_its_endpoint() -> None:
    endpoint = "http://127.0.0.1:10000/devstoreaccount1"
    params = {
        "connectionString": f"DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;"
        f"AccountKey={KEY};BlobEndpoint={endpoint};"
    }
    connector = open_connector(BLOB, params)
    assert isinstance(connector, AzureBlobConnector)
    client = connector.fs.service_client
    assert client.url.rstrip("/") == endpoint and client.account_name == "devstoreaccount1"
    with pytest.raises(InvalidSourcePath, match="container"):
        list(connector.list("/"))


def test_a_sas_uri_keeps_its_signature_out_of_the_url() -> None:
    sas = "sv=2024-11-04&sr=c&sp=rl&sig=c2ln"
    params = {"sasUri": f"https://acme.blob.core.windows.net/leads/tsv?{sas}"}
    connector = open_connector(BLOB, params)
    assert isinstance(connector, AzureBlobConnector)
    client = connector.fs.service_client
    assert client.url.rstrip("/") == "https://acme.blob.core.windows.net"
    assert isinstance(client.credential, AzureSasCredential)
    assert client.credential.signature == sas
    # The URI names a container and a folder: paths are inside it (refused before any request).
    for outside in ("/root.csv", "/tsvx/a.tsv", "/"):
        with pytest.raises(InvalidSourcePath, match="outside the folder '/tsv'"):
            list(connector.list(outside))


@pytest.mark.parametrize(
    ("params", "field"),
    [
        ({"connectionString": f"AccountName=a;AccountKey={SECRET}!"}, "connectionString"),
        ({"connectionString": f"Nothing={SECRET}"}, "connectionString"),
        ({"connectionString": SECRET}, "connectionString"),
        ({"sasUri": f"https://acme.blob.core.windows.net/?sv={SECRET}"}, "sasUri"),
        ({"sasUri": f"https://x:{SECRET}@acme.blob.core.windows.net/?sig=a"}, "sasUri"),
        ({"sasUri": "https://acme.blob.core.windows.net/?sig=a", "other": SECRET}, "other"),
        ({}, "connectionString"),
    ],
)
def test_invalid_blob_params_are_refused_without_echo(params: dict[str, Any], field: str) -> None:
    with pytest.raises(InvalidField) as caught:
        open_connector(BLOB, params)
    error = caught.value
    assert error.field == f"auth.params.{field}"
    assert SECRET not in " ".join([str(error), error.message, repr(error.details)])


# -- ADLS Gen2 ------------------------------------------------------------------------------------


def test_an_adls_url_is_read_through_its_blob_endpoint() -> None:
    url = "https://acme.dfs.core.windows.net/lake/raw"
    connector = open_connector(ADLS, {"url": url, "accountKey": KEY})
    assert isinstance(connector, AdlsGen2Connector)
    client = connector.fs.service_client
    assert client.url.rstrip("/") == "https://acme.blob.core.windows.net"
    assert client.credential.account_name == "acme"
    with pytest.raises(InvalidSourcePath, match="outside the folder '/raw'"):
        list(connector.list("/cooked/a.csv"))
    emulator = {"url": "http://127.0.0.1:10000/devstoreaccount1", "accountKey": KEY}
    client = AdlsGen2Connector.from_auth(emulator).fs.service_client
    assert client.url.rstrip("/") == "http://127.0.0.1:10000/devstoreaccount1"
    assert client.credential.account_name == "devstoreaccount1"


class RecordingTransport(AsyncHttpTransport):
    """Stands in for the network of the Entra ID token endpoint: records the request and fails
    it as a connection failure would (nothing is sent anywhere)."""

    def __init__(self) -> None:
        self.requests: list[Any] = []

    async def send(self, request: Any, **kwargs: Any) -> Any:
        self.requests.append(request)
        raise ServiceRequestError("not sent: tests have no network")

    async def open(self) -> None:
        pass

    async def close(self) -> None:
        pass

    async def __aexit__(self, *args: object) -> None:
        pass


SERVICE_PRINCIPAL = {
    "url": "https://127.0.0.1:9/devstoreaccount1",  # loopback: a token would go nowhere else
    "servicePrincipalId": "0b9c8f5e-1111-2222-3333-444455556666",
    "servicePrincipalKey": SECRET,
    "tenant": "contoso.onmicrosoft.com",
}


def test_a_service_principal_asks_its_tenant_for_a_storage_token() -> None:
    transport = RecordingTransport()
    connector = AdlsGen2Connector.from_auth(
        SERVICE_PRINCIPAL,
        retries=1,
        credential_options={"transport": transport, "retry_total": 0},
    )
    credential = connector.fs.service_client.credential
    assert isinstance(credential, ClientSecretCredential)
    with pytest.raises(SourceUnavailable) as caught:
        connector.check()  # the token is asked for first: no storage request is ever sent
    assert SECRET not in caught.value.message
    (request,) = transport.requests
    assert request.method == "POST"
    assert (
        request.url == "https://login.microsoftonline.com/contoso.onmicrosoft.com/oauth2/v2.0/token"
    )
    assert request.data == {
        "client_id": SERVICE_PRINCIPAL["servicePrincipalId"],
        "client_secret": SECRET,
        "grant_type": "client_credentials",
        "scope": "https://storage.azure.com/.default",
    }


def test_the_token_authority_follows_the_cloud_of_the_url() -> None:
    transport = RecordingTransport()
    params = {**SERVICE_PRINCIPAL, "url": "https://acme.dfs.core.chinacloudapi.cn"}
    connector = AdlsGen2Connector.from_auth(
        params, credential_options={"transport": transport, "retry_total": 0}
    )
    with pytest.raises(ServiceRequestError):
        connector.fs.call(connector.fs.service_client.credential.get_token, "scope/.default")
    (request,) = transport.requests
    assert request.url.startswith(f"https://{AzureAuthorityHosts.AZURE_CHINA}/contoso.")


@pytest.mark.parametrize(
    ("params", "field"),
    [
        ({**SERVICE_PRINCIPAL, "url": "http://127.0.0.1:10000/devstoreaccount1"}, "url"),
        ({**SERVICE_PRINCIPAL, "url": "https://acme.dfs.core.windows.net/?sig=x"}, "url"),
        ({**SERVICE_PRINCIPAL, "tenant": "contoso/x"}, "tenant"),
        ({**SERVICE_PRINCIPAL, "servicePrincipalKey": ""}, "servicePrincipalKey"),
        ({**SERVICE_PRINCIPAL, "servicePrincipalId": "  "}, "servicePrincipalId"),
        ({"url": "https://files.example.com", "accountKey": KEY}, "url"),
        ({"url": "https://acme.dfs.core.windows.net", "accountKey": SECRET + "!"}, "accountKey"),
        ({"sasUri": f"https://acme.dfs.core.windows.net/?sv={SECRET}"}, "sasUri"),
        ({"url": "{URL}", "accountKey": KEY}, "url"),
    ],
)
def test_invalid_adls_params_are_refused_without_echo(params: dict[str, Any], field: str) -> None:
    with pytest.raises(InvalidField) as caught:
        open_connector(ADLS, params)
    error = caught.value
    assert error.field == f"auth.params.{field}"
    assert SECRET not in " ".join([str(error), error.message, repr(error.details)])


# -- error classification -------------------------------------------------------------------------


def test_classifies_the_azure_client_errors() -> None:
    refused = ServiceRequestError("refused", error=aiohttp.ClientConnectionError())
    lost = ServiceRequestError("lost", error=aiohttp.ServerDisconnectedError())
    not_found = ResourceNotFoundError("no")
    not_found.error_code = "ContainerNotFound"  # type: ignore[attr-defined]
    changed = ResourceModifiedError("412")
    changed.error_code = "ConditionNotMet"  # type: ignore[attr-defined]
    expected = [
        (refused, "transient", "could not connect to the endpoint"),
        (lost, "transient", "the connection was lost"),
        (ServiceResponseError("cut"), "transient", "the connection was lost"),
        (aiohttp.ClientPayloadError("cut"), "transient", "the connection was lost"),
        (not_found, "not_found", "the container does not exist (ContainerNotFound)"),
        (changed, "changed", "its ETag no longer matches the version being read (ConditionNotMet)"),
        (ClientAuthenticationError(f"invalid_client {SECRET}"), "auth", "authentication failed"),
    ]
    for exc, kind, reason in expected:
        problem = classify_azure_error(exc)
        assert problem is not None and (problem.kind, problem.reason) == (kind, reason), exc
    assert classify_azure_error(ValueError("other")) is None


def test_a_named_key_credential_is_built_for_the_account() -> None:
    connector = AdlsGen2Connector.from_auth(
        {"url": "https://acme.dfs.core.windows.net", "accountKey": f" {KEY} "}
    )
    policy = connector.fs.service_client.credential
    assert (policy.account_name, policy.account_key) == ("acme", KEY)
