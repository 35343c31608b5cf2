"""The registry's resource kinds, containers and identifier formats (reference §3.1)."""

from __future__ import annotations

from urllib.parse import unquote

from headwater import ids
from headwater.errors import NotFound

# URL segment -> storage kind. Field groups keep the legacy "mixins" kind in ids and storage.
KIND_BY_SEGMENT = {
    "schemas": "schemas",
    "fieldgroups": "mixins",
    "mixins": "mixins",
    "datatypes": "datatypes",
    "classes": "classes",
}
WRITABLE_KINDS = ("schemas", "mixins", "datatypes", "classes")
CONTAINERS = ("global", "tenant")
NOT_FOUND_CODE = "1012"


class ResourceNotFound(NotFound):
    """The registry's 404 (``XDM-1012-404``)."""

    title = "Resource Not Found"
    default_code = NOT_FOUND_CODE


def not_found(resource_id: str) -> ResourceNotFound:
    return ResourceNotFound(
        f"Requested resource {resource_id} with version 1 is not found", resource_id=resource_id
    )


def check_container(container: str) -> str:
    """The container name, or 404 for anything but ``global`` / ``tenant``."""
    if container not in CONTAINERS:
        raise ResourceNotFound(f"Unknown container '{container}'; use global or tenant")
    return container


def normalise_id(raw: str) -> str:
    """A path id as the client meant it: ``$id`` or ``meta:altId``.

    The router has decoded the path once; an id still holding ``%`` was encoded twice.
    A trailing ``/`` (``.../schemas/{id}/`` as some SDK calls send it) is not part of the id.
    """
    value = unquote(raw) if "%" in raw else raw
    return value.rstrip("/")


def new_resource_ids(tenant_id: str, kind: str) -> tuple[str, str]:
    """A new ``($id, meta:altId)`` pair for a tenant resource of ``kind``."""
    digest = ids.new_schema_hash()
    return f"https://ns.adobe.com/{tenant_id}/{kind}/{digest}", f"_{tenant_id}.{kind}.{digest}"
