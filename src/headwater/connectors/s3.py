"""Amazon S3 (and S3-compatible stores such as MinIO or moto)."""

from __future__ import annotations

from headwater.connectors.endpoints import HttpUrl
from headwater.connectors.spec import (
    CLOUD_STORAGE_PROVIDER_ID,
    AuthParams,
    AuthSpec,
    ConnectorSpec,
    FileSourceParams,
    param,
    secret,
)


class S3AccessKey(AuthParams):
    """defines auth params required for connecting to amazon-s3"""

    s3_access_key: str = param("Access key id of the user account.")
    s3_secret_key: str = secret("Secret access key of the user account.")
    s3_session_token: str | None = secret(
        "Session token, for temporary security credentials.", default=None
    )
    service_url: HttpUrl | None = param(
        "S3 endpoint, e.g. https://s3.{REGION}.amazonaws.com for a region-specific bucket, or "
        "the URL of a self-hosted S3-compatible store (e.g. http://localhost:9000).",
        default=None,
    )
    bucket_name: str | None = param(
        "Bucket to restrict access to (3-63 lowercase letters, digits, dots or hyphens).",
        default=None,
    )
    folder_path: str | None = param("Folder of the bucket to restrict access to.", default=None)


SPEC = ConnectorSpec(
    id="ecadc60c-7455-4d87-84dc-2a0e293d997b",
    name="amazon-s3",
    label="Amazon S3",
    category="CloudStorage",
    provider_id=CLOUD_STORAGE_PROVIDER_ID,
    auth_specs=(AuthSpec("Access Key", "Access Key Auth", S3AccessKey),),
    source_params=FileSourceParams,
    icon="amazonS3",
)
