"""Routes of the platform's schema registry service."""

from fastapi import APIRouter

from headwater.api.common import ERRORS
from headwater.api.deps import PLATFORM_DEPENDENCIES

router = APIRouter(dependencies=PLATFORM_DEPENDENCIES, responses=ERRORS)
