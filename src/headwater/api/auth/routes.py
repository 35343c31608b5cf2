"""The IMS token endpoint: client credentials → bearer token."""

from __future__ import annotations

from typing import Annotated, Literal

from fastapi import APIRouter, Form
from fastapi.responses import JSONResponse
from pydantic import BaseModel

from headwater.api.common import Problem
from headwater.api.deps import Ctx
from headwater.errors import Unauthorized
from headwater.services import auth

router = APIRouter(prefix="/ims", tags=["auth"])


class TokenResponse(BaseModel):
    access_token: str
    token_type: Literal["bearer"] = "bearer"
    expires_in: int


class TokenError(BaseModel):
    error: str
    error_description: str


@router.post(
    "/token/{version}",
    response_model=TokenResponse,
    responses={
        400: {"model": TokenError | Problem},
        401: {"model": TokenError},
        413: {"model": Problem},
    },
)
def create_token(
    ctx: Ctx,
    version: Literal["v1", "v2", "v3"],
    client_id: Annotated[str, Form()],
    client_secret: Annotated[str, Form()],
    grant_type: Annotated[str, Form()] = "client_credentials",
    scope: Annotated[str | None, Form()] = None,
) -> TokenResponse | JSONResponse:
    """Exchange a client id and secret for a signed access token (``client_credentials``)."""
    if grant_type != "client_credentials":
        body = TokenError(error="unsupported_grant_type", error_description=grant_type)
        return JSONResponse(body.model_dump(), status_code=400)
    try:
        token = auth.issue_token(
            ctx.db, ctx.keys, client_id, client_secret, ttl_seconds=ctx.settings.token_ttl_seconds
        )
    except Unauthorized:
        body = TokenError(error="invalid_client", error_description="invalid client_id or secret")
        return JSONResponse(body.model_dump(), status_code=401)
    return TokenResponse(access_token=token.access_token, expires_in=token.expires_in)
