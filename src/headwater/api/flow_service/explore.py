"""``GET /connectionSpecs/{id}/explore``: browsing and previewing the Data Landing Zone."""

from __future__ import annotations

from typing import Any

from fastapi import Query
from pydantic import BaseModel, ConfigDict, Field

from headwater.api.deps import Caller, Ctx
from headwater.api.flow_service import router
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


@router.get(
    "/connectionSpecs/{spec_id}/explore",
    response_model=list[ExploreItem] | FilePreview,
    response_model_exclude_unset=True,
)
def explore_connection_spec(
    ctx: Ctx,
    scope: Caller,
    spec_id: str,
    object_type: str = Query(alias="objectType", description="root | folder | file"),
    path: str | None = Query(None, alias="object", description="A folder's or file's path"),
    file_type: str | None = Query(None, alias="fileType", description="delimited | json | parquet"),
    preview: bool = Query(False, description="Include the first 100 rows"),
    column_delimiter: str | None = Query(None, alias="columnDelimiter"),
    compression_type: str | None = Query(None, alias="compressionType"),
    encoding: str | None = Query(None, description="UTF-8 | ISO-8859-1"),
    determine_properties: bool = Query(False, alias="determineProperties"),
) -> Any:
    """Explore the Data Landing Zone (spec ``26f526f2-58f4-4712-961d-e41bf1ccc0e8``).

    ``objectType=root`` or ``folder`` (with ``object``) list files and folders; ``file`` gives a
    file's columns, with ``preview=true`` its first rows, and with ``determineProperties=true``
    its detected ``fileType``, ``compressionType`` and ``columnDelimiter`` (not combinable with
    explicit ones, ``1374``). Other specs answer ``1336`` (explore needs a base connection).
    """
    query = landing_zone.ExploreQuery(
        object_type=object_type,
        object=path,
        file_type=file_type,
        preview=preview,
        column_delimiter=column_delimiter,
        compression_type=compression_type,
        encoding=encoding,
        determine_properties=determine_properties,
    )
    found = landing_zone.explore(ctx.settings, scope, spec_id, query)
    if isinstance(found, list):
        return [ExploreItem(**item) for item in found]
    return FilePreview.model_validate(found)
