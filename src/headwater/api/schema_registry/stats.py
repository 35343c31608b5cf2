"""``GET /stats``: tenant id and registry usage."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter

from headwater.api.deps import Caller, Ctx
from headwater.services.schema_registry import registry_stats

router = APIRouter(tags=["Stats"])


@router.get("/stats", summary="Tenant id and Schema Registry usage", operation_id="retrieveStats")
def get_stats(scope: Caller, ctx: Ctx) -> dict[str, Any]:
    return registry_stats(ctx.db, scope)


# SDKs call "/stats/"; answer there too instead of redirecting.
router.add_api_route("/stats/", get_stats, methods=["GET"], include_in_schema=False)
