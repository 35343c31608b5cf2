"""Routes of ``/dataSets``: answers are id-keyed maps, writes answer ``["@/dataSets/<id>"]``."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import Body, Depends, Query, Response

from headwater.api.catalog import router
from headwater.api.catalog.models import DataSetRequest
from headwater.api.catalog.params import catalog_page, present
from headwater.api.deps import Caller, Ctx
from headwater.services import catalog
from headwater.services.catalog import PageParams

Page = Annotated[PageParams, Depends(catalog_page)]
Filter = Annotated[str | None, Query()]
Properties = Annotated[str | None, Query(description="top-level properties to return")]
PatchBody = Annotated[
    dict[str, Any] | list[dict[str, Any]],
    Body(description="A partial dataset (JSON merge) or a JSON Patch array"),
]


def _ref(dataset_id: str) -> list[str]:
    return [f"@/dataSets/{dataset_id}"]


@router.post("/dataSets", status_code=201, summary="Create a dataset")
def create_dataset(
    body: DataSetRequest,
    caller: Caller,
    ctx: Ctx,
    response: Response,
    request_data_source: Annotated[str | None, Query(alias="requestDataSource")] = None,
) -> list[str]:
    dataset_id = catalog.create_dataset(ctx.db, caller, body.fields())
    response.headers["Location"] = f"/data/foundation/catalog/dataSets/{dataset_id}"
    return _ref(dataset_id)


@router.get("/dataSets", summary="List datasets")
def list_datasets(
    caller: Caller,
    ctx: Ctx,
    page: Page,
    name: Filter = None,
    description: Filter = None,
    created: Filter = None,
    updated: Filter = None,
    created_client: Annotated[str | None, Query(alias="createdClient")] = None,
    created_user: Annotated[str | None, Query(alias="createdUser")] = None,
    updated_user: Annotated[str | None, Query(alias="updatedUser")] = None,
    version: Filter = None,
    enable_error_diagnostics: Annotated[str | None, Query(alias="enableErrorDiagnostics")] = None,
    state: Filter = None,
    tags: Annotated[str | None, Query(description="key:value,key2:* (all must match)")] = None,
) -> dict[str, dict[str, Any]]:
    filters = present(
        name=name,
        description=description,
        created=created,
        updated=updated,
        createdClient=created_client,
        createdUser=created_user,
        updatedUser=updated_user,
        version=version,
        enableErrorDiagnostics=enable_error_diagnostics,
        state=state,
    )
    return catalog.list_datasets(ctx.db, caller, page, filters=filters, tags=tags)


@router.get("/dataSets/{dataset_id}", summary="Look up a dataset")
def get_dataset(
    dataset_id: str, caller: Caller, ctx: Ctx, properties: Properties = None
) -> dict[str, dict[str, Any]]:
    return {dataset_id: catalog.get_dataset(ctx.db, caller, dataset_id, properties=properties)}


@router.patch("/dataSets/{dataset_id}", summary="Update some fields of a dataset")
def patch_dataset(dataset_id: str, body: PatchBody, caller: Caller, ctx: Ctx) -> list[str]:
    catalog.patch_dataset(ctx.db, caller, dataset_id, body)
    return _ref(dataset_id)


@router.put("/dataSets/{dataset_id}", summary="Replace a dataset's fields")
def replace_dataset(dataset_id: str, body: DataSetRequest, caller: Caller, ctx: Ctx) -> list[str]:
    catalog.replace_dataset(ctx.db, caller, dataset_id, body.fields())
    return _ref(dataset_id)


@router.delete("/dataSets/{dataset_id}", summary="Delete a dataset")
def delete_dataset(dataset_id: str, caller: Caller, ctx: Ctx) -> list[str]:
    catalog.delete_dataset(ctx.db, caller, dataset_id)
    return _ref(dataset_id)
