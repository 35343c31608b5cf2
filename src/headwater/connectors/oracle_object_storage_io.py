"""Reading objects from Oracle Object Storage through its Amazon S3 Compatibility API.

``auth.params``: ``serviceUrl`` (``https://{namespace}.compat.objectstorage.{region}.
oraclecloud.com``), ``accessKey`` and ``secretKey`` (a customer secret key), and optionally
``bucketName`` and ``folderPath``, which restrict paths as for Amazon S3
(:mod:`headwater.connectors.s3_io`: listings, version pinning and errors are the same).

The compatibility endpoint serves path-style URLs only (virtual-hosted buckets have another
host, ``vhcompat``), and requests are signed for the region named in the URL: the region of
the endpoint is the one Oracle checks signatures against.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any

from headwater.connectors.oracle_object_storage import OracleAccessKey
from headwater.connectors.s3_compatible_io import S3CompatibleConnector, s3_params, validated

_REGION_IN_URL = re.compile(r"\.compat\.objectstorage\.([a-z]{2,}(?:-[a-z]+)+-\d+)\.", re.I)


class OracleObjectStorageConnector(S3CompatibleConnector):
    """A connector to the buckets of one Oracle Cloud namespace."""

    system = "Oracle Object Storage"
    credentials_hint = "Check accessKey and secretKey (a customer secret key) and serviceUrl."

    @classmethod
    def from_auth(
        cls, auth_params: Mapping[str, Any], **options: Any
    ) -> OracleObjectStorageConnector:
        """Build a connector from ``auth.params`` (camelCase names, secrets decrypted)."""
        params = validated(OracleAccessKey, auth_params)
        s3 = s3_params(
            s3_access_key=params.access_key,
            s3_secret_key=params.secret_key,
            service_url=params.service_url,
            bucket_name=params.bucket_name,
            folder_path=params.folder_path,
        )
        return cls(s3, region=region_of(params.service_url), path_style=True, **options)


def region_of(service_url: str) -> str | None:
    """The region in an Oracle endpoint URL (``us-ashburn-1``), None when it names none."""
    match = _REGION_IN_URL.search(service_url)
    return match.group(1).lower() if match else None


def connect(
    auth_params: Mapping[str, Any], *, landing_zone_root: str | None = None
) -> OracleObjectStorageConnector:
    """The factory of the connector table (``landing_zone_root`` is not used)."""
    return OracleObjectStorageConnector.from_auth(auth_params)
