"""Routes of the XDM resources: schemas, field groups (and their ``mixins`` alias), data types,
classes. One set of routes per URL segment, built by ``add_resource_routes``."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Body, Depends, Request, Response

from headwater.api.deps import Caller, Ctx
from headwater.api.schema_registry.params import (
    AcceptHeader,
    listing_query,
    listing_url,
    with_links,
)
from headwater.services import schema_registry as registry
from headwater.services.schema_registry import KIND_BY_SEGMENT, ListQuery

TAGS = {
    "schemas": "Schemas",
    "fieldgroups": "Field groups",
    "mixins": "Mixins (deprecated)",
    "datatypes": "Data types",
    "classes": "Classes",
}
Query = Annotated[ListQuery, Depends(listing_query)]
Resource = Annotated[dict[str, Any], Body(description="The resource (compatibility-mode XDM)")]
Patch = Annotated[list[dict[str, Any]], Body(description="JSON Patch operations (RFC 6902)")]


def add_resource_routes(router: APIRouter, segment: str) -> None:
    """Register list, lookup, create, replace, patch and delete for ``/{container}/{segment}``."""
    _add_reads(router, segment)
    _add_writes(router, segment)


def _add_reads(router: APIRouter, segment: str) -> None:
    kind = KIND_BY_SEGMENT[segment]
    common: dict[str, Any] = {"tags": [TAGS[segment]], "deprecated": segment == "mixins"}

    def list_resources(
        request: Request,
        scope: Caller,
        ctx: Ctx,
        container: str,
        query: Query,
        accept: AcceptHeader = None,
    ) -> dict[str, Any]:
        style = registry.listing_style(accept)
        registry.check_container(container)
        if segment == "schemas":
            href = str(request.url_for("list_schemas", container="global"))
            query = with_links(query, {"global_schemas": {"href": href}})
        return registry.list_resources(
            ctx.db, scope, container, kind, query, style, base_url=listing_url(request)
        )

    def get_resource(
        scope: Caller, ctx: Ctx, container: str, resource_id: str, accept: AcceptHeader = None
    ) -> dict[str, Any]:
        fmt = registry.lookup_format(accept)
        registry.check_container(container)
        ident = registry.normalise_id(resource_id)
        return registry.get_resource(ctx.db, scope, container, kind, ident, fmt)

    base = f"/{{container}}/{segment}"
    router.add_api_route(
        base,
        list_resources,
        methods=["GET"],
        name=f"list_{segment}",
        summary=f"List {segment}",
        operation_id=f"list_{segment}",
        **common,
    )
    router.add_api_route(f"{base}/", list_resources, methods=["GET"], include_in_schema=False)
    router.add_api_route(
        f"{base}/{{resource_id:path}}",
        get_resource,
        methods=["GET"],
        summary=f"Look up one of the {segment} by $id or meta:altId",
        operation_id=f"get_{segment}",
        **common,
    )


def _add_writes(router: APIRouter, segment: str) -> None:
    kind = KIND_BY_SEGMENT[segment]
    common: dict[str, Any] = {"tags": [TAGS[segment]], "deprecated": segment == "mixins"}

    def create(scope: Caller, ctx: Ctx, body: Resource) -> dict[str, Any]:
        return registry.create_resource(ctx.db, scope, kind, body)

    def replace(scope: Caller, ctx: Ctx, resource_id: str, body: Resource) -> dict[str, Any]:
        ident = registry.normalise_id(resource_id)
        return registry.replace_resource(ctx.db, scope, kind, ident, body)

    def patch(scope: Caller, ctx: Ctx, resource_id: str, body: Patch) -> dict[str, Any]:
        ident = registry.normalise_id(resource_id)
        return registry.patch_resource(ctx.db, scope, kind, ident, body)

    def delete(scope: Caller, ctx: Ctx, resource_id: str) -> Response:
        registry.delete_resource(ctx.db, scope, kind, registry.normalise_id(resource_id))
        return Response(status_code=204)

    base = f"/tenant/{segment}"
    one = f"{base}/{{resource_id:path}}"
    router.add_api_route(
        base,
        create,
        methods=["POST"],
        status_code=201,
        summary=f"Create one of the {segment}",
        operation_id=f"create_{segment}",
        **common,
    )
    router.add_api_route(
        f"{base}/", create, methods=["POST"], status_code=201, include_in_schema=False
    )
    router.add_api_route(
        one,
        replace,
        methods=["PUT"],
        operation_id=f"replace_{segment}",
        summary=f"Replace one of the {segment} (minor version bump)",
        **common,
    )
    router.add_api_route(
        one,
        patch,
        methods=["PATCH"],
        operation_id=f"patch_{segment}",
        summary=f"Patch one of the {segment} (JSON Patch)",
        **common,
    )
    router.add_api_route(
        one,
        delete,
        methods=["DELETE"],
        status_code=204,
        operation_id=f"delete_{segment}",
        response_class=Response,
        summary=f"Delete one of the {segment}",
        **common,
    )


router = APIRouter()
for _segment in KIND_BY_SEGMENT:
    add_resource_routes(router, _segment)
