"""Azure Data Lake Storage Gen2."""

from __future__ import annotations

from headwater.connectors.spec import (
    CLOUD_STORAGE_PROVIDER_ID,
    AuthParams,
    AuthSpec,
    ConnectorSpec,
    FileSourceParams,
    param,
    secret,
)

_URL = (
    "Endpoint for Azure Data Lake Storage Gen2: https://{ACCOUNT}.dfs.core.windows.net, or the "
    "URL of a self-hosted endpoint (e.g. Azurite). A file system and folder may follow "
    "(.../{FILESYSTEM}/{FOLDER}): paths are then inside it."
)


class AdlsServicePrincipal(AuthParams):
    """defines auth params required for connecting to adlsgen2 using service principal"""

    url: str = param(_URL)
    service_principal_id: str = param("Service principal (application) id.")
    service_principal_key: str = secret("Service principal key (client secret).")
    tenant: str = param("Tenant information (domain name or tenant id).")


class AdlsAccountKey(AuthParams):
    """defines auth params required for connecting to adlsgen2 using a storage account key"""

    url: str = param(_URL)
    account_key: str = secret("Storage account access key.")


class AdlsSasUri(AuthParams):
    """defines auth params required for connecting to adlsgen2 using a SAS URI"""

    sas_uri: str = secret(
        "Shared access signature URI: https://{ACCOUNT}.dfs.core.windows.net/?sv=...&sig=... "
        "(with /{FILESYSTEM}/{FOLDER} before the '?', paths are inside it)."
    )


SPEC = ConnectorSpec(
    id="b3ba5556-48be-44b7-8b85-ff2b69b46dc4",
    name="adls-gen2",
    label="Azure Data Lake Storage Gen2",
    category="CloudStorage",
    provider_id=CLOUD_STORAGE_PROVIDER_ID,
    auth_specs=(
        AuthSpec(
            "Basic Authentication for adls-gen2",
            "ServicePrincipalAuthentication",
            AdlsServicePrincipal,
        ),
        AuthSpec("Account Key Authentication for adls-gen2", "AccountKey", AdlsAccountKey),
        AuthSpec("SAS URI Authentication for adls-gen2", "SasUriAuthentication", AdlsSasUri),
    ),
    source_params=FileSourceParams,
    icon="adlsGen2",
)
