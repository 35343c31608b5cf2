"""Azure File Storage (SMB shares; also any SMB server such as Samba)."""

from __future__ import annotations

from headwater.connectors.spec import (
    CLOUD_STORAGE_PROVIDER_ID,
    AuthParams,
    AuthSpec,
    ConnectorSpec,
    FileSourceParams,
    param,
    port_param,
    secret,
)


class AzureFilesBasic(AuthParams):
    """defines auth params required for connecting to azure-file-storage"""

    host: str = param("The Azure File Storage endpoint, e.g. {ACCOUNT}.file.core.windows.net.")
    user_id: str = param("The user with access to the Azure File Storage endpoint.")
    password: str = secret("The storage access key (or the SMB user's password).")
    share_name: str | None = param("File share to restrict access to.", default=None)
    port: int = port_param(445, "SMB port of the endpoint; for a self-hosted server. Default 445.")


SPEC = ConnectorSpec(
    id="be5ec48c-5b78-49d5-b8fa-7c89ec4569b8",
    name="azure-file-storage",
    label="Azure File Storage",
    category="CloudStorage",
    provider_id=CLOUD_STORAGE_PROVIDER_ID,
    auth_specs=(AuthSpec("Basic Authentication", "basicAuthentication", AzureFilesBasic),),
    source_params=FileSourceParams,
    icon="azureFileStorage",
)
