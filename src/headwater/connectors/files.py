"""What a connector lists: one version of one file."""

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
