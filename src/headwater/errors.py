"""The one error tree of headwater.

Every layer below ``api/`` raises these; ``api/errors.py`` is the one place that turns them into
HTTP responses in the platform's problem formats. Each error carries the platform's numeric code
(``code``, e.g. ``"1101"``), its HTTP status, and whether retrying may help (``transient``).

    HeadwaterError
    ├── BadRequest                 400  malformed or invalid input
    │   └── InvalidField           400  one field of a body is wrong (names the field)
    ├── Unauthorized               401  token missing, invalid or expired
    ├── Forbidden                  403  authenticated but not allowed
    ├── NotFound                   404  unknown id (also: another org's or sandbox's id)
    ├── NotAcceptable              406  Accept header asks for something we cannot produce
    ├── Conflict                   409  uniqueness or state conflict
    ├── PreconditionFailed         412  stale If-Match
    ├── PayloadTooLarge            413  body over the configured limit
    ├── UnsupportedMediaType       415  Content-Type not accepted
    └── ServiceUnavailable         503  transient: a dependency is down (retry with backoff)
"""

from __future__ import annotations

from typing import Any, ClassVar


class HeadwaterError(Exception):
    """Base of every error headwater raises on purpose."""

    status: ClassVar[int] = 500
    default_code: ClassVar[str] = "1400"
    title: ClassVar[str] = "Internal error"
    transient: ClassVar[bool] = False

    def __init__(
        self,
        message: str,
        *,
        code: str | None = None,
        resource_type: str | None = None,
        resource_id: str | None = None,
        details: dict[str, Any] | None = None,
    ) -> None:
        super().__init__(message)
        self.message = message
        self.code = code or self.default_code
        self.resource_type = resource_type
        self.resource_id = resource_id
        self.details = details or {}


class BadRequest(HeadwaterError):
    status = 400
    default_code = "1000"
    title = "Bad request"


class InvalidField(BadRequest):
    """A named field of a request is missing or invalid."""

    def __init__(self, field: str, message: str, *, code: str | None = None) -> None:
        super().__init__(f"{field}: {message}", code=code, details={"field": field})
        self.field = field


class Unauthorized(HeadwaterError):
    status = 401
    default_code = "2114"
    title = "Unauthorized"


class Forbidden(HeadwaterError):
    status = 403
    default_code = "2120"
    title = "Forbidden"


class NotFound(HeadwaterError):
    status = 404
    default_code = "1101"
    title = "Resource not found"


class NotAcceptable(HeadwaterError):
    status = 406
    default_code = "1006"
    title = "Not acceptable"


class Conflict(HeadwaterError):
    status = 409
    default_code = "1409"
    title = "Conflict"


class PreconditionFailed(HeadwaterError):
    status = 412
    default_code = "1404"
    title = "Version not matching"


class PayloadTooLarge(HeadwaterError):
    status = 413
    default_code = "1405"
    title = "Payload too large"


class UnsupportedMediaType(HeadwaterError):
    status = 415
    default_code = "1000"
    title = "Unsupported media type"


class ServiceUnavailable(HeadwaterError):
    status = 503
    default_code = "1103"
    title = "Service unavailable"
    transient = True


class GatewayError(HeadwaterError):
    """An error of the platform's API gateway (headers, tokens, keys).

    The gateway answers with its own body shape ``{"error_code", "message"}`` and six-digit codes,
    e.g. ``403010`` for a missing token, before any service sees the request.
    """

    def __init__(self, status: int, code: str, message: str) -> None:
        super().__init__(message, code=code)
        self.gateway_status = status
