"""The one place that turns headwater errors into the platform's HTTP error bodies.

Each platform service has its own problem shape (reference §1.3 to 1.4); which one a response uses
depends on the service the path belongs to.
"""

from __future__ import annotations

import logging
import time
import uuid
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from starlette.exceptions import HTTPException as StarletteHTTPException

from headwater.errors import BadRequest, GatewayError, HeadwaterError, NotFound

log = logging.getLogger("headwater.api")

SERVICE_PREFIXES = {
    "/data/foundation/flowservice": "FLOW",
    "/data/foundation/connectors": "FLOW",
    "/data/foundation/schemaregistry": "XDM",
    "/data/foundation/catalog": "CAT",
    "/data/foundation/conversion": "DP",
    "/data/foundation/export": "DAS",
}
# Codes a generic error class takes in services whose catalogue differs from Flow Service's.
XDM_DEFAULT_CODES = {400: "1000", 404: "1012", 406: "1009", 409: "3005", 412: "1015"}


def request_id(request: Request) -> str:
    rid = getattr(request.state, "request_id", None)
    if rid is None:
        rid = request.headers.get("x-request-id") or uuid.uuid4().hex
        request.state.request_id = rid
    return str(rid)


def error_response(request: Request, error: HeadwaterError) -> JSONResponse:
    if isinstance(error, GatewayError):
        body = {"error_code": error.code, "message": error.message}
        return JSONResponse(body, status_code=error.gateway_status)
    prefix = _service_prefix(request.url.path)
    body = _problem(prefix, error, request_id(request))
    return JSONResponse(
        body, status_code=error.status, headers={"x-request-id": request_id(request)}
    )


def _problem(prefix: str, error: HeadwaterError, rid: str) -> dict[str, Any]:
    code = error.code
    if prefix == "XDM" and code == type(error).default_code:
        code = XDM_DEFAULT_CODES.get(error.status, code)
    scheme = "http" if prefix == "XDM" else "https"
    body: dict[str, Any] = {
        "type": f"{scheme}://ns.adobe.com/aep/errors/{prefix}-{code}-{error.status}",
        "title": error.title,
        "status": error.status,
    }
    if prefix == "XDM":
        body["report"] = {
            "registryRequestId": rid,
            "timestamp": time.strftime("%m-%d-%Y %H:%M:%S", time.gmtime()),
            "detailed-message": error.message,
            "sub-errors": [],
        }
        body["detail"] = error.message
        return body
    report: dict[str, Any] = {"detailed-message": error.message, "request-id": rid}
    if error.resource_id:
        report["id"] = error.resource_id
    if error.resource_type:
        report["type"] = error.resource_type
    report.update({k: v for k, v in error.details.items() if k not in report})
    body["report"] = report
    body["detail" if prefix != "FLOW" else "errorMessage"] = error.message
    return body


def _service_prefix(path: str) -> str:
    for base, prefix in SERVICE_PREFIXES.items():
        if path.startswith(base):
            return prefix
    return "HW"


async def _on_headwater_error(request: Request, exc: Exception) -> JSONResponse:
    assert isinstance(exc, HeadwaterError)
    return error_response(request, exc)


async def _on_validation_error(request: Request, exc: Exception) -> JSONResponse:
    assert isinstance(exc, RequestValidationError)
    return error_response(request, BadRequest(_describe(exc), code=_validation_code(exc)))


async def _on_http_error(request: Request, exc: Exception) -> JSONResponse:
    assert isinstance(exc, StarletteHTTPException)
    if exc.status_code == 404:
        error: HeadwaterError = NotFound(f"No such endpoint: {request.method} {request.url.path}")
    elif exc.status_code == 405:
        error = _MethodNotAllowed(f"{request.method} is not allowed on {request.url.path}")
    else:
        error = BadRequest(str(exc.detail))
    return error_response(request, error)


async def _on_unexpected(request: Request, exc: Exception) -> JSONResponse:
    rid = request_id(request)
    log.exception("unexpected error", extra={"request_id": rid})
    error = HeadwaterError(f"Internal error; quote request id {rid} when reporting it")
    return error_response(request, error)


class _MethodNotAllowed(HeadwaterError):
    status = 405
    default_code = "1000"
    title = "Method not allowed"


def _describe(exc: RequestValidationError) -> str:
    parts = []
    for err in exc.errors()[:5]:
        if err.get("type") == "missing" and tuple(err.get("loc", ())) == ("body",):
            return "The request body is empty"
        kind = err.get("type", "")
        if kind == "json_invalid":
            ctx = err.get("ctx", {}).get("error", "")
            return f"The request body is not valid JSON: {ctx}".strip()
        where = ".".join(str(p) for p in err.get("loc", ()) if p != "body") or "body"
        parts.append(f"{where}: {err.get('msg', 'invalid')}")
    return "; ".join(parts) or "The request is not valid"


def _validation_code(exc: RequestValidationError) -> str:
    errors = exc.errors()
    if any(
        err.get("type") == "missing" and tuple(err.get("loc", ())) == ("body",) for err in errors
    ):
        return "1405"
    missing = any(err.get("type") == "missing" for err in errors)
    return "1304" if missing else "1000"


def install_error_handlers(app: FastAPI) -> None:
    app.add_exception_handler(HeadwaterError, _on_headwater_error)
    app.add_exception_handler(RequestValidationError, _on_validation_error)
    app.add_exception_handler(StarletteHTTPException, _on_http_error)
    app.add_exception_handler(Exception, _on_unexpected)
