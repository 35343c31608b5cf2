"""Oracle Object Storage (through its S3-compatible API)."""

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


class OracleAccessKey(AuthParams):
    """defines auth params required for connecting to oracle-object-storage"""

    service_url: str = param(
        "S3-compatible endpoint: https://{NAMESPACE}.compat.objectstorage.{REGION}.oraclecloud.com."
    )
    access_key: str = param("Access key id of the customer secret key.")
    secret_key: str = secret("Secret key of the customer secret key.")
    bucket_name: str | None = param(
        "Bucket to restrict access to (S3 bucket naming rules).", default=None
    )
    folder_path: str | None = param("Folder of the bucket to restrict access to.", default=None)


SPEC = ConnectorSpec(
    id="c85f9425-fb21-426c-ad0b-405e9bd8a46c",
    name="oracle-object-storage",
    label="Oracle Object Storage",
    category="CloudStorage",
    provider_id=CLOUD_STORAGE_PROVIDER_ID,
    auth_specs=(AuthSpec("Access Key", "Access Key Auth", OracleAccessKey),),
    source_params=FileSourceParams,
    icon="oracleObjectStorage",
)
