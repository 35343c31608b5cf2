"""Routes of the platform's Flow Service."""

from fastapi import APIRouter

from headwater.api.common import ERRORS
from headwater.api.deps import PLATFORM_DEPENDENCIES

router = APIRouter(dependencies=PLATFORM_DEPENDENCIES, responses=ERRORS)

from headwater.api.flow_service import (  # noqa: E402,F401  (registers the routes)
    catalogues,
    connection_explore,
    entities,
    explore,
)
