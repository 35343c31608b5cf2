"""Reading files from Azure Data Lake Storage Gen2, through its accounts' Blob API.

Auth (``auth.params``), one mode per auth spec of :mod:`headwater.connectors.adls_gen2`:

* ``url``, ``servicePrincipalId``, ``servicePrincipalKey``, ``tenant`` (the platform's "Basic
  Authentication for adls-gen2"): an OAuth token from Microsoft Entra ID for the service
  principal (azure-identity's ``ClientSecretCredential``, client-credentials flow, scope
  ``https://storage.azure.com/.default``), from the authority of the URL's cloud (Azure China
  and US Government by their storage suffixes, the public cloud otherwise). HTTPS only.
* ``url`` and ``accountKey``: Shared Key signing, with the account named by the URL.
* ``sasUri``: a shared access signature.

An ADLS Gen2 account is a storage account with a hierarchical namespace, and its data is also
served by the Blob API (multi-protocol access), which is what adlfs speaks: the ``url``
(``https://{account}.dfs.core.windows.net``) is mapped to the account's blob endpoint
(``https://{account}.blob.core.windows.net``), see :mod:`headwater.connectors.azure_urls`. An
emulator's URL (Azurite, ``http://127.0.0.1:10000/devstoreaccount1``, which has no DFS API) is
used as it is. Directories are blobs marked ``hdi_isfolder=true``, never listed as files.
Paths start with the file system (the container) unless the URL names one; listing, reading
and errors are those of :class:`~headwater.connectors.azure_blob_io.AzureBlobConnector`.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self

from azure.core.credentials import AzureNamedKeyCredential
from azure.identity import AzureAuthorityHosts
from azure.identity.aio import ClientSecretCredential
from azure.storage.blob.aio import BlobServiceClient

from headwater.connectors._errors import MISSING
from headwater.connectors.adls_gen2 import AdlsAccountKey, AdlsSasUri, AdlsServicePrincipal
from headwater.connectors.azure_blob_io import SAS_URI, AzureBlobConnector
from headwater.connectors.azure_fs import client_options, sas_client
from headwater.connectors.azure_params import (
    StorageUrl,
    check_account_key,
    check_tenant,
    field_errors,
    parse_account_url,
    parse_sas_uri,
    validate_auth_params,
)
from headwater.errors import InvalidField

URL = "auth.params.url"
_AUTHORITIES = {
    "core.chinacloudapi.cn": AzureAuthorityHosts.AZURE_CHINA,
    "core.usgovcloudapi.net": AzureAuthorityHosts.AZURE_GOVERNMENT,
}


class AdlsGen2Connector(AzureBlobConnector):
    """A connector to one ADLS Gen2 account, or to one file system (and folder) of it."""

    system = "Azure Data Lake Storage Gen2"
    credentials_hint = (
        "Check servicePrincipalId, servicePrincipalKey and tenant (and the principal's role on "
        "the account), or accountKey, or the signature, expiry and permissions of sasUri."
    )

    @classmethod
    def from_auth(
        cls,
        auth_params: Mapping[str, Any],
        *,
        retries: int = 3,
        connect_timeout: float = 10.0,
        read_timeout: float = 60.0,
        credential_options: Mapping[str, Any] | None = None,
        **options: Any,
    ) -> Self:
        """Build a connector from ``auth.params`` (camelCase names, secrets decrypted).

        Args:
            auth_params: The params of one of the three auth specs.
            retries: Attempts per request (1 means no retry).
            connect_timeout: Seconds to wait for a connection.
            read_timeout: Seconds to wait between two reads of a response.
            credential_options: Passed to ``ClientSecretCredential`` (service principal only),
                e.g. an ``authority`` or a ``transport``.
            options: Passed to the constructor (``page_size``, ``block_size``).

        Raises:
            InvalidField: when the params fit no auth spec; never quoting a value.
        """
        models = (AdlsServicePrincipal, AdlsAccountKey, AdlsSasUri)
        params = validate_auth_params(auth_params, models)
        kwargs = client_options(
            retries=retries, connect_timeout=connect_timeout, read_timeout=read_timeout
        )
        if isinstance(params, AdlsSasUri):
            with field_errors(SAS_URI):
                url = parse_sas_uri(params.sas_uri)
            client = sas_client(url, kwargs)
            return cls(client, container=url.container, folder=url.folder, **options)
        if isinstance(params, AdlsAccountKey):
            with field_errors(URL):
                url = parse_account_url(params.url, named=True)
            key = account_key_credential(url, params.account_key)
            client = BlobServiceClient(url.account_url, credential=key, **kwargs)
            return cls(client, container=url.container, folder=url.folder, **options)
        assert isinstance(params, AdlsServicePrincipal)
        with field_errors(URL):
            url = parse_account_url(params.url, https=True)
        token = service_principal_credential(params, url, **(credential_options or {}))
        client = BlobServiceClient(url.account_url, credential=token, **kwargs)
        return cls(
            client, container=url.container, folder=url.folder, closables=(token,), **options
        )


def account_key_credential(url: StorageUrl, key: str) -> AzureNamedKeyCredential:
    """The Shared Key credential of the account that ``url`` names (it must name one)."""
    assert url.account_name is not None
    with field_errors("auth.params.accountKey"):
        key = check_account_key(key)
    return AzureNamedKeyCredential(url.account_name, key)


def service_principal_credential(
    params: AdlsServicePrincipal, url: StorageUrl, **options: Any
) -> ClientSecretCredential:
    """The Entra ID credential of the service principal (no request is made here).

    Args:
        params: The service principal's auth params.
        url: The parsed (https) ``url``; its cloud chooses the authority.
        options: Passed to ``ClientSecretCredential`` (they override the authority).
    """
    with field_errors("auth.params.tenant"):
        tenant = check_tenant(params.tenant)
    client_id = params.service_principal_id.strip()
    if not client_id:
        raise InvalidField("auth.params.servicePrincipalId", "must not be blank", code=MISSING)
    options.setdefault("authority", authority_for(url))
    return ClientSecretCredential(tenant, client_id, params.service_principal_key, **options)


def authority_for(url: StorageUrl) -> str:
    """The Entra ID host that issues tokens for the cloud of ``url``."""
    return _AUTHORITIES.get(url.suffix or "", AzureAuthorityHosts.AZURE_PUBLIC_CLOUD)


def connect(
    auth_params: Mapping[str, Any], *, landing_zone_root: str | None = None
) -> AdlsGen2Connector:
    """The factory of the connector table (``landing_zone_root`` is not used)."""
    return AdlsGen2Connector.from_auth(auth_params)
