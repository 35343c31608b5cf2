"""Wire models of the Data Access service (its OpenAPI ``files``, ``dataSetFiles``, ``preview``).

Sizes, counts and times are strings, as the platform's specification types them.
"""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel, ConfigDict, Field


class Href(BaseModel):
    href: str


class SelfLink(BaseModel):
    model_config = ConfigDict(populate_by_name=True)

    self_: Href = Field(alias="self")


class PageInfo(BaseModel):
    limit: int
    count: int


class FileItem(BaseModel):
    """A file of a listing; ``_links.self.href`` downloads it."""

    model_config = ConfigDict(populate_by_name=True)

    name: str
    length: str = Field(description="Size in bytes")
    links: SelfLink = Field(alias="_links")


class FileList(BaseModel):
    model_config = ConfigDict(populate_by_name=True)

    data: list[FileItem]
    page: PageInfo = Field(alias="_page")
    links: dict[str, Href] = Field(alias="_links", description="``next`` when more remain")


class DataSetFile(BaseModel):
    """A batch's dataset file; its id is the batch id."""

    model_config = ConfigDict(populate_by_name=True)

    dataSetFileId: str
    dataSetViewId: str
    version: str
    created: str = Field(description="Epoch milliseconds")
    updated: str = Field(description="Epoch milliseconds")
    records: str
    size: str = Field(description="Size in bytes")
    isValid: bool
    links: SelfLink = Field(alias="_links")


class DataSetFileList(BaseModel):
    model_config = ConfigDict(populate_by_name=True)

    data: list[DataSetFile]
    page: PageInfo = Field(alias="_page")
    links: dict[str, Href] = Field(alias="_links")


class DatasetPreview(BaseModel):
    data: list[dict[str, Any]] = Field(description="Up to 100 rows as nested objects")
