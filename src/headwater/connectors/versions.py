"""Reading a file's version (size, last modification, entity tag) from a listing entry."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from headwater.connectors.files import FileVersion

Entry = dict[str, Any]
_MODIFIED_KEYS = ("LastModified", "last_modified", "mtime", "modified", "created")


def modified_of(entry: Entry) -> float:
    """Epoch seconds of an entry's last modification (``LastModified``, ``mtime``, ...)."""
    for key in _MODIFIED_KEYS:
        value = entry.get(key)
        if value in (None, ""):
            continue
        if isinstance(value, datetime):
            aware = value if value.tzinfo else value.replace(tzinfo=UTC)
            return aware.timestamp()
        if isinstance(value, str):
            return modified_of({key: datetime.fromisoformat(value.replace("Z", "+00:00"))})
        return float(value)
    return 0.0


def etag_of(entry: Entry) -> str | None:
    """An entry's entity tag without its quotes (None when the store has none)."""
    value = entry.get("ETag") or entry.get("etag") or entry.get("e_tag")
    return str(value).strip('"') or None if value else None


def same_version(current: FileVersion, listed: FileVersion) -> bool:
    """Whether ``current`` is the version that was ``listed`` (by etag when both have one)."""
    if current.size != listed.size:
        return False
    if current.etag and listed.etag:
        return current.etag == listed.etag
    return current.modified == listed.modified
