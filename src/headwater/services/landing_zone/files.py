"""Files of a container: streamed uploads (atomic), listing and deletion."""

from __future__ import annotations

import contextlib
import os
import tempfile
import time
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO

from headwater.connectors.errors import SourceNotFound
from headwater.errors import Conflict, PayloadTooLarge
from headwater.services.landing_zone.container import (
    CONTAINER_NAME,
    check_file_name,
    container_files,
    incoming_dir,
    max_upload_bytes,
)
from headwater.services.landing_zone.expiry import expire_files
from headwater.settings import Settings
from headwater.store import Scope

COPY_CHUNK = 1 << 20


@dataclass(frozen=True)
class StoredFile:
    """A file in a container.

    Attributes:
        name: The file's name (last segment).
        path: The source path to use in a source connection (``dlz-user-container/…``).
        size: Bytes.
        modified: Epoch seconds of the last modification (the TTL counts from it).
    """

    name: str
    path: str
    size: int
    modified: float


class Upload:
    """A file being written: chunks go to a temporary file that :meth:`commit` renames."""

    def __init__(self, target: Path, public_path: str, incoming: Path, max_bytes: int | None):
        self.target = target
        self.public_path = public_path
        self.max_bytes = max_bytes
        self.written = 0
        fd, temp = tempfile.mkstemp(dir=incoming, prefix="upload-", suffix=".part")
        self._temp = Path(temp)
        self._handle: BinaryIO | None = os.fdopen(fd, "wb")

    def write(self, chunk: bytes) -> None:
        """Append ``chunk``; raises ``PayloadTooLarge`` past the size limit."""
        self.written += len(chunk)
        if self.max_bytes is not None and self.written > self.max_bytes:
            self.abort()
            raise PayloadTooLarge(f"The file is larger than {self.max_bytes} bytes")
        assert self._handle is not None, "the upload is closed"
        self._handle.write(chunk)

    def commit(self) -> StoredFile:
        """Move the complete file into the container (replacing an older one atomically)."""
        assert self._handle is not None, "the upload is closed"
        self._handle.flush()
        os.fsync(self._handle.fileno())
        self._handle.close()
        self._handle = None
        self.target.parent.mkdir(parents=True, exist_ok=True)
        if self.target.is_dir():
            self.abort()
            raise Conflict(f"'{self.public_path}' is a folder")
        os.replace(self._temp, self.target)
        return _stored(self.target, self.public_path)

    def abort(self) -> None:
        """Drop the temporary file (nothing happens after a commit)."""
        if self._handle is not None:
            self._handle.close()
            self._handle = None
        with contextlib.suppress(FileNotFoundError):
            self._temp.unlink()

    def __enter__(self) -> Upload:
        return self

    def __exit__(self, *exc: object) -> None:
        self.abort()


def begin_upload(settings: Settings, scope: Scope, path: str, *, size: int | None = None) -> Upload:
    """Start writing the file at ``path`` in the sandbox's container.

    Args:
        settings: The settings (``landing_zone_max_upload_bytes`` limits the size, if set).
        scope: The caller's sandbox.
        path: The file's path, with or without the ``dlz-user-container/`` prefix.
        size: The announced size, checked against the limit before anything is written.

    Raises:
        InvalidSourcePath: for a path that is malformed, not allowed or outside the container.
        Conflict: when the path names a folder, or crosses a file.
        PayloadTooLarge: when ``size`` is over the limit.
    """
    limit = max_upload_bytes(settings)
    if limit is not None and size is not None and size > limit:
        raise PayloadTooLarge(f"The file is larger than {limit} bytes")
    expire_files(settings, time.time(), scope=scope)
    files = container_files(settings, scope)
    target = files.resolve(path)
    segments = check_file_name(path)
    if target == files.root or target.is_dir():
        raise Conflict(f"'{CONTAINER_NAME}/{'/'.join(segments)}' is a folder")
    if any(p.is_file() for p in target.parents if files.root in p.parents):
        raise Conflict(f"A folder of '{path}' is a file")
    return Upload(target, files.public_path(target), incoming_dir(settings, scope), limit)


def store_file(settings: Settings, scope: Scope, source: Path, path: str) -> StoredFile:
    """Copy a local file into the container at ``path`` (the same atomic write as uploads)."""
    with (
        source.open("rb") as stream,
        begin_upload(settings, scope, path, size=source.stat().st_size) as upload,
    ):
        for chunk in iter(lambda: stream.read(COPY_CHUNK), b""):
            upload.write(chunk)
        return upload.commit()


def list_files(settings: Settings, scope: Scope) -> list[StoredFile]:
    """Every file of the sandbox's container (sub-folders included), sorted by path."""
    expire_files(settings, time.time(), scope=scope)
    files = container_files(settings, scope)
    return [
        StoredFile(v.path.rsplit("/", 1)[-1], v.path, v.size, v.modified)
        for v in files.list(CONTAINER_NAME, recursive=True)
    ]


def delete_file(settings: Settings, scope: Scope, path: str) -> None:
    """Delete one file of the container (and the folders it leaves empty).

    Raises:
        SourceNotFound: when there is no such file.
        InvalidSourcePath: for a path outside the container.
    """
    files = container_files(settings, scope)
    target = files.resolve(path)
    if target == files.root or not target.is_file():
        raise SourceNotFound(f"There is no file '{path}' in the landing zone")
    target.unlink()
    remove_empty_folders(target.parents, stop=files.root)


def remove_empty_folders(folders: Iterable[Path], *, stop: Path) -> None:
    """Remove each folder while it is empty, up to (not including) ``stop``."""
    for folder in folders:
        if folder == stop or stop not in folder.parents:
            return
        try:
            folder.rmdir()
        except OSError:
            return


def _stored(fs_path: Path, public_path: str) -> StoredFile:
    stat = fs_path.stat()
    return StoredFile(fs_path.name, public_path, stat.st_size, stat.st_mtime)
