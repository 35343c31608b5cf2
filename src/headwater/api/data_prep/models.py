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


class PreviewRequest(BaseModel):
    """Sample source records and the mapping set to run them through."""

    model_config = ConfigDict(extra="allow")

    data: list[dict[str, Any]] | None = None
    mappingSet: MappingSetRequest | None = None

    def fields(self) -> dict[str, Any]:
        return self.model_dump(exclude_unset=True)


class PreviewRecord(BaseModel):
    """One previewed record: the mapped XDM record and its errors (``null`` without any)."""

    data: dict[str, Any]
    errors: list[dict[str, Any]] | None = None


class ExpressionRequest(BaseModel):
    """An expression to validate, optionally with a sample record to type its fields."""

    model_config = ConfigDict(extra="allow")

    expression: str | None = None
    mappingSetId: str | None = None
    sampleData: Any = None
    sampleDataType: str | None = None


class ExpressionValidated(BaseModel):
    validationStatus: str
    error: str


class FunctionParam(BaseModel):
    name: str
    description: str
    type: str
    dataType: str
    position: int
    optional: bool = False


class FunctionInfo(BaseModel):
    """One function (or alias) of the expression language."""

    category: str
    function: str
    description: str
    syntax: str
    returns: str
    returnType: str
    example: str
    result: str
    params: list[FunctionParam]
    since: str


class OperatorInfo(BaseModel):
    operatorSymbol: str
    methodName: str
    numberOfOperands: int
    description: str
    example: str
