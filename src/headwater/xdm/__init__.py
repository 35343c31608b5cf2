"""The XDM model: standard resources, ``$ref``/``allOf`` resolution, field paths, create rules.

Resources are plain dicts in the registry's compatibility-mode form. Tenant resources reach
the resolver through a ``Lookup`` (``$id`` -> body or ``None``); the bundled global resources
(``standard_resources()``) are always found first.
"""

from __future__ import annotations

from headwater.xdm.arrow import arrow_schema, arrow_type
from headwater.xdm.fields import Field, field_paths, flatten, has_path, split_path
from headwater.xdm.library import Lookup, standard_resource, standard_resources
from headwater.xdm.lineage import class_of, extends_of, refs_of
from headwater.xdm.resolve import resolve, strip_text
from headwater.xdm.validation import validate_tenant_resource
from headwater.xdm.xdmtype import xdm_type_of

__all__ = [
    "Field",
    "Lookup",
    "arrow_schema",
    "arrow_type",
    "class_of",
    "extends_of",
    "field_paths",
    "flatten",
    "has_path",
    "refs_of",
    "resolve",
    "split_path",
    "standard_resource",
    "standard_resources",
    "strip_text",
    "validate_tenant_resource",
    "xdm_type_of",
]
