"""Routes of ``/mappingSets`` (reference §6.1)."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import Query

from headwater.api.data_prep import router
from headwater.api.data_prep.models import (
    CreatedMappingSet,
    MappingSetRequest,
    PreviewRecord,
    PreviewRequest,
)
from headwater.api.deps import Caller, Ctx
from headwater.services import data_prep

ExpandSchema = Annotated[
    bool, Query(alias="expandSchema", description="include the output schema as jsonSchema")
]


@router.post("/mappingSets", response_model=CreatedMappingSet, summary="Create a mapping set")
def create_mapping_set(
    body: MappingSetRequest,
    caller: Caller,
    ctx: Ctx,
    validate: Annotated[
        bool | None, Query(description="accepted; mappings are always checked")
    ] = None,
) -> dict[str, Any]:
    return data_prep.create_mapping_set(ctx.db, caller, body.fields())


@router.post("/mappingSets/validate", summary="Validate a mapping set")
def validate_mapping_set(body: MappingSetRequest, caller: Caller, ctx: Ctx) -> dict[str, Any]:
    return data_prep.validate_mapping_set(ctx.db, caller, body.fields())


@router.post(
    "/mappingSets/preview",
    response_model=list[PreviewRecord],
    summary="Preview sample records mapped by a mapping set",
)
def preview_mapping_set(body: PreviewRequest, caller: Caller, ctx: Ctx) -> list[dict[str, Any]]:
    return data_prep.preview_mapping_set(ctx.db, caller, body.fields())


@router.get("/mappingSets", summary="List mapping sets")
def list_mapping_sets(
    caller: Caller,
    ctx: Ctx,
    limit: Annotated[int | None, Query(description="required")] = None,
    start: Annotated[int | None, Query(description="required; 0 for the first page")] = None,
    name: Annotated[str | None, Query()] = None,
    order_by: Annotated[
        str | None, Query(alias="orderBy", description="[+|-]createdDate or updatedDate")
    ] = None,
    expand_schema: ExpandSchema = False,
    property_: Annotated[
        list[str] | None, Query(alias="property", description="e.g. status==PUBLISHED")
    ] = None,
) -> dict[str, Any]:
    query = data_prep.MappingSetQuery(
        limit=limit,
        start=start,
        name=name,
        order_by=order_by,
        expand_schema=expand_schema,
        property=property_ or [],
    )
    return data_prep.list_mapping_sets(ctx.db, caller, query)


@router.get("/mappingSets/{mapping_set_id}", summary="Retrieve a mapping set")
def get_mapping_set(
    mapping_set_id: str,
    caller: Caller,
    ctx: Ctx,
    version: Annotated[int | None, Query(description="an earlier version")] = None,
    expand_schema: ExpandSchema = False,
) -> dict[str, Any]:
    return data_prep.read_mapping_set(
        ctx.db, caller, mapping_set_id, version=version, expand_schema=expand_schema
    )


@router.put("/mappingSets/{mapping_set_id}", summary="Update a mapping set (new version)")
def replace_mapping_set(
    mapping_set_id: str, body: MappingSetRequest, caller: Caller, ctx: Ctx
) -> dict[str, Any]:
    return data_prep.replace_mapping_set(ctx.db, caller, mapping_set_id, body.fields())


@router.get("/mappingSets/{mapping_set_id}/mappings", summary="List a mapping set's mappings")
def list_mappings(mapping_set_id: str, caller: Caller, ctx: Ctx) -> list[dict[str, Any]]:
    return data_prep.list_mappings(ctx.db, caller, mapping_set_id)


@router.get("/mappingSets/{mapping_set_id}/mappings/{mapping_id}", summary="Retrieve a mapping")
def get_mapping(mapping_set_id: str, mapping_id: str, caller: Caller, ctx: Ctx) -> dict[str, Any]:
    return data_prep.get_mapping(ctx.db, caller, mapping_set_id, mapping_id)
