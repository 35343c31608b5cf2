"""Routes of the platform's data prep service."""

from fastapi import APIRouter

from headwater.api.common import ERRORS
from headwater.api.deps import PLATFORM_DEPENDENCIES

router = APIRouter(dependencies=PLATFORM_DEPENDENCIES, responses=ERRORS)

from headwater.api.data_prep import languages, mapping_sets  # noqa: E402, F401  (routes)
