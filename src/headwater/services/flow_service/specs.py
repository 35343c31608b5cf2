"""The read-only catalogues: connection specs and flow specs."""

from __future__ import annotations

from typing import Any

from headwater import connectors
from headwater.errors import NotFound
from headwater.services.flow_service.listing import ListQuery, list_documents

SPEC_FIELDS = frozenset(
    {
        "id",
        "name",
        "providerId",
        "version",
        "type",
        "attributes",
        "authSpec",
        "sourceSpec",
        "targetSpec",
        "exploreSpec",
    }
)
FLOW_SPEC_FIELDS = frozenset(
    {
        "id",
        "name",
        "providerId",
        "version",
        "attributes",
        "sourceConnectionSpecIds",
        "targetConnectionSpecIds",
        "transformationSpecs",
        "scheduleSpec",
    }
)


def list_connection_specs(query: ListQuery) -> dict[str, Any]:
    return list_documents(
        connectors.connection_specs(), query, fields=SPEC_FIELDS, collection="connectionSpecs"
    )


def get_connection_spec(spec_id: str) -> dict[str, Any]:
    for spec in connectors.connection_specs():
        if spec["id"] == spec_id:
            return spec
    raise NotFound(
        f"Connection spec {spec_id} not found", resource_id=spec_id, resource_type="connectionSpecs"
    )


def list_flow_specs(query: ListQuery) -> dict[str, Any]:
    return list_documents(
        connectors.flow_specs(), query, fields=FLOW_SPEC_FIELDS, collection="flowSpecs"
    )


def get_flow_spec(spec_id: str) -> dict[str, Any]:
    for spec in connectors.flow_specs():
        if spec["id"] == spec_id:
            return spec
    raise NotFound(f"Flow spec {spec_id} not found", resource_id=spec_id, resource_type="flowSpecs")
