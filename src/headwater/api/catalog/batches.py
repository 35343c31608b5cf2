"""Routes of ``/batches`` and ``/lastBatches`` (batches are written by the engine, not here)."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import Depends, Query

from headwater.api.catalog import router
from headwater.api.catalog.params import catalog_page, present
from headwater.api.deps import Caller, Ctx
from headwater.services import catalog
from headwater.services.catalog import PageParams

Page = Annotated[PageParams, Depends(catalog_page)]
Filter = Annotated[str | None, Query()]


@router.get("/batches", summary="List batches")
def list_batches(
    caller: Caller,
    ctx: Ctx,
    page: Page,
    data_set: Annotated[str | None, Query(alias="dataSet", description="dataset id(s)")] = None,
    status: Filter = None,
    created_after: Annotated[int | None, Query(alias="createdAfter")] = None,
    created_before: Annotated[int | None, Query(alias="createdBefore")] = None,
    created: Filter = None,
    created_client: Annotated[str | None, Query(alias="createdClient")] = None,
    created_user: Annotated[str | None, Query(alias="createdUser")] = None,
    updated_user: Annotated[str | None, Query(alias="updatedUser")] = None,
    external_id: Annotated[str | None, Query(alias="externalId")] = None,
    version: Filter = None,
) -> dict[str, dict[str, Any]]:
    filters = present(
        status=status,
        created=created,
        createdClient=created_client,
        createdUser=created_user,
        updatedUser=updated_user,
        externalId=external_id,
        version=version,
    )
    return catalog.list_batches(
        ctx.db,
        caller,
        page,
        data_set=data_set,
        created_after=created_after,
        created_before=created_before,
        filters=filters,
    )


@router.get("/batches/{batch_id}", summary="Look up a batch")
def get_batch(
    batch_id: str,
    caller: Caller,
    ctx: Ctx,
    aggregate: Annotated[bool | None, Query(description="accepted; batches have one level")] = None,
    properties: Annotated[str | None, Query()] = None,
) -> dict[str, dict[str, Any]]:
    return {batch_id: catalog.get_batch(ctx.db, caller, batch_id, properties=properties)}


@router.get("/lastBatches", summary="Last batches per dataset")
def last_batches(
    caller: Caller,
    ctx: Ctx,
    page: Page,
    data_set_id: Annotated[str | None, Query(alias="dataSetId", description="a,b,...")] = None,
    last_batch_status: Annotated[str | None, Query(alias="lastBatchStatus")] = None,
) -> dict[str, dict[str, Any]]:
    return catalog.last_batches(
        ctx.db, caller, page, dataset_ids=data_set_id, status=last_batch_status
    )
