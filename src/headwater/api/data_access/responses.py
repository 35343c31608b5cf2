"""HTTP shapes of downloads: ``Range`` headers in, streamed (partial) content out."""

from __future__ import annotations

import re
from typing import Any, Final
from urllib.parse import quote

from fastapi import Request, Response
from fastapi.responses import StreamingResponse

from headwater.api.errors import error_response
from headwater.services.data_access import ByteRange, Download, RangeNotSatisfiable

_RANGE: Final = re.compile(r"^\s*bytes\s*=\s*(\d*)\s*-\s*(\d*)\s*$", re.IGNORECASE)
BINARY: Final = {"schema": {"type": "string", "format": "binary"}}
DOWNLOADS: Final[dict[int | str, dict[str, Any]]] = {
    200: {
        "description": "A listing, or with ``path`` the file's content",
        "content": {"application/x-ndjson": BINARY, "application/octet-stream": BINARY},
    },
}
RANGED_DOWNLOADS: Final[dict[int | str, dict[str, Any]]] = {
    200: {
        "description": "A listing, or with ``path`` the file's content",
        "content": {"application/octet-stream": BINARY},
    },
    206: {
        "description": "The requested range of the file",
        "headers": {"Content-Range": {"schema": {"type": "string"}}},
        "content": {"application/octet-stream": BINARY},
    },
    416: {"description": "The range lies past the end of the file"},
}


def parse_range(header: str | None) -> ByteRange | None:
    """The one range of ``Range: bytes=a-b | a- | -n``; ``None`` when absent or unusable.

    Malformed headers and multi-range requests are ignored (the whole file is sent), as
    RFC 9110 allows.
    """
    match = _RANGE.match(header or "")
    if match is None:
        return None
    first, last = match.groups()
    if not first:
        return ByteRange(suffix=int(last)) if last else None
    if last and int(last) < int(first):
        return None
    return ByteRange(first=int(first), last=int(last) if last else None)


def respond(result: dict[str, Any] | Download) -> Any:
    """A listing as is (the route's model shapes it), a download as a streamed response."""
    if isinstance(result, Download):
        return stream(result)
    return result


def stream(download: Download) -> StreamingResponse:
    headers = {"Content-Disposition": _disposition(download.name)}
    if download.ranged:
        headers["Accept-Ranges"] = "bytes"
    status, length = 200, download.size
    if download.span is not None:
        first, last = download.span
        status, length = 206, last - first + 1
        headers["Content-Range"] = f"bytes {first}-{last}/{download.size}"
    headers["Content-Length"] = str(length)
    return StreamingResponse(
        download.chunks, status_code=status, headers=headers, media_type=download.media_type
    )


def unsatisfiable(request: Request, error: RangeNotSatisfiable) -> Response:
    """The problem body of a 416, with the ``Content-Range: bytes */<size>`` RFC 9110 asks for."""
    response = error_response(request, error)
    response.headers["Content-Range"] = f"bytes */{error.details.get('size', '*')}"
    return response


def _disposition(name: str) -> str:
    return f"attachment; filename*=UTF-8''{quote(name.rsplit('/', 1)[-1], safe='')}"
