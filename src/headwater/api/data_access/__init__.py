"""Routes of the platform's Data Access service (``/data/foundation/export``)."""

from fastapi import APIRouter

from headwater.api.common import ERRORS
from headwater.api.deps import PLATFORM_DEPENDENCIES

router = APIRouter(dependencies=PLATFORM_DEPENDENCIES, responses=ERRORS)

from headwater.api.data_access import routes  # noqa: E402, F401  (registers the routes)
