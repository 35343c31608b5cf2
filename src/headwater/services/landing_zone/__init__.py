"""The Data Landing Zone: one container (a folder) per sandbox that flows read files from.

- ``landing_zone`` / ``credentials`` / ``refresh_credentials`` — the platform's
  ``/data/foundation/connectors/landingzone`` endpoints (no Azure: see ``credentials``).
- ``begin_upload`` (streamed, atomic), ``store_file`` (a local file, for the CLI),
  ``list_files``, ``delete_file`` — headwater's file endpoints and CLI.
- ``explore`` — ``GET /connectionSpecs/{id}/explore`` on the landing zone: listings, previews
  and ``determineProperties`` (the shared ``services.explore`` over the container).
- ``expire_files`` — the container TTL (7 days), applied lazily on listing and upload.

Files are stored under ``settings.landing_zone_dir / org / sandbox / "dlz-user-container"``,
where runs of a flow with the source path ``dlz-user-container/…`` find them.
"""

from __future__ import annotations

from headwater.services.landing_zone.container import (
    CONTAINER_NAME,
    CONTAINER_TTL_DAYS,
    container_dir,
)
from headwater.services.landing_zone.credentials import (
    USER_DROP_ZONE,
    credentials,
    landing_zone,
    refresh_credentials,
)
from headwater.services.landing_zone.expiry import expire_files
from headwater.services.landing_zone.explore import LANDING_ZONE_SPEC_ID, explore
from headwater.services.landing_zone.files import (
    StoredFile,
    Upload,
    begin_upload,
    delete_file,
    list_files,
    store_file,
)

__all__ = [
    "CONTAINER_NAME",
    "CONTAINER_TTL_DAYS",
    "LANDING_ZONE_SPEC_ID",
    "USER_DROP_ZONE",
    "StoredFile",
    "Upload",
    "begin_upload",
    "container_dir",
    "credentials",
    "delete_file",
    "expire_files",
    "explore",
    "landing_zone",
    "list_files",
    "refresh_credentials",
    "store_file",
]
