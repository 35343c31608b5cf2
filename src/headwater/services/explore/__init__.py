"""Exploring storage: listing folders page by page, and previewing files (reference §2.10).

Everything here works on a :class:`~headwater.connectors.Connector`, so every connector that
implements ``browse``, ``list`` and ``open`` can be explored:

- ``explore`` — one call: ``objectType=root|folder`` (a :class:`FolderPage`) or ``file``
  (columns, first rows, detected properties; see ``preview``).
- ``connection`` — ``GET /connections/{id}/explore`` and ``/test`` on a base connection (its
  credentials decrypted here; imported by the API directly).

The Data Landing Zone's spec explore (``services.landing_zone``) calls ``explore`` with the
sandbox's container.
"""

from __future__ import annotations

from headwater.services.explore.browse import DEFAULT_LIMIT, MAX_LIMIT, FolderPage, list_folder
from headwater.services.explore.explore import explore
from headwater.services.explore.preview import PREVIEW_ROWS, preview_file
from headwater.services.explore.query import ExploreQuery

__all__ = [
    "DEFAULT_LIMIT",
    "MAX_LIMIT",
    "PREVIEW_ROWS",
    "ExploreQuery",
    "FolderPage",
    "explore",
    "list_folder",
    "preview_file",
]
