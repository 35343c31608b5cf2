"""Exploring a container: ``GET /connectionSpecs/{id}/explore`` (reference §2.10).

``objectType=root`` lists the container's top level, ``folder`` one folder (``object`` is its
path), both as ``[{type, name, path, canPreview, canFetchSchema}]`` with folder paths ending in
``/``; ``file`` describes one file (see :mod:`headwater.services.landing_zone.preview`). Only the
Data Landing Zone can be explored through its connection spec; other sources are explored through
a base connection, which headwater does not offer yet (``1336``).
"""

from __future__ import annotations

import os
import time
from pathlib import Path
from typing import Any

from headwater.connectors.errors import SourceNotFound
from headwater.connectors.landing_zone import SPEC as LANDING_ZONE_SPEC
from headwater.errors import BadRequest
from headwater.services.landing_zone.container import ContainerFiles, container_files
from headwater.services.landing_zone.expiry import expire_files
from headwater.services.landing_zone.preview import preview_file
from headwater.services.landing_zone.query import ExploreQuery
from headwater.settings import Settings
from headwater.store import Scope

LANDING_ZONE_SPEC_ID = LANDING_ZONE_SPEC.id
OBJECT_TYPES = ("root", "folder", "file")


def explore(
    settings: Settings, scope: Scope, spec_id: str, query: ExploreQuery
) -> list[dict[str, Any]] | dict[str, Any]:
    """Answer an explore call on a connection spec.

    Raises:
        BadRequest: ``1336`` for a spec other than the Data Landing Zone's, ``1358`` for an
            unknown ``objectType``, ``1337`` for a missing ``object`` (or file type), ``1374``
            for ``determineProperties`` with explicit properties.
        SourceNotFound: when the folder or file does not exist.
        InvalidSourcePath: for a path outside the container.
    """
    if spec_id != LANDING_ZONE_SPEC_ID:
        raise BadRequest(
            f"Explore is not supported on connection spec {spec_id}; only the Data Landing "
            f"Zone ({LANDING_ZONE_SPEC_ID}) can be explored without a base connection",
            code="1336",
        )
    kind = query.object_type.strip().lower()
    if kind not in OBJECT_TYPES:
        raise BadRequest(
            f"Invalid objectType {query.object_type!r}; expected root, folder or file",
            code="1358",
        )
    if kind == "root":
        return list_folder(settings, scope, "")
    if not query.object or not query.object.strip():
        raise BadRequest(f"object cannot be empty for objectType={kind}", code="1337")
    if kind == "folder":
        return list_folder(settings, scope, query.object)
    return preview_file(settings, scope, query)


def list_folder(settings: Settings, scope: Scope, path: str) -> list[dict[str, Any]]:
    """The files and folders directly inside a folder of the container (``""``: its root)."""
    expire_files(settings, time.time(), scope=scope)
    files = container_files(settings, scope)
    folder = files.resolve(path) if path else files.root
    if not folder.is_dir():
        raise SourceNotFound(f"There is no folder '{path}' in the landing zone")
    with os.scandir(folder) as entries:
        found = sorted(entries, key=lambda entry: entry.name)
    listed = [_entry(files, Path(e.path), e) for e in found]
    return [item for item in listed if item is not None]


def _entry(files: ContainerFiles, path: Path, entry: os.DirEntry[str]) -> dict[str, Any] | None:
    if entry.is_dir(follow_symlinks=False):
        return _item("folder", entry.name, files.public_path(path) + "/", can_read=False)
    if entry.is_file(follow_symlinks=False):
        return _item("file", entry.name, files.public_path(path), can_read=True)
    return None


def _item(kind: str, name: str, path: str, *, can_read: bool) -> dict[str, Any]:
    return {
        "type": kind,
        "name": name,
        "path": path,
        "canPreview": can_read,
        "canFetchSchema": can_read,
    }
