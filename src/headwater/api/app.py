"""The FastAPI application: one router per platform service under its platform base path."""

from __future__ import annotations

import logging
from collections.abc import AsyncIterator, Sequence
from contextlib import asynccontextmanager
from typing import Protocol

from fastapi import FastAPI

from headwater.api import errors
from headwater.api.auth.routes import router as auth_router
from headwater.api.catalog import router as catalog_router
from headwater.api.data_access import router as data_access_router
from headwater.api.data_prep import router as data_prep_router
from headwater.api.deps import AppContext
from headwater.api.flow_service import router as flow_router
from headwater.api.landing_zone import router as landing_zone_router
from headwater.api.middleware import RequestGuard
from headwater.api.schema_registry import router as schema_router
from headwater.services.keys import load_keys
from headwater.settings import Settings
from headwater.store import Database

log = logging.getLogger("headwater")


class Background(Protocol):
    """Something that runs beside the API (the scheduler) for the app's lifetime."""

    def start(self) -> None: ...

    def stop(self) -> None: ...


def create_app(
    settings: Settings | None = None,
    *,
    db: Database | None = None,
    background: Sequence[Background] = (),
) -> FastAPI:
    """Build the API for ``settings``; the database must already be migrated."""
    settings = settings or Settings()
    settings.data_dir.mkdir(parents=True, exist_ok=True)

    @asynccontextmanager
    async def lifespan(_app: FastAPI) -> AsyncIterator[None]:
        for task in background:
            task.start()
        try:
            yield
        finally:
            for task in reversed(background):
                task.stop()

    app = FastAPI(
        lifespan=lifespan,
        title="headwater",
        version="0.1.0",
        description="Self-hostable ingestion service speaking the platform's ingestion APIs.",
    )
    app.state.ctx = AppContext(
        settings=settings,
        db=db or Database(settings.resolved_database_url),
        keys=load_keys(settings),
    )
    errors.install_error_handlers(app)
    app.add_middleware(RequestGuard, max_body_bytes=settings.max_body_bytes)
    app.include_router(auth_router)
    app.include_router(flow_router, prefix="/data/foundation/flowservice")
    app.include_router(schema_router, prefix="/data/foundation/schemaregistry")
    app.include_router(catalog_router, prefix="/data/foundation/catalog")
    app.include_router(data_prep_router, prefix="/data/foundation/conversion")
    app.include_router(data_access_router, prefix="/data/foundation/export")
    app.include_router(landing_zone_router, prefix="/data/foundation/connectors/landingzone")
    return app
