"""Google Cloud Storage (HMAC keys or a service account; also a GCS emulator)."""

from __future__ import annotations

import json

from pydantic import field_validator

from headwater.connectors.spec import (
    CLOUD_STORAGE_PROVIDER_ID,
    AuthParams,
    AuthSpec,
    ConnectorSpec,
    FileSourceParams,
    param,
    secret,
)

_BUCKET = "Bucket to restrict access to."
_FOLDER = "Folder of the bucket to restrict access to."
_SERVICE_URL = (
    "A headwater extension: another storage endpoint, such as a private endpoint or an emulator "
    "(e.g. http://localhost:9023); defaults to https://storage.googleapis.com. With a service "
    "account, requests to a plain http:// endpoint carry no access token."
)


class GcsHmacKey(AuthParams):
    """defines auth params required for connecting to google-cloud storage connector."""

    access_key_id: str = param("Access Key Id for the user account (HMAC key id).")
    secret_access_key: str = secret("Secret Access Key for the user account (HMAC secret).")
    bucket_name: str | None = param(_BUCKET, default=None)
    folder_path: str | None = param(_FOLDER, default=None)
    service_url: str | None = param(_SERVICE_URL, default=None)


class GcsServiceAccount(AuthParams):
    """defines auth params required for connecting to google-cloud with a service account."""

    credentials: str = secret("The service account key: the whole JSON key file, as a string.")
    bucket_name: str | None = param(_BUCKET, default=None)
    folder_path: str | None = param(_FOLDER, default=None)
    service_url: str | None = param(_SERVICE_URL, default=None)

    @field_validator("credentials")
    @classmethod
    def _is_json_object(cls, value: str) -> str:
        try:
            parsed = json.loads(value)
        except ValueError:
            parsed = None
        if not isinstance(parsed, dict):
            raise ValueError("must be a service account key: a JSON object given as a string")
        return value


SPEC = ConnectorSpec(
    id="32e8f412-cdf7-464c-9885-78184cb113fd",
    name="google-cloud",
    label="Google Cloud Storage",
    category="CloudStorage",
    provider_id=CLOUD_STORAGE_PROVIDER_ID,
    auth_specs=(
        AuthSpec("Basic Authentication for google-cloud", "Basic Authentication", GcsHmacKey),
        AuthSpec(
            "Service Account Authentication for google-cloud",
            "ServiceAccountKey",
            GcsServiceAccount,
        ),
    ),
    source_params=FileSourceParams,
    icon="google",
)
