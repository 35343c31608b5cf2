"""Turning a flow's metadata into a plain ``RunPlan`` for the engine."""

from __future__ import annotations

from typing import Any

from cryptography.fernet import Fernet
from sqlalchemy.orm import Session

from headwater import lake, xdm
from headwater.connectors import FileVersion
from headwater.engine import RunPlan, SourcePlan, TargetPlan
from headwater.errors import BadRequest
from headwater.services import data_prep
from headwater.services.flow_service.references import find_schema
from headwater.services.flow_service.secrets import decrypt_params
from headwater.services.schema_registry.repository import tenant_lookup
from headwater.settings import Settings
from headwater.store import (
    Connection,
    Dataset,
    Flow,
    Scope,
    SourceConnection,
    TargetConnection,
    get,
)


def source_plan(
    session: Session, scope: Scope, settings: Settings, fernet: Fernet, flow: Flow
) -> SourcePlan:
    source = _require(
        get(session, SourceConnection, scope, flow.body["sourceConnectionIds"][0]),
        "source connection",
    )
    auth: dict[str, Any] = {}
    if source.base_connection_id:
        base = _require(get(session, Connection, scope, source.base_connection_id), "connection")
        auth = decrypt_params(fernet, base.auth_ciphertext)
    params = source.body.get("params", {})
    return SourcePlan(
        spec_id=source.body["connectionSpec"]["id"],
        auth_params=auth,
        path=str(params.get("path", "")),
        recursive=bool(params.get("recursive", False)),
        data=dict(source.body.get("data", {})),
        landing_zone_root=str(
            settings.landing_zone_dir / scope.org_id / scope.sandbox_id / "dlz-user-container"
        ),
    )


def run_plan(
    session: Session,
    scope: Scope,
    settings: Settings,
    fernet: Fernet,
    flow: Flow,
    *,
    run_id: str,
    batch_id: str,
    files: tuple[FileVersion, ...],
) -> RunPlan:
    """Everything the engine needs for one run of ``flow`` over ``files``."""
    target = _require(
        get(session, TargetConnection, scope, flow.body["targetConnectionIds"][0]),
        "target connection",
    )
    dataset = _require(get(session, Dataset, scope, target.body["params"]["dataSetId"]), "dataset")
    options = flow.body.get("options") or {}
    percent = options.get("partialIngestionPercent")
    return RunPlan(
        run_id=run_id,
        flow_id=flow.id,
        batch_id=batch_id,
        source=source_plan(session, scope, settings, fernet, flow),
        target=TargetPlan(
            dataset_id=dataset.id,
            table_uri=lake.table_uri(
                lake.LakeConfig(settings.resolved_lake_uri),
                scope.org_id,
                scope.sandbox_id,
                dataset.id,
            ),
            resolved_schema=_resolved_schema(session, scope, dataset),
            storage_options=settings.lake_storage_options or None,
        ),
        mapping=_mapping(session, scope, flow),
        files=files,
        work_dir=str(settings.runs_dir / batch_id),
        partial_ingestion_percent=float(percent) if percent is not None else None,
        error_diagnostics=bool(options.get("errorDiagnosticsEnabled", percent is not None)),
    )


def _resolved_schema(session: Session, scope: Scope, dataset: Dataset) -> dict[str, Any]:
    schema = find_schema(session, scope, dataset.schema_id or "")
    if schema is None:
        raise BadRequest(f"The schema of dataset {dataset.id} no longer exists")
    return xdm.resolve(schema.body, tenant_lookup(session, scope))


def _mapping(session: Session, scope: Scope, flow: Flow) -> dict[str, Any] | None:
    for transformation in flow.body.get("transformations") or []:
        if str(transformation.get("name", "")).lower() == "mapping":
            params = transformation.get("params") or {}
            version = params.get("mappingVersion")
            found = data_prep.get_mapping_set(
                session,
                scope,
                str(params["mappingId"]),
                int(version) if version not in (None, "") else None,
            )
            if found is None:
                raise BadRequest(f"Mapping set {params['mappingId']} no longer exists")
            return found
    return None


def _require(record: Any, what: str) -> Any:
    if record is None:
        raise BadRequest(f"The flow's {what} no longer exists")
    return record
