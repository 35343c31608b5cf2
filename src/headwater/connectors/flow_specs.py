"""Flow specs (``/flowSpecs``): which sources may flow to which targets, and their parameters.

The source spec ids are derived from the connector registry: every file-based source is a source
of ``CloudStorageToAEP``, every streaming source one of the streaming flow spec.
"""

from __future__ import annotations

from typing import Any

from headwater.connectors.catalogue import DRAFT_07
from headwater.connectors.registry import all_specs
from headwater.connectors.schedule import validate_options, validate_schedule
from headwater.connectors.spec import (
    CLOUD_STORAGE_PROVIDER_ID,
    DATA_LAKE_SPEC_ID,
    STREAMING_PROVIDER_ID,
)
from headwater.errors import NotFound

__all__ = [
    "CLOUD_STORAGE_FLOW_SPEC_ID",
    "STREAMING_FLOW_SPEC_ID",
    "find_flow_spec",
    "flow_specs",
    "get_flow_spec",
    "validate_options",
    "validate_schedule",
]

CLOUD_STORAGE_FLOW_SPEC_ID = "9753525b-82c7-4dce-8a9b-5ccfce2b9876"
STREAMING_FLOW_SPEC_ID = "d69717ba-71b4-4313-b654-49f9cf126d7a"


def _permissions(name: str) -> dict[str, Any]:
    return {
        "view": [{"@type": "lowLevel", "name": name, "permissions": ["read"]}],
        "manage": [{"@type": "lowLevel", "name": name, "permissions": ["write"]}],
    }


def _mapping_spec() -> list[dict[str, Any]]:
    return [
        {
            "name": "Mapping",
            "spec": {
                "$schema": DRAFT_07,
                "type": "object",
                "description": "defines various params required for different mapping from "
                "source to target",
                "properties": {
                    "mappingId": {"type": "string"},
                    "mappingVersion": {"type": "string"},
                },
            },
        }
    ]


def _schedule_spec() -> dict[str, Any]:
    # The top level is the platform's documented shape (minute interval ≥ 15, others ≥ 1);
    # the rules of ``once`` (no interval, no backfill; else an interval) sit in ``allOf``.
    once_rules = {
        "if": {"properties": {"frequency": {"const": "once"}}},
        "then": {
            "allOf": [{"not": {"required": ["interval"]}}, {"not": {"required": ["backfill"]}}]
        },
        "else": {"required": ["interval"]},
    }
    spec = {
        "$schema": DRAFT_07,
        "type": "object",
        "properties": {
            "startTime": {"description": "epoch time", "type": "integer"},
            "endTime": {"description": "epoch time", "type": "integer"},
            "interval": {"type": "integer"},
            "frequency": {"type": "string", "enum": ["once", "minute", "hour", "day", "week"]},
            "backfill": {"type": "boolean", "default": True},
        },
        "required": ["startTime", "frequency"],
        "if": {"properties": {"frequency": {"const": "minute"}}},
        "then": {"properties": {"interval": {"minimum": 15}}},
        "else": {"properties": {"interval": {"minimum": 1}}},
        "allOf": [once_rules],
    }
    return {"name": "PeriodicSchedule", "type": "Periodic", "spec": spec}


def _option_spec() -> dict[str, Any]:
    properties = {
        "errorDiagnosticsEnabled": {
            "title": "Error diagnostics.",
            "description": "Flag to enable detailed and sample error diagnostics summary.",
            "type": "boolean",
            "default": False,
        },
        "partialIngestionPercent": {
            "title": "Partial ingestion threshold.",
            "description": "Percentage which defines the threshold of errors allowed before "
            "the run is marked as failed.",
            "type": "number",
            "exclusiveMinimum": 0,
            "maximum": 100,
        },
    }
    return {
        "name": "OptionSpec",
        "spec": {"$schema": DRAFT_07, "type": "object", "properties": properties},
    }


def _run_spec() -> dict[str, Any]:
    def epoch(description: str) -> dict[str, Any]:
        return {"type": "integer", "description": description + " (unix epoch seconds)."}

    properties = {
        "startTime": epoch("Start time of the run"),
        "windowStartTime": epoch("Start of the window of data to pull"),
        "windowEndTime": epoch("End of the window of data to pull"),
    }
    spec = {
        "$schema": DRAFT_07,
        "type": "object",
        "description": "defines various params required for creating flow run for this spec",
        "properties": properties,
        "required": list(properties),
    }
    return {"name": "ProviderParams", "type": "ProviderParams", "spec": spec}


def _cloud_storage_to_aep() -> dict[str, Any]:
    return {
        "id": CLOUD_STORAGE_FLOW_SPEC_ID,
        "name": "CloudStorageToAEP",
        "providerId": CLOUD_STORAGE_PROVIDER_ID,
        "version": "1.0",
        "attributes": {
            "isSourceFlow": True,
            "flacValidationSupported": True,
            "frequency": "batch",
            "notification": {"category": "sources", "flowRun": {"enabled": True}},
        },
        "sourceConnectionSpecIds": [s.id for s in all_specs() if s.is_file_source],
        "targetConnectionSpecIds": [DATA_LAKE_SPEC_ID],
        "optionSpec": _option_spec(),
        "transformationSpecs": _mapping_spec(),
        "scheduleSpec": _schedule_spec(),
        "runSpec": _run_spec(),
        "permissionsInfo": _permissions("EnterpriseSource"),
    }


def _streaming() -> dict[str, Any]:
    return {
        "id": STREAMING_FLOW_SPEC_ID,
        "name": "Stream data with optional transformation",
        "providerId": STREAMING_PROVIDER_ID,
        "version": "1.0",
        "attributes": {
            "isSourceFlow": True,
            "frequency": "streaming",
            "uiAttributes": {"apiFeatures": {"flowRunsSupported": False}},
        },
        "sourceConnectionSpecIds": [s.id for s in all_specs() if s.is_source and s.is_streaming],
        "targetConnectionSpecIds": [DATA_LAKE_SPEC_ID],
        "transformationSpecs": _mapping_spec(),
        "permissionsInfo": _permissions("StreamingSource"),
    }


def flow_specs() -> list[dict[str, Any]]:
    """Every flow spec (``FlowSpecItemDTO``), as fresh dicts the caller may modify."""
    return [_cloud_storage_to_aep(), _streaming()]


def find_flow_spec(flow_spec_id: str) -> dict[str, Any] | None:
    """The flow spec with this id (case-insensitive), or None."""
    wanted = flow_spec_id.strip().lower()
    return next((spec for spec in flow_specs() if spec["id"] == wanted), None)


def get_flow_spec(flow_spec_id: str) -> dict[str, Any]:
    """The flow spec with this id.

    Raises:
        NotFound: code 1413 (invalid spec id) when there is no such flow spec.
    """
    spec = find_flow_spec(flow_spec_id)
    if spec is None:
        raise NotFound(
            f"Flow spec '{flow_spec_id}' does not exist.",
            code="1413",
            resource_type="flowSpecs",
            resource_id=flow_spec_id,
        )
    return spec
