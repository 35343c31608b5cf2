"""Wire models of the catalog service (the OpenAPI it generates); bodies keep unknown members."""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel, ConfigDict


class SchemaRef(BaseModel):
    model_config = ConfigDict(extra="allow")

    id: str
    contentType: str | None = None  # noqa: N815 - the platform's member name


class FileDescription(BaseModel):
    model_config = ConfigDict(extra="allow")

    format: str | None = None
    delimiters: list[str] | None = None
    quotes: list[str] | None = None
    escapes: list[str] | None = None
    nullMarkers: list[str] | None = None  # noqa: N815
    header: bool | None = None
    charset: str | None = None


class DataSetRequest(BaseModel):
    """``dataSetRequest``: what a client sends to create or replace a dataset."""

    model_config = ConfigDict(extra="allow")

    name: str | None = None
    description: str | None = None
    schemaRef: SchemaRef | None = None  # noqa: N815
    tags: dict[str, list[str]] | None = None
    enableErrorDiagnostics: bool | None = None  # noqa: N815
    fileDescription: FileDescription | None = None  # noqa: N815
    observableSchema: dict[str, Any] | None = None  # noqa: N815
    dataSourceId: int | None = None  # noqa: N815

    def fields(self) -> dict[str, Any]:
        """The members the client actually sent, as plain JSON values."""
        return self.model_dump(exclude_unset=True)


class PatchOperation(BaseModel):
    model_config = ConfigDict(extra="allow")

    op: str
    path: str
    value: Any = None
