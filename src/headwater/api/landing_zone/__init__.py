"""Routes of the platform's Data Landing Zone API (``/data/foundation/connectors/landingzone``)."""

from fastapi import APIRouter

from headwater.api.common import ERRORS
from headwater.api.deps import PLATFORM_DEPENDENCIES

PREFIX = "/data/foundation/connectors/landingzone"

router = APIRouter(dependencies=PLATFORM_DEPENDENCIES, responses=ERRORS, tags=["Data Landing Zone"])

from headwater.api.landing_zone import routes  # noqa: E402, F401  (registers the routes)
