"""Routes of the platform's schema registry service."""

from fastapi import APIRouter

from headwater.api.common import ERRORS
from headwater.api.deps import PLATFORM_DEPENDENCIES
from headwater.api.schema_registry import descriptors, library, resources, stats

router = APIRouter(dependencies=PLATFORM_DEPENDENCIES, responses=ERRORS)
router.include_router(stats.router)
router.include_router(library.router)
router.include_router(descriptors.router)
router.include_router(resources.router)
