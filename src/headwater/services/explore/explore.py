"""One explore call on a connector: ``objectType`` ``root``, ``folder`` or ``file`` (§2.10)."""

from __future__ import annotations

from typing import Any

from headwater.connectors import Connector
from headwater.errors import BadRequest
from headwater.services.explore.browse import FolderPage, list_folder
from headwater.services.explore.preview import preview_file
from headwater.services.explore.query import ExploreQuery

OBJECT_TYPES = ("root", "folder", "file")


def explore(connector: Connector, query: ExploreQuery) -> FolderPage | dict[str, Any]:
    """List the root or a folder (one page), or describe a file.

    Raises:
        BadRequest: ``1358`` for an unknown ``objectType``, ``1337`` for a missing ``object``
            (or file type), ``1374`` for ``determineProperties`` with explicit properties,
            ``1451`` for a bad ``limit`` or ``continuationToken``.
        SourceNotFound: when the folder or file does not exist.
        InvalidSourcePath: for a malformed path or one outside the connection's reach.
        ConnectorAuthError, SourceUnavailable: when the storage system refuses or fails.
    """
    kind = object_kind(query)
    if kind == "file":
        return preview_file(connector, query)
    path = "" if kind == "root" else str(query.object)
    return list_folder(
        connector, path, limit=query.limit, continuation_token=query.continuation_token
    )


def object_kind(query: ExploreQuery) -> str:
    """The checked ``objectType`` (lower case); ``object`` must be given unless it is root."""
    kind = query.object_type.strip().lower()
    if kind not in OBJECT_TYPES:
        raise BadRequest(
            f"Invalid objectType {query.object_type!r}; expected root, folder or file",
            code="1358",
        )
    if kind != "root" and not (query.object and query.object.strip()):
        raise BadRequest(f"object cannot be empty for objectType={kind}", code="1337")
    return kind
