"""Wire models of the Flow Service (documentation and first-line type checks).

They accept extra members: the platform's bodies carry many optional fields, and the services
validate meaning. Version fields accept strings or numbers because the tutorials send both.
"""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel, ConfigDict, Field


class _Open(BaseModel):
    model_config = ConfigDict(extra="allow")


class SpecRef(_Open):
    id: str
    version: str | int | float | None = None


class Auth(_Open):
    specName: str | None = None
    params: dict[str, Any] = Field(default_factory=dict)


class ConnectionCreate(_Open):
    name: str | None = None
    description: str | None = None
    auth: Auth | None = None
    connectionSpec: SpecRef


class SourceConnectionCreate(_Open):
    name: str
    description: str | None = None
    baseConnectionId: str | None = None
    connectionSpec: SpecRef
    data: dict[str, Any] = Field(default_factory=dict)
    params: dict[str, Any] = Field(default_factory=dict)


class TargetConnectionCreate(_Open):
    name: str | None = None
    description: str | None = None
    baseConnectionId: str | None = None
    connectionSpec: SpecRef
    data: dict[str, Any] = Field(default_factory=dict)
    params: dict[str, Any] = Field(default_factory=dict)


class Transformation(_Open):
    name: str
    params: dict[str, Any] = Field(default_factory=dict)


class FlowCreate(_Open):
    name: str
    description: str | None = None
    flowSpec: SpecRef
    sourceConnectionIds: list[str]
    targetConnectionIds: list[str]
    transformations: list[Transformation] | None = None
    scheduleParams: dict[str, Any] | None = None
    options: dict[str, Any] | None = None


class RunCreate(_Open):
    flowId: str
    params: dict[str, Any] = Field(default_factory=dict)


class PatchOperation(_Open):
    op: str
    path: str
    value: Any = None
    from_: str | None = Field(default=None, alias="from")


class Created(BaseModel):
    id: str
    etag: str


class Items(BaseModel):
    """``{items, _links}``, or ``{count}`` when ``count=true``."""

    model_config = ConfigDict(extra="allow")

    items: list[dict[str, Any]] | None = None
    count: int | None = None
    links: dict[str, Any] | None = Field(default=None, alias="_links")


def body_of(model: BaseModel) -> dict[str, Any]:
    """The request body as the client sent it (only the members it set)."""
    return model.model_dump(mode="json", by_alias=True, exclude_unset=True)
