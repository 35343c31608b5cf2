"""Dependencies shared by every route: the app context, the caller's scope, query checks."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Annotated

from fastapi import Depends, Request
from fastapi.dependencies.models import Dependant
from fastapi.routing import APIRoute

from headwater.errors import BadRequest
from headwater.services import auth
from headwater.services.keys import Keys
from headwater.settings import Settings
from headwater.store import Database, Scope


@dataclass(frozen=True)
class AppContext:
    settings: Settings
    db: Database
    keys: Keys


def app_context(request: Request) -> AppContext:
    ctx: AppContext = request.app.state.ctx
    return ctx


def caller_scope(request: Request) -> Scope:
    """Authenticate the call as the platform's gateway does; the scope of every service call."""
    ctx = app_context(request)
    headers = auth.GatewayHeaders(
        authorization=request.headers.get("authorization"),
        api_key=request.headers.get("x-api-key"),
        org_id=request.headers.get("x-gw-ims-org-id"),
        sandbox_name=request.headers.get("x-sandbox-name"),
    )
    return auth.authenticate(ctx.db, ctx.keys, headers)


def known_query_params(request: Request) -> None:
    """Refuse query parameters the route does not declare (platform code 1451)."""
    route = request.scope.get("route")
    if not isinstance(route, APIRoute):
        return
    allowed = _query_names(route.dependant)
    unknown = sorted(set(request.query_params) - allowed)
    if unknown:
        raise BadRequest(f"Unknown query parameter(s): {', '.join(unknown)}", code="1451")


def _query_names(dependant: Dependant) -> set[str]:
    names = {field.alias for field in dependant.query_params}
    for sub in dependant.dependencies:
        names |= _query_names(sub)
    return names


Ctx = Annotated[AppContext, Depends(app_context)]
Caller = Annotated[Scope, Depends(caller_scope)]
PLATFORM_DEPENDENCIES = [Depends(known_query_params)]
