"""Request guards that run before any route: body size and Content-Type.

Pure ASGI so the size limit also holds for chunked bodies without buffering them whole.
"""

from __future__ import annotations

import json
from collections.abc import Awaitable, Callable, MutableMapping
from typing import Any

Scope = MutableMapping[str, Any]
Message = MutableMapping[str, Any]
Receive = Callable[[], Awaitable[Message]]
Send = Callable[[Message], Awaitable[None]]
ASGIApp = Callable[[Scope, Receive, Send], Awaitable[None]]

JSON_TYPES = ("application/json", "application/json-patch+json")
# Endpoints whose bodies are not JSON: the token endpoint takes a form.
FORM_PATHS = ("/ims/token",)
# Streamed file uploads (any size, application/octet-stream): the route checks them itself.
STREAM_PATHS = ("/data/foundation/connectors/landingzone/files/",)
BAD_CONTENT_TYPE = {
    "type": "/placeholder/type/uri",
    "status": 400,
    "title": "BadRequestError",
    "detail": "A valid content-type must be specified",
}


class RequestGuard:
    """Rejects bodies over ``max_body_bytes`` (413) and non-JSON bodies on JSON endpoints (400)."""

    def __init__(self, app: ASGIApp, *, max_body_bytes: int) -> None:
        self.app = app
        self.max_body_bytes = max_body_bytes

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or scope["method"] not in ("POST", "PUT", "PATCH"):
            await self.app(scope, receive, send)
            return
        if scope["method"] == "PUT" and scope["path"].startswith(STREAM_PATHS):
            await self.app(scope, receive, send)
            return
        headers = {k.decode().lower(): v.decode("latin-1") for k, v in scope["headers"]}
        length = headers.get("content-length")
        if length is not None and length.isdigit() and int(length) > self.max_body_bytes:
            await _reply(send, 413, self._too_large_body())
            return
        has_body = (length not in (None, "0")) or "transfer-encoding" in headers
        if has_body and not _content_type_ok(scope["path"], headers.get("content-type", "")):
            await _reply(send, 400, BAD_CONTENT_TYPE)
            return
        if length is not None and length.isdigit():
            await self.app(scope, receive, send)
            return
        await self._forward_limited(scope, receive, send)

    async def _forward_limited(self, scope: Scope, receive: Receive, send: Send) -> None:
        # A body without Content-Length is read first (at most the limit), so an oversized one
        # gets a 413 before any route sees it; JSON bodies are small, so this costs little.
        chunks: list[bytes] = []
        seen = 0
        while True:
            message = await receive()
            if message["type"] != "http.request":
                await self.app(scope, _replay([message]), send)
                return
            chunk = message.get("body", b"")
            seen += len(chunk)
            if seen > self.max_body_bytes:
                await _reply(send, 413, self._too_large_body())
                return
            chunks.append(chunk)
            if not message.get("more_body", False):
                break
        body = {"type": "http.request", "body": b"".join(chunks), "more_body": False}
        await self.app(scope, _replay([body], then=receive), send)

    def _too_large_body(self) -> dict[str, Any]:
        return {
            "type": "https://ns.adobe.com/aep/errors/HW-1405-413",
            "title": "Payload too large",
            "status": 413,
            "detail": f"The request body is larger than {self.max_body_bytes} bytes",
        }


def _content_type_ok(path: str, content_type: str) -> bool:
    media = content_type.split(";")[0].strip().lower()
    if any(marker in path for marker in FORM_PATHS):
        return media in ("application/x-www-form-urlencoded", "multipart/form-data")
    return media in JSON_TYPES or (media.startswith("application/") and media.endswith("+json"))


def _replay(messages: list[Message], then: Receive | None = None) -> Receive:
    pending = list(messages)

    async def receive() -> Message:
        if pending:
            return pending.pop(0)
        if then is not None:
            return await then()
        return {"type": "http.disconnect"}

    return receive


async def _reply(send: Send, status: int, body: dict[str, Any]) -> None:
    payload = json.dumps(body).encode()
    await send(
        {
            "type": "http.response.start",
            "status": status,
            "headers": [
                (b"content-type", b"application/json"),
                (b"content-length", str(len(payload)).encode()),
            ],
        }
    )
    await send({"type": "http.response.body", "body": payload})
