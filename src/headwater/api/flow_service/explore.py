"""Explore routes: ``GET /connectionSpecs/{id}/explore`` (the Data Landing Zone), and the wire
models and query parameters that ``/connections/{id}/explore`` shares.

Listings answer the platform's bare JSON array of items. A folder larger than a page
(``limit``, default 1000, at most 10000) is paged with an opaque ``continuationToken``: the
response then carries a ``Link: </data/foundation/flowservice/…?…&continuationToken=…>;
rel="next"`` header (the platform's array leaves no room for ``_links``), absent on the last
page.
"""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import Depends, Query, Request, Response
from pydantic import BaseModel, ConfigDict, Field

from headwater.api.deps import Caller, Ctx
from headwater.api.flow_service import router
from headwater.services import explore as explore_service
from headwater.services import landing_zone


class ExploreItem(BaseModel):
    type: str = Field(description="file | folder")
    name: str
    path: str = Field(description="Folders end with '/'", examples=["dlz-user-container/a.csv"])
    canPreview: bool
    canFetchSchema: bool


class PreviewColumn(BaseModel):
    name: str
    type: str
    xdm: dict[str, str]


class PreviewSchema(BaseModel):
    columns: list[PreviewColumn]


class DetectedProperties(BaseModel):
    fileType: str
    compressionType: str | None
    columnDelimiter: str | None


class FilePreview(BaseModel):
    model_config = ConfigDict(populate_by_name=True)

    format: str = Field(examples=["flat"])
    file_schema: PreviewSchema = Field(alias="schema")
    data: list[dict[str, Any]] | None = Field(None, description="With preview=true")
    properties: DetectedProperties | None = Field(None, description="With determineProperties")


def explore_query(
    object_type: str = Query(alias="objectType", description="root | folder | file"),
    path: str | None = Query(None, alias="object", description="A folder's or file's path"),
    file_type: str | None = Query(None, alias="fileType", description="delimited | json | parquet"),
    preview: bool = Query(False, description="Include the first 100 rows"),
    column_delimiter: str | None = Query(None, alias="columnDelimiter"),
    compression_type: str | None = Query(None, alias="compressionType"),
    encoding: str | None = Query(None, description="UTF-8 | ISO-8859-1"),
    determine_properties: bool = Query(False, alias="determineProperties"),
    limit: int | None = Query(
        None,
        description=f"Items per listing page (default {explore_service.DEFAULT_LIMIT}, at most "
        f"{explore_service.MAX_LIMIT})",
    ),
    continuation_token: str | None = Query(
        None, alias="continuationToken", description="The next page, from the Link header"
    ),
) -> explore_service.ExploreQuery:
    return explore_service.ExploreQuery(
        object_type=object_type,
        object=path,
        file_type=file_type,
        preview=preview,
        column_delimiter=column_delimiter,
        compression_type=compression_type,
        encoding=encoding,
        determine_properties=determine_properties,
        limit=limit,
        continuation_token=continuation_token,
    )


ExploreParams = Annotated[explore_service.ExploreQuery, Depends(explore_query)]
EXPLORE_RESPONSE: dict[str, Any] = {
    "response_model": list[ExploreItem] | FilePreview,
    "response_model_exclude_unset": True,
    "responses": {
        200: {
            "headers": {
                "Link": {
                    "description": 'The next page of a listing: <URL>; rel="next"',
                    "schema": {"type": "string"},
                }
            }
        }
    },
}


def explore_answer(
    found: explore_service.FolderPage | dict[str, Any], request: Request, response: Response
) -> list[ExploreItem] | FilePreview:
    """The response body of an explore call, with a ``Link`` header to the next page."""
    if isinstance(found, dict):
        return FilePreview.model_validate(found)
    if found.next_token is not None:
        # Relative, as the Flow Service's _links: the host a client used may not be ours.
        url = request.url.include_query_params(continuationToken=found.next_token)
        response.headers["Link"] = f'<{url.path}?{url.query}>; rel="next"'
    return [ExploreItem(**item) for item in found.items]


@router.get("/connectionSpecs/{spec_id}/explore", **EXPLORE_RESPONSE)
def explore_connection_spec(
    ctx: Ctx,
    scope: Caller,
    spec_id: str,
    query: ExploreParams,
    request: Request,
    response: Response,
) -> Any:
    """Explore the Data Landing Zone (spec ``26f526f2-58f4-4712-961d-e41bf1ccc0e8``).

    ``objectType=root`` or ``folder`` (with ``object``) list files and folders, a page at a time
    (``limit``, ``continuationToken``; see the ``Link`` header); ``file`` gives a file's
    columns, with ``preview=true`` its first rows, and with ``determineProperties=true`` its
    detected ``fileType``, ``compressionType`` and ``columnDelimiter`` (not combinable with
    explicit ones, ``1374``). Other specs answer ``1336`` (explore their base connections).
    """
    found = landing_zone.explore(ctx.settings, scope, spec_id, query)
    return explore_answer(found, request, response)
