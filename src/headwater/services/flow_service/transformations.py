"""A flow's ``transformations``: its Mapping must exist and map to the target's schema."""

from __future__ import annotations

from typing import Any

from sqlalchemy.orm import Session

from headwater.errors import BadRequest
from headwater.services import data_prep
from headwater.services.flow_service import references
from headwater.store import Scope, ScopedRecord

XDM_READY_FORMATS = frozenset({"parquet_xdm"})


def check_transformations(
    session: Session,
    scope: Scope,
    transformations: Any,
    sources: list[ScopedRecord],
    targets: list[ScopedRecord],
) -> list[dict[str, Any]]:
    """The normalised transformations; raises the platform's 1370/1412/1425 errors."""
    if transformations is None:
        transformations = []
    if not isinstance(transformations, list) or not all(
        isinstance(t, dict) for t in transformations
    ):
        raise BadRequest("transformations must be a list of {name, params}", code="1304")
    mappings = [t for t in transformations if str(t.get("name", "")).lower() == "mapping"]
    if not mappings and not all(_xdm_ready(s) for s in sources):
        raise BadRequest("A Mapping transformation is required for this source format", code="1370")
    for mapping in mappings:
        _check_mapping(session, scope, mapping.get("params") or {}, targets)
    return transformations


def _xdm_ready(source: ScopedRecord) -> bool:
    fmt = str(source.body.get("data", {}).get("format", "")).lower()
    # Streaming sources carry XDM or raw JSON that the platform maps on its own terms.
    return (
        fmt in XDM_READY_FORMATS or source.body.get("connectionSpec", {}).get("id") in _streaming()
    )


def _streaming() -> frozenset[str]:
    from headwater import connectors

    return frozenset(s.id for s in connectors.all_specs() if s.is_streaming)


def _check_mapping(
    session: Session, scope: Scope, params: dict[str, Any], targets: list[ScopedRecord]
) -> None:
    mapping_id = params.get("mappingId")
    if not mapping_id:
        raise BadRequest("Mapping transformation needs params.mappingId", code="1304")
    version = _version(params.get("mappingVersion"))
    mapping = data_prep.get_mapping_set(session, scope, str(mapping_id), version)
    if mapping is None:
        raise BadRequest(f"Mapping set {mapping_id} version {version} not found", code="1412")
    schema_id = mapping.get("xdmSchema")
    for target in targets:
        dataset_id = target.body.get("params", {}).get("dataSetId")
        dataset = references.dataset(session, scope, str(dataset_id))
        if schema_id and dataset.schema_id and schema_id != dataset.schema_id:
            raise BadRequest(
                f"Mapping schema {schema_id} is not the target dataset's schema "
                f"{dataset.schema_id}",
                code="1425",
            )


def _version(value: Any) -> int | None:
    if value is None or value == "":
        return None
    try:
        return int(str(value))
    except ValueError:
        raise BadRequest(f"Invalid mappingVersion {value!r}", code="1412") from None
