"""Wire models of the data prep service; both mapping-set forms, unknown members kept."""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel, ConfigDict


class SchemaRef(BaseModel):
    model_config = ConfigDict(extra="allow")

    id: str | None = None
    contentType: str | None = None  # noqa: N815 - the platform's member name


class OutputSchema(BaseModel):
    model_config = ConfigDict(extra="allow")

    schemaRef: SchemaRef | None = None  # noqa: N815


class MappingRequest(BaseModel):
    """One mapping: ``sourceType``/``source``/``destination``, or the legacy
    ``sourceAttribute``/``destinationXdmPath``/``identity``."""

    model_config = ConfigDict(extra="allow")

    id: str | None = None
    sourceType: str | None = None  # noqa: N815
    source: Any = None
    destination: str | None = None
    name: str | None = None
    description: str | None = None
    sourceAttribute: str | None = None  # noqa: N815
    destinationXdmPath: str | None = None  # noqa: N815
    identity: bool | None = None
    identityGroup: Any = None  # noqa: N815
    namespaceCode: Any = None  # noqa: N815
    version: int | None = None


class MappingSetRequest(BaseModel):
    """A mapping set in the current form (``outputSchema``) or the legacy one (``xdmSchema``)."""

    model_config = ConfigDict(extra="allow")

    id: str | None = None
    name: str | None = None
    description: str | None = None
    version: int | None = None
    inputSchema: dict[str, Any] | None = None  # noqa: N815
    outputSchema: OutputSchema | None = None  # noqa: N815
    xdmSchema: str | None = None  # noqa: N815
    xdmVersion: str | float | None = None  # noqa: N815
    mappings: list[MappingRequest] | None = None

    def fields(self) -> dict[str, Any]:
        """The members the client actually sent, as plain JSON values."""
        return self.model_dump(exclude_unset=True)


class CreatedMappingSet(BaseModel):
    """The answer to a create (HTTP 200, as the platform answers)."""

    id: str
    version: int
    createdDate: int  # noqa: N815
    modifiedDate: int  # noqa: N815
    createdBy: str  # noqa: N815
    modifiedBy: str  # noqa: N815
