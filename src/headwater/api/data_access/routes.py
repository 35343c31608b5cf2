"""Routes of ``/batches/{id}/files|failed|meta``, ``/files/{id}`` and ``/datasets/{id}/preview``.

A batch's dataset file has the batch's id as its ``dataSetFileId``.
"""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import Depends, Header, Query, Request, Response

from headwater.api.data_access import router
from headwater.api.data_access.models import DataSetFileList, DatasetPreview, FileList
from headwater.api.data_access.responses import (
    DOWNLOADS,
    RANGED_DOWNLOADS,
    parse_range,
    respond,
    unsatisfiable,
)
from headwater.api.deps import Caller, Ctx
from headwater.services import data_access
from headwater.services.data_access import Page, RangeNotSatisfiable


def page_params(
    start: Annotated[int | None, Query(description="0-based offset")] = None,
    limit: Annotated[int | None, Query(description="1-100 entries (default 100)")] = None,
) -> Page:
    return Page(start=start, limit=limit)


Paged = Annotated[Page, Depends(page_params)]
FilePath = Annotated[str | None, Query(description="A listed name: download that file")]


@router.get(
    "/batches/{batch_id}/files",
    response_model=DataSetFileList,
    summary="List a batch's dataset files",
)
def list_dataset_files(batch_id: str, caller: Caller, ctx: Ctx, page: Paged) -> Any:
    return data_access.list_dataset_files(ctx.db, ctx.settings, caller, batch_id, page)


@router.get(
    "/batches/{batch_id}/failed",
    response_model=FileList,
    responses=DOWNLOADS,
    summary="List or download a batch's row-error files",
)
def failed_files(
    batch_id: str, caller: Caller, ctx: Ctx, page: Paged, path: FilePath = None
) -> Any:
    return respond(
        data_access.failed_files(ctx.db, ctx.settings, caller, batch_id, path=path, page=page)
    )


@router.get(
    "/batches/{batch_id}/meta",
    response_model=FileList,
    responses=DOWNLOADS,
    summary="List or download a batch's meta files",
)
def batch_meta(
    batch_id: str,
    caller: Caller,
    ctx: Ctx,
    page: Paged,
    path: Annotated[
        str | None,
        Query(
            description="input_files, input_files/<name>, row_errors, row_errors/<name>, "
            "row_errors_sample.json"
        ),
    ] = None,
) -> Any:
    return respond(
        data_access.batch_meta(ctx.db, ctx.settings, caller, batch_id, path=path, page=page)
    )


@router.get(
    "/files/{file_id}",
    response_model=FileList,
    responses=RANGED_DOWNLOADS,
    summary="List a dataset file's parts, or download one (Range supported)",
)
def dataset_file(
    request: Request,
    file_id: str,
    caller: Caller,
    ctx: Ctx,
    page: Paged,
    path: FilePath = None,
    range_: Annotated[str | None, Header(alias="Range", description="bytes=a-b")] = None,
) -> Any:
    try:
        result = data_access.dataset_file(
            ctx.db,
            ctx.settings,
            caller,
            file_id,
            path=path,
            page=page,
            byte_range=parse_range(range_),
        )
    except RangeNotSatisfiable as error:
        return unsatisfiable(request, error)
    return respond(result)


@router.head(
    "/files/{file_id}",
    summary="A dataset file part's headers",
    responses={200: {"description": "Content-Length, Content-Type and Accept-Ranges"}},
)
def dataset_file_head(
    file_id: str,
    caller: Caller,
    ctx: Ctx,
    path: Annotated[str, Query(description="A listed name of the dataset file")],
) -> Response:
    entry = data_access.dataset_file_head(ctx.db, ctx.settings, caller, file_id, path)
    return Response(
        headers={
            "Content-Length": str(entry.length),
            "Accept-Ranges": "bytes",
            "Content-Type": "application/octet-stream",
        }
    )


@router.get(
    "/datasets/{dataset_id}/preview",
    response_model=DatasetPreview,
    summary="The first 100 rows of a dataset",
)
def preview_dataset(dataset_id: str, caller: Caller, ctx: Ctx) -> Any:
    return {"data": data_access.preview_dataset(ctx.db, ctx.settings, caller, dataset_id)}
