"""What a connector lists: one version of one file, or one child of a folder."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass


@dataclass(frozen=True, order=True)
class FileVersion:
    """A file as a listing saw it. Its ``key`` changes whenever the content may have changed,
    which is what makes a file version ingest exactly once."""

    path: str
    size: int
    modified: float  # epoch seconds
    etag: str | None = None

    @property
    def key(self) -> str:
        return f"{self.path}|{self.size}|{self.modified:.6f}|{self.etag or ''}"

    @property
    def key_hash(self) -> str:
        """A fixed-size digest of ``key`` (what the ledger stores and compares)."""
        return hashlib.sha256(self.key.encode()).hexdigest()


@dataclass(frozen=True)
class BrowseEntry:
    """One direct child of a folder, as a browse listing saw it: a file or a sub-folder.

    ``path`` is the platform's form of the child's path (never with a trailing ``/``); ``file``
    is the version of a file, and None for a folder.
    """

    name: str
    path: str
    file: FileVersion | None = None

    @property
    def is_folder(self) -> bool:
        return self.file is None

    @property
    def key(self) -> str:
        """What browse listings are sorted and resumed by: the name, ``/``-terminated for a
        folder (the order of object stores' keys)."""
        return self.name + "/" if self.file is None else self.name
