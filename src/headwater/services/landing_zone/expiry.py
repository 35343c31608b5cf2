"""The container TTL: files older than ``containerTTL`` days are removed.

The platform deletes landing-zone files seven days after they were uploaded. headwater has no
background job for it: :func:`expire_files` runs lazily whenever a container is listed or written
to (and may be called from anywhere else, e.g. a periodic task, with the whole landing zone as
its scope). The age of a file is that of its last modification, which is when it was uploaded.
"""

from __future__ import annotations

import contextlib
import os
from collections.abc import Iterator
from pathlib import Path

from headwater.services.landing_zone.container import (
    CONTAINER_NAME,
    INCOMING,
    sandbox_dir,
    ttl_days,
)
from headwater.settings import Settings
from headwater.store import Scope

DAY_SECONDS = 86_400


def expire_files(settings: Settings, now: float, *, scope: Scope | None = None) -> list[Path]:
    """Remove the files whose age at ``now`` exceeds the container TTL.

    Args:
        settings: Where the landing zone is, and its TTL (``landing_zone_ttl_days``, default 7).
        now: The current time in epoch seconds (injected, so tests control the clock).
        scope: Only this sandbox's container; by default every container of every org.

    Returns:
        The removed files. Folders left empty are removed too (never a container itself).
        Abandoned partial uploads older than the TTL are removed as well.
    """
    cutoff = now - ttl_days(settings) * DAY_SECONDS
    removed: list[Path] = []
    for sandbox in _sandboxes(settings, scope):
        for folder in (sandbox / CONTAINER_NAME, sandbox / INCOMING):
            removed.extend(_expire_tree(folder, cutoff))
    return removed


def _sandboxes(settings: Settings, scope: Scope | None) -> Iterator[Path]:
    if scope is not None:
        yield sandbox_dir(settings, scope)
        return
    root = settings.landing_zone_dir
    if not root.is_dir():
        return
    for org in sorted(root.iterdir()):
        if org.is_dir() and not org.is_symlink():
            yield from (s for s in sorted(org.iterdir()) if s.is_dir() and not s.is_symlink())


def _expire_tree(top: Path, cutoff: float) -> list[Path]:
    if not top.is_dir() or top.is_symlink():
        return []
    removed: list[Path] = []
    touched: set[Path] = set()  # folders that lost an entry in this sweep
    for name, _dirs, files in os.walk(top, topdown=False, followlinks=False):
        folder = Path(name)
        for file_name in files:
            path = folder / file_name
            with contextlib.suppress(FileNotFoundError):
                if path.lstat().st_mtime < cutoff:
                    path.unlink()
                    removed.append(path)
                    touched.add(folder)
        if folder in touched and folder != top:
            with contextlib.suppress(OSError):
                folder.rmdir()  # only succeeds when the folder is now empty
                touched.add(folder.parent)
    return removed
