"""Reading objects from Google Cloud Storage: with an HMAC key or with a service account key.

* ``Basic Authentication for google-cloud`` (``accessKeyId``, ``secretAccessKey``): GCS's XML
  API is S3-interoperable, so :class:`GcsHmacConnector` is the S3 connector
  (:mod:`headwater.connectors.s3_compatible_io`) pointed at ``https://storage.googleapis.com``
  (listings, version pinning with ``If-Match`` and errors as for Amazon S3);
* ``Service Account Authentication for google-cloud`` (``credentials``, the JSON key): the JSON
  API through gcsfs, see :mod:`headwater.connectors.gcs_json_io` (imported only for it).

Both accept ``bucketName`` and ``folderPath`` (paths are then inside the bucket and below the
folder) and ``serviceUrl``, a headwater extension naming another endpoint (an emulator, a
private endpoint).
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from headwater.connectors.fsspec_base import FileSystemConnector
from headwater.connectors.gcs import GcsHmacKey
from headwater.connectors.s3_compatible_io import S3CompatibleConnector, s3_params, validated

DEFAULT_ENDPOINT = "https://storage.googleapis.com"


class GcsHmacConnector(S3CompatibleConnector):
    """A connector to Google Cloud Storage through its XML API, with an HMAC key."""

    system = "Google Cloud Storage"
    credentials_hint = "Check accessKeyId and secretAccessKey (an HMAC key of the account)."

    @classmethod
    def from_auth(cls, auth_params: Mapping[str, Any], **options: Any) -> GcsHmacConnector:
        """Build a connector from ``auth.params`` (camelCase names, secrets decrypted)."""
        params = validated(GcsHmacKey, auth_params)
        s3 = s3_params(
            s3_access_key=params.access_key_id,
            s3_secret_key=params.secret_access_key,
            service_url=params.service_url or DEFAULT_ENDPOINT,
            bucket_name=params.bucket_name,
            folder_path=params.folder_path,
        )
        return cls(s3, **options)


def connect(
    auth_params: Mapping[str, Any], *, landing_zone_root: str | None = None
) -> FileSystemConnector:
    """The factory of the connector table: the auth mode is told by its parameters (a service
    account key is ``credentials``); ``landing_zone_root`` is not used."""
    if "credentials" in auth_params:
        from headwater.connectors.gcs_json_io import GcsConnector

        return GcsConnector.from_auth(auth_params)
    return GcsHmacConnector.from_auth(auth_params)
