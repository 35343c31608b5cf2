"""Azure Blob Storage (and the Azurite emulator, through its connection string)."""

from __future__ import annotations

from headwater.connectors.spec import (
    CLOUD_STORAGE_PROVIDER_ID,
    AuthParams,
    AuthSpec,
    ConnectorSpec,
    FileSourceParams,
    secret,
)


class BlobConnectionString(AuthParams):
    """defines auth params required for connecting to azure-blob with a connection string"""

    connection_string: str = secret(
        "Storage account connection string: DefaultEndpointsProtocol=https;AccountName=...;"
        "AccountKey=... (a BlobEndpoint=... entry points at a self-hosted endpoint such as "
        "Azurite)."
    )


class BlobSasUri(AuthParams):
    """defines auth params required for connecting to azure-blob with a SAS URI"""

    sas_uri: str = secret(
        "Shared access signature URI: https://{ACCOUNT}.blob.core.windows.net/?sv=...&sig=... "
        "(with /{CONTAINER}/{FOLDER} before the '?', paths are inside it)."
    )


SPEC = ConnectorSpec(
    id="4c10e202-c428-4796-9208-5f1f5732b1cf",
    name="azure-blob",
    label="Azure Blob Storage",
    category="CloudStorage",
    provider_id=CLOUD_STORAGE_PROVIDER_ID,
    auth_specs=(
        AuthSpec("ConnectionString", "ConnectionString", BlobConnectionString),
        AuthSpec("SAS URI Authentication", "SasUriAuthentication", BlobSasUri),
    ),
    source_params=FileSourceParams,
    icon="azureBlob",
)
