"""Routes of the platform's Flow Service."""

from fastapi import APIRouter

from headwater.api.common import ERRORS
from headwater.api.deps import PLATFORM_DEPENDENCIES

router = APIRouter(dependencies=PLATFORM_DEPENDENCIES, responses=ERRORS)

import headwater.api.flow_service.explore  # noqa: E402,F401  (registers the route)
from headwater.api.flow_service import catalogues, entities  # noqa: E402,F401  (registers routes)
