"""The one table of connectors: spec id → module defining its ``SPEC``, imported on first use.

Like fsspec's ``known_implementations``, the table holds module paths, not modules, so listing
specs never imports a storage client library. Keep it sorted by module path.
"""

from __future__ import annotations

import importlib
from functools import cache
from typing import Final

from headwater.connectors.spec import ConnectorSpec
from headwater.errors import NotFound

_PACKAGE = "headwater.connectors."

known_connectors: Final[dict[str, str]] = {
    "b3ba5556-48be-44b7-8b85-ff2b69b46dc4": _PACKAGE + "adls_gen2",
    "4c10e202-c428-4796-9208-5f1f5732b1cf": _PACKAGE + "azure_blob",
    "be5ec48c-5b78-49d5-b8fa-7c89ec4569b8": _PACKAGE + "azure_file_storage",
    "c604ff05-7f1a-43c0-8e18-33bf874cb11c": _PACKAGE + "data_lake",
    "bf9f5905-92b7-48bf-bf20-455bc6b60a4e": _PACKAGE + "event_hubs",
    "fb2e94c9-c031-467d-8103-6bd6e0a432f2": _PACKAGE + "ftp",
    "32e8f412-cdf7-464c-9885-78184cb113fd": _PACKAGE + "gcs",
    "54e221aa-d342-4707-bcff-7a4bceef0001": _PACKAGE + "hdfs",
    "86043421-563b-46ec-8e6c-e23184711bf6": _PACKAGE + "kinesis",
    "26f526f2-58f4-4712-961d-e41bf1ccc0e8": _PACKAGE + "landing_zone",
    "c85f9425-fb21-426c-ad0b-405e9bd8a46c": _PACKAGE + "oracle_object_storage",
    "ecadc60c-7455-4d87-84dc-2a0e293d997b": _PACKAGE + "s3",
    "b7bf2577-4520-42c9-bae9-cad01560f7bc": _PACKAGE + "sftp",
}


@cache
def _load(module_path: str) -> ConnectorSpec:
    spec = importlib.import_module(module_path).SPEC
    if not isinstance(spec, ConnectorSpec):
        raise TypeError(f"{module_path}.SPEC is not a ConnectorSpec")
    return spec


def find_spec(spec_id: str) -> ConnectorSpec | None:
    """Return the connection spec with this id, or None when the catalogue has no such spec.

    Args:
        spec_id: A connection spec id (case-insensitive; surrounding spaces ignored).
    """
    module_path = known_connectors.get(spec_id.strip().lower())
    return None if module_path is None else _load(module_path)


def get_spec(spec_id: str) -> ConnectorSpec:
    """Return the connection spec with this id.

    Args:
        spec_id: A connection spec id.

    Raises:
        NotFound: code 1413 (invalid spec id) when the catalogue has no such spec.
    """
    spec = find_spec(spec_id)
    if spec is None:
        raise NotFound(
            f"Connection spec '{spec_id}' does not exist.",
            code="1413",
            resource_type="connectionSpecs",
            resource_id=spec_id,
        )
    return spec


def all_specs() -> list[ConnectorSpec]:
    """Every connection spec of the catalogue, in registry order (imports every module)."""
    return [_load(module_path) for module_path in known_connectors.values()]


def find_spec_by_name(name: str) -> ConnectorSpec | None:
    """Return the connection spec whose platform name is ``name`` (e.g. ``"amazon-s3"``)."""
    return next((spec for spec in all_specs() if spec.name == name), None)
