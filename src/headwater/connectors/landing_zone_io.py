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

Folders are read with ``os.scandir`` in sorted chunks of at most ``chunk`` names (each chunk is
the smallest names after the previous one, kept in a bounded heap), so listing or browsing a
folder of any size holds one chunk, not the whole folder; a chunk costs one pass over the folder.
"""

from __future__ import annotations

import heapq
import os
from collections.abc import Iterator, Mapping
from pathlib import Path
from typing import Any

from fsspec.implementations.local import LocalFileSystem  # type: ignore[import-untyped]

from headwater.connectors.errors import InvalidSourcePath
from headwater.connectors.fsspec_base import Entry, FileSystemConnector

DEFAULT_CONTAINER = "dlz-user-container"
DEFAULT_CHUNK = 8192


class LandingZoneConnector(FileSystemConnector):
    """A connector to one sandbox's landing-zone container folder."""

    system = "The Data Landing Zone"

    def __init__(
        self,
        root: str | os.PathLike[str],
        *,
        container: str | None = None,
        chunk: int = DEFAULT_CHUNK,
    ) -> None:
        super().__init__(LocalFileSystem())
        self._root = os.path.realpath(root)
        self._container = container or os.path.basename(self._root) or DEFAULT_CONTAINER
        self._chunk = max(1, chunk)

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
        inside = self._root + os.sep
        if fs_path.startswith(inside):  # what listings yield: no need for relpath's work
            relative = fs_path[len(inside) :]
        else:
            relative = os.path.relpath(fs_path, self._root)
        if relative == ".":
            return self._container
        return f"{self._container}/{relative.replace(os.sep, '/')}"

    def _location(self) -> str:
        return self._container

    def _walk(self, fs_dir: str, *, recursive: bool) -> Iterator[Entry]:
        for entry in self._children(fs_dir, start_after=None):
            if entry["type"] != "directory":
                yield entry
            elif recursive:
                yield from self._walk(entry["name"], recursive=True)

    def _children(self, fs_dir: str, *, start_after: str | None) -> Iterator[Entry]:
        after = start_after
        while True:
            chunk = heapq.nsmallest(self._chunk, _keys_after(fs_dir, after))
            for key in chunk:
                entry = _local_entry(os.path.join(fs_dir, key.rstrip("/")), key)
                if entry is not None:
                    yield entry
            if len(chunk) < self._chunk:
                return
            after = chunk[-1]

    def _opened_info(self, handle: Any, fs_path: str) -> Entry:
        stat = os.fstat(handle.fileno())
        return {"type": "file", "size": stat.st_size, "mtime": stat.st_mtime}


def _keys_after(fs_dir: str, after: str | None) -> Iterator[str]:
    """Browse keys (``name`` or ``name/``) of the files and folders of ``fs_dir`` after
    ``after``; symlinks and special files are left out."""
    with os.scandir(fs_dir) as entries:
        for found in entries:
            if found.is_dir(follow_symlinks=False):
                key = found.name + "/"
            elif found.is_file(follow_symlinks=False):
                key = found.name
            else:
                continue
            if after is None or key > after:
                yield key


def _local_entry(path: str, key: str) -> Entry | None:
    if key.endswith("/"):
        return {"name": path, "type": "directory", "size": 0}
    try:
        stat = os.stat(path, follow_symlinks=False)
    except FileNotFoundError:
        return None  # removed since the folder was read
    return {"name": path, "type": "file", "size": stat.st_size, "mtime": stat.st_mtime}


def connect(
    auth_params: Mapping[str, Any], *, landing_zone_root: str | None = None
) -> LandingZoneConnector:
    """The factory of the connector table; the landing zone has no credentials."""
    if landing_zone_root is None:
        raise ValueError("the Data Landing Zone connector needs landing_zone_root")
    return LandingZoneConnector(landing_zone_root)
