"""``objectType=root`` and ``folder``: one page of a folder's files and sub-folders.

Items are ``{type, name, path, canPreview, canFetchSchema}`` (reference §2.10.1), folder paths
ending with ``/``, sorted by name as the store lists them. A page holds at most ``limit``
items (:data:`DEFAULT_LIMIT`, at most :data:`MAX_LIMIT`); when more follow, the page carries an
opaque token naming the last item, which the next call passes as ``continuationToken``. Only
one page (plus one item) is held: the connector's ``browse`` is lazy.
"""

from __future__ import annotations

import base64
import binascii
import json
from dataclasses import dataclass, field
from itertools import islice
from typing import Any

from headwater.connectors import BrowseEntry, Connector
from headwater.connectors.paths import has_glob
from headwater.errors import BadRequest

DEFAULT_LIMIT = 1000
MAX_LIMIT = 10_000
BAD_PAGE = "1451"


@dataclass(frozen=True)
class FolderPage:
    """One page of a folder listing, and the token of the next page (None on the last)."""

    items: list[dict[str, Any]] = field(default_factory=list)
    next_token: str | None = None


def list_folder(
    connector: Connector,
    path: str,
    *,
    limit: int | None = None,
    continuation_token: str | None = None,
) -> FolderPage:
    """One page of the children of ``path`` (``""``: the connection's root).

    Raises:
        BadRequest: ``1451`` for a limit out of range or a token that is not one of ours.
        SourceNotFound: when the folder does not exist or is a file.
        InvalidSourcePath: for a malformed path or one outside the connection's reach.
    """
    size = page_limit(limit)
    after = decode_token(continuation_token)
    entries = list(islice(connector.browse(path, start_after=after), size + 1))
    token = encode_token(entries[size - 1].key) if len(entries) > size else None
    return FolderPage([explore_item(entry) for entry in entries[:size]], token)


def explore_item(entry: BrowseEntry) -> dict[str, Any]:
    """The explore item of a browsed file or folder."""
    if entry.is_folder:
        return _item("folder", entry.name, entry.path + "/", readable=False)
    # A name with glob characters cannot be named as one file by a source path.
    readable = not any(has_glob(segment) for segment in entry.path.split("/"))
    return _item("file", entry.name, entry.path, readable=readable)


def page_limit(limit: int | None) -> int:
    if limit is None:
        return DEFAULT_LIMIT
    if limit < 1 or limit > MAX_LIMIT:
        raise BadRequest(f"limit must be between 1 and {MAX_LIMIT}", code=BAD_PAGE)
    return limit


def encode_token(key: str) -> str:
    return base64.urlsafe_b64encode(json.dumps({"after": key}).encode()).decode().rstrip("=")


def decode_token(token: str | None) -> str | None:
    if not token:
        return None
    try:
        padded = token + "=" * (-len(token) % 4)
        after = json.loads(base64.urlsafe_b64decode(padded))["after"]
    except (binascii.Error, ValueError, KeyError, TypeError):
        raise BadRequest("Invalid continuationToken", code=BAD_PAGE) from None
    if not isinstance(after, str) or not after:
        raise BadRequest("Invalid continuationToken", code=BAD_PAGE)
    return after


def _item(kind: str, name: str, path: str, *, readable: bool) -> dict[str, Any]:
    return {
        "type": kind,
        "name": name,
        "path": path,
        "canPreview": readable,
        "canFetchSchema": readable,
    }
