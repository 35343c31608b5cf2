"""``GET /connections/{id}/explore`` and ``GET /connections/{id}/test`` on a base connection."""

from __future__ import annotations

from typing import Any

from fastapi import Request, Response
from pydantic import BaseModel, Field

from headwater.api.deps import Caller, Ctx
from headwater.api.flow_service import router
from headwater.api.flow_service.explore import EXPLORE_RESPONSE, ExploreParams, explore_answer
from headwater.services.explore import connection as connection_service


class TestConnectionResponse(BaseModel):
    result: bool = Field(description="Whether the credentials and the location work")
    reason: str | None = Field(None, description="Why not (headwater's; never a credential)")
    code: str | None = Field(
        None,
        description="The error code of the failure (1001 credentials, 1101 not found, "
        "1103 unavailable, 1104 no answer in time)",
    )


@router.get("/connections/{connection_id}/explore", **EXPLORE_RESPONSE)
def explore_connection(
    ctx: Ctx,
    scope: Caller,
    connection_id: str,
    query: ExploreParams,
    request: Request,
    response: Response,
) -> Any:
    """Explore a base connection's storage (reference §2.10).

    ``objectType=root`` lists the connection's root (an S3 account's buckets, or the
    ``bucketName``/``folderPath`` it is restricted to), ``folder`` the folder named by
    ``object``, a page at a time (``limit``, default 1000, at most 10000; the next page's URL is
    in the ``Link`` header with ``rel="next"``). ``file`` gives the file's columns with their
    XDM types, with ``preview=true`` its first 100 rows (compressed files are read only as far
    as needed), and with ``determineProperties=true`` its detected ``fileType``,
    ``compressionType`` and ``columnDelimiter``. Storage errors keep their codes (``1001``
    credentials rejected, ``1101`` not found, ``1103`` unavailable).
    """
    found = connection_service.explore_connection(
        ctx.db, ctx.settings, ctx.keys.fernet, scope, connection_id, query
    )
    return explore_answer(found, request, response)


@router.get(
    "/connections/{connection_id}/test",
    response_model=TestConnectionResponse,
    response_model_exclude_none=True,
)
def test_connection(ctx: Ctx, scope: Caller, connection_id: str) -> TestConnectionResponse:
    """Test a base connection: do its credentials work, and does its location exist?

    Answers 200 with the platform's ``{"result": true|false}``; a failed test adds ``reason``
    (what the storage system said, without any credential) and ``code`` (the error code the
    same failure has elsewhere: ``1001`` credentials rejected, ``1101`` bucket or folder not
    found, ``1103`` unavailable, ``1104`` no answer within 20 seconds). A connection of
    another sandbox is ``404``; one whose spec cannot be read from is ``400`` (``1385``).
    """
    outcome = connection_service.check_connection(
        ctx.db, ctx.settings, ctx.keys.fernet, scope, connection_id
    )
    return TestConnectionResponse(result=outcome.result, reason=outcome.reason, code=outcome.code)
