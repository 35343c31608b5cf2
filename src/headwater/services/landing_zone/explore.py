"""Exploring a container: ``GET /connectionSpecs/{id}/explore`` (reference §2.10).

``objectType=root`` lists the container's top level, ``folder`` one folder (``object`` is its
path), ``file`` describes one file: the shared explore of :mod:`headwater.services.explore` on
the sandbox's container. Only the Data Landing Zone can be explored through its connection spec;
other sources are explored through a base connection (``/connections/{id}/explore``), so other
specs answer ``1336``.
"""

from __future__ import annotations

import time
from typing import Any

from headwater.connectors.landing_zone import SPEC as LANDING_ZONE_SPEC
from headwater.errors import BadRequest
from headwater.services import explore as shared
from headwater.services.explore.explore import object_kind
from headwater.services.landing_zone.container import container_files
from headwater.services.landing_zone.expiry import expire_files
from headwater.settings import Settings
from headwater.store import Scope

LANDING_ZONE_SPEC_ID = LANDING_ZONE_SPEC.id


def explore(
    settings: Settings, scope: Scope, spec_id: str, query: shared.ExploreQuery
) -> shared.FolderPage | dict[str, Any]:
    """Answer an explore call on a connection spec.

    Raises:
        BadRequest: ``1336`` for a spec other than the Data Landing Zone's, and the errors of
            :func:`headwater.services.explore.explore` (``1358``, ``1337``, ``1374``, ``1451``).
        SourceNotFound: when the folder or file does not exist.
        InvalidSourcePath: for a path outside the container.
    """
    if spec_id != LANDING_ZONE_SPEC_ID:
        raise BadRequest(
            f"Explore is not supported on connection spec {spec_id}; only the Data Landing "
            f"Zone ({LANDING_ZONE_SPEC_ID}) can be explored without a base connection; explore "
            "other sources through /connections/{id}/explore",
            code="1336",
        )
    if object_kind(query) != "file":
        expire_files(settings, time.time(), scope=scope)
    return shared.explore(container_files(settings, scope), query)
