"""Pieces every router shares: documented error responses and the body types of the API."""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel, ConfigDict


class Problem(BaseModel):
    """The platform's problem body (shape varies a little per service)."""

    model_config = ConfigDict(extra="allow")

    type: str | None = None
    title: str | None = None
    status: int | None = None


class GatewayProblem(BaseModel):
    error_code: str
    message: str


# Error statuses any platform call may return; routes add these to their OpenAPI responses.
ERRORS: dict[int | str, dict[str, Any]] = {
    400: {"model": Problem | GatewayProblem, "description": "Invalid request"},
    401: {"model": GatewayProblem, "description": "Invalid or expired token"},
    403: {"model": GatewayProblem, "description": "Missing token or key, or wrong org"},
    404: {"model": Problem, "description": "Unknown resource (or one of another sandbox)"},
    405: {"model": Problem, "description": "Method not allowed"},
    406: {"model": Problem, "description": "Accept header not satisfiable"},
    409: {"model": Problem, "description": "Conflict"},
    412: {"model": Problem, "description": "Stale If-Match"},
    413: {"model": Problem, "description": "Body too large"},
    415: {"model": Problem, "description": "Unsupported media type"},
}
