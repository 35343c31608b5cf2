"""Wire models of the data prep service; both mapping-set forms, unknown members kept."""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel, ConfigDict


class SchemaRef(BaseModel):
    model_config = ConfigDict(extra="allow")

    id: str | None = None
    contentType: str | None = None


class OutputSchema(BaseModel):
    model_config = ConfigDict(extra="allow")

    schemaRef: SchemaRef | None = None


class MappingRequest(BaseModel):
    """One mapping: ``sourceType``/``source``/``destination``, or the legacy
    ``sourceAttribute``/``destinationXdmPath``/``identity``."""

    model_config = ConfigDict(extra="allow")

    id: str | None = None
    sourceType: str | None = None
    source: Any = None
    destination: str | None = None
    name: str | None = None
    description: str | None = None
    sourceAttribute: str | None = None
    destinationXdmPath: str | None = None
    identity: bool | None = None
    identityGroup: Any = None
    namespaceCode: Any = None
    version: int | None = None


class MappingSetRequest(BaseModel):
    """A mapping set in the current form (``outputSchema``) or the legacy one (``xdmSchema``)."""

    model_config = ConfigDict(extra="allow")

    id: str | None = None
    name: str | None = None
    description: str | None = None
    version: int | None = None
    inputSchema: dict[str, Any] | None = None
    outputSchema: OutputSchema | None = None
    xdmSchema: str | None = None
    xdmVersion: str | float | None = None
    mappings: list[MappingRequest] | None = None

    def fields(self) -> dict[str, Any]:
        """The members the client actually sent, as plain JSON values."""
        return self.model_dump(exclude_unset=True)


class CreatedMappingSet(BaseModel):
    """The answer to a create (HTTP 200, as the platform answers)."""

    id: str
    version: int
    createdDate: int
    modifiedDate: int
    createdBy: str
    modifiedBy: str
