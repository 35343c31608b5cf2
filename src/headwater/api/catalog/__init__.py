"""Routes of the platform's catalog service."""

from fastapi import APIRouter

from headwater.api.common import ERRORS
from headwater.api.deps import PLATFORM_DEPENDENCIES

router = APIRouter(dependencies=PLATFORM_DEPENDENCIES, responses=ERRORS)

from headwater.api.catalog import batches, datasets  # noqa: E402, F401  (registers the routes)
