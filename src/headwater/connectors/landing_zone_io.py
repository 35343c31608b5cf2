"""Reading files from the Data Landing Zone: one local folder per sandbox.

The engine passes the sandbox's container folder as the root
(``{landing_zone_root}/{org}/{sandbox}/dlz-user-container``). Paths are written as the platform
writes them, starting with the container name (``dlz-user-container/data8.csv``), which is
optional; listed files carry that form.

Nothing outside the root can be named: ``.`` and ``..`` segments, backslashes, control
characters and absolute paths (a leading ``/`` not followed by the container name) are
rejected, and every path is resolved (symlinks included) and must stay inside the root. Listings
do not follow symlinks; opening one that resolves inside the root is allowed. A change between
listing and reading is detected from the opened file's own ``fstat`` (size and mtime). Files
rewritten in place with the same size within the filesystem's timestamp granularity (a few
milliseconds) keep their version; writers should write a new file and rename it.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from fsspec.implementations.local import LocalFileSystem  # type: ignore[import-untyped]

from headwater.connectors.errors import InvalidSourcePath
from headwater.connectors.fsspec_base import Entry, FileSystemConnector

DEFAULT_CONTAINER = "dlz-user-container"


class LandingZoneConnector(FileSystemConnector):
    """A connector to one sandbox's landing-zone container folder."""

    system = "The Data Landing Zone"

    def __init__(self, root: str | os.PathLike[str], *, container: str | None = None) -> None:
        super().__init__(LocalFileSystem())
        self._root = os.path.realpath(root)
        self._container = container or os.path.basename(self._root) or DEFAULT_CONTAINER

    @property
    def root(self) -> Path:
        return Path(self._root)

    def _check_raw_path(self, path: str) -> None:
        if not isinstance(path, str):
            return  # split_segments rejects it
        stripped = path.strip()
        first = stripped.lstrip("/").split("/", 1)[0]
        if stripped.startswith("/") and first not in ("", self._container):
            raise InvalidSourcePath(
                f"The path '{path}' is absolute; landing-zone paths start with the container "
                f"name, e.g. '{self._container}/data.csv'."
            )

    def _to_fs_path(self, path: str) -> str:
        segments = path.split("/") if path else []
        if segments and segments[0] == self._container:
            segments = segments[1:]
        resolved = os.path.realpath(os.path.join(self._root, *segments))
        if resolved != self._root and not resolved.startswith(self._root + os.sep):
            raise InvalidSourcePath(
                f"The path '{path}' leads outside the landing zone, which is not allowed."
            )
        return resolved

    def _to_public_path(self, fs_path: str) -> str:
        relative = os.path.relpath(fs_path, self._root)
        if relative == ".":
            return self._container
        return f"{self._container}/{Path(relative).as_posix()}"

    def _location(self) -> str:
        return self._container

    def _opened_info(self, handle: Any, fs_path: str) -> Entry:
        stat = os.fstat(handle.fileno())
        return {"type": "file", "size": stat.st_size, "mtime": stat.st_mtime}


def connect(
    auth_params: Mapping[str, Any], *, landing_zone_root: str | None = None
) -> LandingZoneConnector:
    """The factory of the connector table; the landing zone has no credentials."""
    if landing_zone_root is None:
        raise ValueError("the Data Landing Zone connector needs landing_zone_root")
    return LandingZoneConnector(landing_zone_root)
