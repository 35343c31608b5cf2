"""Shared types of the connector catalogue: spec records, parameter model bases, field helpers.

A connector module (``s3.py``, ``sftp.py``, ...) declares pydantic models for its ``auth.params``
(one per auth spec) and for its source connection ``params``, and one :class:`ConnectorSpec`
named ``SPEC``. Field names are snake_case in Python and camelCase on the wire (the platform's
exact parameter names), through the ``to_camel`` alias generator.
"""

from __future__ import annotations

import builtins
from dataclasses import dataclass
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator
from pydantic.alias_generators import to_camel

CLOUD_STORAGE_PROVIDER_ID = "0ed90a81-07f4-4586-8190-b40eccef1c5a"
STREAMING_PROVIDER_ID = "521eee4d-8cbe-4906-bb48-fb6bd4450033"
DATA_LAKE_SPEC_ID = "c604ff05-7f1a-43c0-8e18-33bf874cb11c"

FILE_FORMATS: tuple[str, ...] = ("delimited", "json", "parquet", "parquet_xdm")
STREAM_FORMATS: tuple[str, ...] = ("json",)
TARGET_FORMATS: tuple[str, ...] = ("parquet_xdm", "tabular", "parquet", "json", "delimited")

Category = Literal["CloudStorage", "Streaming", "Database"]


class AuthParams(BaseModel):
    """Base of every ``auth.params`` model: unknown parameters are rejected."""

    model_config = ConfigDict(
        alias_generator=to_camel, extra="forbid", coerce_numbers_to_str=True, frozen=True
    )


class SourceParams(BaseModel):
    """Base of every source connection ``params`` model: other parameters are kept as given."""

    model_config = ConfigDict(alias_generator=to_camel, extra="allow", coerce_numbers_to_str=True)


def _lowercase(value: Any) -> Any:
    return value.strip().lower() if isinstance(value, str) else value


def param(description: str, *, default: Any = ..., **constraints: Any) -> Any:
    """A documented parameter; required (and non-empty) unless a default is given."""
    if default is ... and "min_length" not in constraints:
        constraints["min_length"] = 1
    return Field(default, description=description, **constraints)


def secret(description: str, *, default: Any = ..., **constraints: Any) -> Any:
    """A parameter holding a secret: ``"format": "password"`` in the schema, masked on read."""
    if default is ... and "min_length" not in constraints:
        constraints["min_length"] = 1
    return Field(
        default, description=description, json_schema_extra={"format": "password"}, **constraints
    )


def port_param(default: int, description: str) -> Any:
    """A TCP port parameter with a default (strings such as ``"22"`` are accepted)."""
    return Field(default, description=description, ge=1, le=65535)


class FileSourceParams(SourceParams):
    """Defines params required when this connection is used as a source in a flow."""

    path: str = param(
        "The input path for copying files: a folder path, a file path or a wildcard pattern "
        "(e.g. /acme/summerCampaign/*.csv)."
    )
    type: Literal["file", "folder"] | None = param(
        "Whether path names a single file or a folder.", default=None
    )
    recursive: bool = param(
        "Read all sub-folders of a folder or wildcard path. The default value is false.",
        default=False,
    )

    _type_case = field_validator("type", mode="before")(_lowercase)


class StreamSourceParams(SourceParams):
    """Common params of streaming source connections."""

    data_type: Literal["raw", "xdm"] | None = param(
        "Type of the ingested records: raw JSON or XDM-compliant JSON. Default raw.", default=None
    )
    reset: Literal["latest", "earliest"] | None = param(
        "Where to start reading: the latest records or the earliest available. Default earliest.",
        default=None,
    )

    _enum_case = field_validator("data_type", "reset", mode="before")(_lowercase)


@dataclass(frozen=True)
class AuthSpec:
    """One way to authenticate against a storage system (``authSpec[]`` of a connection spec)."""

    name: str
    type: str
    model: builtins.type[AuthParams]


@dataclass(frozen=True)
class ConnectorSpec:
    """A connection spec of the catalogue: identity, auth modes, params and accepted formats."""

    id: str
    name: str
    label: str
    category: Category
    provider_id: str
    auth_specs: tuple[AuthSpec, ...]
    source_params: type[SourceParams] | None
    is_source: bool = True
    is_target: bool = False
    is_streaming: bool = False
    needs_base_connection: bool = True
    formats: tuple[str, ...] = FILE_FORMATS
    icon: str = ""
    target_params: type[SourceParams] | None = None

    @property
    def is_file_source(self) -> bool:
        """True for batch sources that read files (the CloudStorageToAEP flow's sources)."""
        return self.is_source and not self.is_streaming
