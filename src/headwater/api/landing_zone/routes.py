"""The landing zone, its credentials, and headwater's file endpoints (uploads without Azure)."""

from __future__ import annotations

import time

from fastapi import Query, Request, Response
from starlette.concurrency import run_in_threadpool

from headwater.api.deps import Caller, Ctx
from headwater.api.landing_zone import PREFIX, router
from headwater.api.landing_zone.models import (
    ContainerFile,
    ContainerFiles,
    LandingZone,
    LandingZoneCredentials,
)
from headwater.errors import BadRequest, UnsupportedMediaType
from headwater.services import landing_zone

ZoneType = Query(alias="type", description="The container type: user_drop_zone")
UPLOAD_TYPES = ("", "application/octet-stream")
UPLOAD_BODY = {
    "requestBody": {
        "required": False,
        "content": {"application/octet-stream": {"schema": {"type": "string", "format": "binary"}}},
    }
}


@router.get("", response_model=LandingZone)
def get_landing_zone(ctx: Ctx, scope: Caller, zone_type: str = ZoneType) -> dict[str, str]:
    """The sandbox's container (created on first use) and the days its files are kept."""
    return landing_zone.landing_zone(ctx.settings, scope, zone_type)


@router.get("/credentials", response_model=LandingZoneCredentials)
def get_credentials(
    request: Request, ctx: Ctx, scope: Caller, zone_type: str = ZoneType
) -> dict[str, str]:
    """Where to upload files, with a token kept for compatibility.

    headwater has no Azure storage: ``SASUri`` is headwater's own upload URL (``PUT
    {SASUri}/{path}``, see below) and ``SASToken`` is an opaque random value that grants nothing.
    Uploads are authenticated like every other call: bearer token and gateway headers.
    """
    return landing_zone.credentials(
        ctx.settings, scope, zone_type, upload_url=_upload_url(request), now=time.time()
    )


@router.post("/credentials", response_model=LandingZoneCredentials)
def refresh_credentials(
    request: Request,
    ctx: Ctx,
    scope: Caller,
    zone_type: str = ZoneType,
    action: str = Query(description="refresh"),
) -> dict[str, str]:
    """``action=refresh`` replaces the (opaque) token by a new one."""
    return landing_zone.refresh_credentials(
        ctx.settings,
        scope,
        zone_type,
        action=action,
        upload_url=_upload_url(request),
        now=time.time(),
    )


@router.put(
    "/files/{path:path}",
    status_code=201,
    response_model=ContainerFile,
    openapi_extra=UPLOAD_BODY,
    responses={413: {"description": "The file is larger than the configured limit"}},
)
async def upload_file(request: Request, ctx: Ctx, scope: Caller, path: str) -> ContainerFile:
    """headwater extension: upload a file into the sandbox's container.

    The body is the file's bytes (``Content-Type: application/octet-stream``), streamed to disk
    and moved into place once complete, so flows never read half a file; an existing file is
    replaced. ``path`` may start with ``dlz-user-container/``; the answer's ``path`` is what a
    source connection's ``params.path`` takes. Names follow the cloud-storage rules (no
    ``" \\ : | < > * ? [ ]``, no reserved names, 255 characters per segment).
    """
    media = request.headers.get("content-type", "").split(";")[0].strip().lower()
    if media not in UPLOAD_TYPES:
        raise UnsupportedMediaType("Uploads take Content-Type: application/octet-stream")
    size = _content_length(request)
    upload = await run_in_threadpool(
        landing_zone.begin_upload, ctx.settings, scope, path, size=size
    )
    try:
        async for chunk in request.stream():
            if chunk:
                await run_in_threadpool(upload.write, chunk)
        stored = await run_in_threadpool(upload.commit)
    finally:
        upload.abort()
    return ContainerFile.of(stored)


@router.get("/files", response_model=ContainerFiles)
def list_files(ctx: Ctx, scope: Caller) -> ContainerFiles:
    """headwater extension: every file of the sandbox's container, sorted by path."""
    stored = landing_zone.list_files(ctx.settings, scope)
    return ContainerFiles(items=[ContainerFile.of(item) for item in stored])


@router.delete("/files/{path:path}", status_code=204, response_class=Response)
def delete_file(ctx: Ctx, scope: Caller, path: str) -> Response:
    """headwater extension: delete one file of the sandbox's container."""
    landing_zone.delete_file(ctx.settings, scope, path)
    return Response(status_code=204)


def _upload_url(request: Request) -> str:
    return str(request.base_url).rstrip("/") + PREFIX + "/files"


def _content_length(request: Request) -> int | None:
    value = request.headers.get("content-length")
    if value is None:
        return None
    if not value.isdigit():
        raise BadRequest("Content-Length must be a number of bytes")
    return int(value)
