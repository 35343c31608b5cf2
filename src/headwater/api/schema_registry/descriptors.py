"""Routes of descriptors (reference §3.6); lookups need no Accept header."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Body, Depends, Response

from headwater.api.deps import Caller, Ctx
from headwater.api.schema_registry.params import AcceptHeader, listing_query
from headwater.services import schema_registry as registry
from headwater.services.schema_registry import ListQuery

router = APIRouter(tags=["Descriptors"])
Query = Annotated[ListQuery, Depends(listing_query)]
DescriptorBody = Annotated[dict[str, Any], Body(description="A descriptor (@type, xdm:...)")]


@router.get(
    "/{container}/descriptors",
    operation_id="listDescriptors",
    summary="List descriptors, grouped by @type (or paged with the -v2 Accept forms)",
)
def list_descriptors(
    scope: Caller, ctx: Ctx, container: str, query: Query, accept: AcceptHeader = None
) -> dict[str, Any]:
    fmt = registry.descriptor_format(accept)
    registry.check_container(container)
    return registry.list_descriptors(
        ctx.db,
        scope,
        container,
        fmt,
        properties=query.properties,
        start=query.start,
        limit=query.limit,
    )


router.add_api_route(
    "/{container}/descriptors/", list_descriptors, methods=["GET"], include_in_schema=False
)


@router.get(
    "/{container}/descriptors/{descriptor_id}",
    operation_id="getDescriptor",
    summary="Look up a descriptor by @id",
)
def get_descriptor(scope: Caller, ctx: Ctx, container: str, descriptor_id: str) -> dict[str, Any]:
    registry.check_container(container)
    return registry.get_descriptor(ctx.db, scope, descriptor_id)


@router.post(
    "/tenant/descriptors",
    status_code=201,
    operation_id="createDescriptor",
    summary="Create a descriptor",
)
def create_descriptor(scope: Caller, ctx: Ctx, body: DescriptorBody) -> dict[str, Any]:
    return registry.create_descriptor(ctx.db, scope, body)


router.add_api_route(
    "/tenant/descriptors/",
    create_descriptor,
    methods=["POST"],
    status_code=201,
    include_in_schema=False,
)


@router.put(
    "/tenant/descriptors/{descriptor_id}",
    status_code=201,
    operation_id="replaceDescriptor",
    summary="Replace a descriptor (answers 201)",
)
def replace_descriptor(
    scope: Caller, ctx: Ctx, descriptor_id: str, body: DescriptorBody
) -> dict[str, Any]:
    return registry.replace_descriptor(ctx.db, scope, descriptor_id, body)


@router.delete(
    "/tenant/descriptors/{descriptor_id}",
    status_code=204,
    operation_id="deleteDescriptor",
    summary="Delete a descriptor",
    response_class=Response,
)
def delete_descriptor(scope: Caller, ctx: Ctx, descriptor_id: str) -> Response:
    registry.delete_descriptor(ctx.db, scope, descriptor_id)
    return Response(status_code=204)
