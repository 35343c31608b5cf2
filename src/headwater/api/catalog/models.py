"""Wire models of the catalog service (the OpenAPI it generates); bodies keep unknown members."""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel, ConfigDict


class SchemaRef(BaseModel):
    model_config = ConfigDict(extra="allow")

    id: str
    contentType: str | None = None


class FileDescription(BaseModel):
    model_config = ConfigDict(extra="allow")

    format: str | None = None
    delimiters: list[str] | None = None
    quotes: list[str] | None = None
    escapes: list[str] | None = None
    nullMarkers: list[str] | None = None
    header: bool | None = None
    charset: str | None = None


class DataSetRequest(BaseModel):
    """``dataSetRequest``: what a client sends to create or replace a dataset."""

    model_config = ConfigDict(extra="allow")

    name: str | None = None
    description: str | None = None
    schemaRef: SchemaRef | None = None
    tags: dict[str, list[str]] | None = None
    enableErrorDiagnostics: bool | None = None
    fileDescription: FileDescription | None = None
    observableSchema: dict[str, Any] | None = None
    dataSourceId: int | None = None

    def fields(self) -> dict[str, Any]:
        """The members the client actually sent, as plain JSON values."""
        return self.model_dump(exclude_unset=True)


class PatchOperation(BaseModel):
    model_config = ConfigDict(extra="allow")

    op: str
    path: str
    value: Any = None
