"""Where a sandbox's landing-zone container lives, and how paths inside it are resolved.

Every sandbox has one container, a folder created on first use::

    {settings.landing_zone_dir}/{org_id}/{sandbox_id}/          the sandbox's landing zone
        dlz-user-container/                                    the container (what flows read)
        .incoming/                                             uploads being written
        .sas-token.json                                        the current (opaque) SAS token

The runs of a flow open the Data Landing Zone connector on the sandbox folder, so a source path
``dlz-user-container/data8.csv`` names ``dlz-user-container/data8.csv`` inside it; the files
written here are exactly the files flows read. Paths are resolved by the connector itself, so
nothing outside the container can be named (``..``, absolute paths, symlinks leading out).
Uploads are written under ``.incoming`` (same filesystem, outside the container) and renamed
into place, so a listing never shows half a file.
"""

from __future__ import annotations

import re
from pathlib import Path

from headwater.connectors.errors import InvalidSourcePath
from headwater.connectors.landing_zone_io import LandingZoneConnector
from headwater.connectors.paths import split_segments
from headwater.errors import BadRequest
from headwater.settings import Settings
from headwater.store import Scope

CONTAINER_NAME = "dlz-user-container"
CONTAINER_TTL_DAYS = 7
"""Days a file stays in a container (``containerTTL``) unless the settings say otherwise."""

INCOMING = ".incoming"
TOKEN_FILE = ".sas-token.json"

# Naming rules of cloud-storage sources (reference §2.10.5), plus the glob characters a source
# path would read as a pattern.
_FORBIDDEN = re.compile(r'[\x00-\x1f\x7f"\\:|<>*?\[\]]')
_RESERVED = frozenset(
    {
        "PRN",
        "AUX",
        "NUL",
        "CON",
        "CLOCK$",
        *(f"COM{i}" for i in range(1, 10)),
        *(f"LPT{i}" for i in range(1, 10)),
    }
)
MAX_SEGMENT = 255


class ContainerFiles(LandingZoneConnector):
    """The Data Landing Zone connector of one container, which also resolves paths to files."""

    def resolve(self, path: str) -> Path:
        """The filesystem path of a source path (``dlz-user-container/`` prefix optional).

        Raises:
            InvalidSourcePath: for a malformed path or one leading outside the container.
        """
        self._check_raw_path(path)
        return Path(self._to_fs_path("/".join(split_segments(path))))

    def public_path(self, fs_path: Path) -> str:
        """The source path of a file (``dlz-user-container/…``), as flows write it."""
        return self._to_public_path(str(fs_path))


def sandbox_dir(settings: Settings, scope: Scope) -> Path:
    """The sandbox's landing-zone folder (what runs pass to the connector as its root)."""
    for value in (scope.org_id, scope.sandbox_id):
        if not value or value in (".", "..") or any(c in value for c in "/\\\0"):
            raise BadRequest(f"{value!r} cannot name a landing-zone folder")
    return settings.landing_zone_dir / scope.org_id / scope.sandbox_id


def container_dir(settings: Settings, scope: Scope) -> Path:
    """The sandbox's container folder, created on first use."""
    path = sandbox_dir(settings, scope) / CONTAINER_NAME
    path.mkdir(parents=True, exist_ok=True)
    return path


def incoming_dir(settings: Settings, scope: Scope) -> Path:
    path = sandbox_dir(settings, scope) / INCOMING
    path.mkdir(parents=True, exist_ok=True)
    return path


def container_files(settings: Settings, scope: Scope) -> ContainerFiles:
    """The connector of the sandbox's container (creating the container)."""
    return ContainerFiles(container_dir(settings, scope))


def check_file_name(path: str) -> list[str]:
    """The segments of an upload's path inside the container, checked against naming rules.

    Raises:
        InvalidSourcePath: for an empty path, a forbidden character or name, or a long segment.
    """
    segments = split_segments(path)
    if segments[:1] == [CONTAINER_NAME]:
        segments = segments[1:]
    if not segments:
        raise InvalidSourcePath("The path names the container, not a file inside it.")
    for segment in segments:
        if _FORBIDDEN.search(segment):
            raise InvalidSourcePath(
                f"The name '{segment}' contains a character that is not allowed "
                '(" \\ : | < > * ? [ ] or a control character).'
            )
        if segment.upper() in _RESERVED or len(segment) > MAX_SEGMENT:
            raise InvalidSourcePath(f"The name '{segment[:40]}' is reserved or too long.")
    return segments


def ttl_days(settings: Settings) -> int:
    return settings.landing_zone_ttl_days


def max_upload_bytes(settings: Settings) -> int | None:
    return settings.landing_zone_max_upload_bytes
