"""Schema Registry use cases: XDM resources, descriptors, unions and stats (reference §3).

Tenant resources live in one org's sandbox; global ones are the bundled standard library and
read-only. Every function takes the caller's ``Scope`` and sees nothing outside it.
"""

from headwater.services.schema_registry.accept import (
    DescriptorFormat,
    LookupFormat,
    descriptor_format,
    listing_style,
    lookup_format,
)
from headwater.services.schema_registry.descriptors import (
    create_descriptor,
    delete_descriptor,
    get_descriptor,
    list_descriptors,
    replace_descriptor,
)
from headwater.services.schema_registry.kinds import KIND_BY_SEGMENT, check_container, normalise_id
from headwater.services.schema_registry.listing import ListQuery, list_resources
from headwater.services.schema_registry.lookup import get_resource
from headwater.services.schema_registry.resources import (
    create_resource,
    delete_resource,
    patch_resource,
    replace_resource,
)
from headwater.services.schema_registry.stats import registry_stats
from headwater.services.schema_registry.unions import get_union, list_unions

__all__ = [
    "KIND_BY_SEGMENT",
    "DescriptorFormat",
    "ListQuery",
    "LookupFormat",
    "check_container",
    "create_descriptor",
    "create_resource",
    "delete_descriptor",
    "delete_resource",
    "descriptor_format",
    "get_descriptor",
    "get_resource",
    "get_union",
    "list_descriptors",
    "list_resources",
    "list_unions",
    "listing_style",
    "lookup_format",
    "normalise_id",
    "patch_resource",
    "registry_stats",
    "replace_descriptor",
    "replace_resource",
]
