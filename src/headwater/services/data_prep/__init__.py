"""Data Prep use cases: mapping sets (create, read, validate, preview) and the expression
language (functions, operators, validate).

The flow service reads mapping sets with
``get_mapping_set(target, scope, mapping_id, version=None) -> dict | None`` (``target`` is its
``Session`` or a ``Database``); ``source_kind(mapping)`` tells ATTRIBUTE, STATIC or EXPRESSION.
"""

from __future__ import annotations

from headwater.services.data_prep.expressions import (
    list_functions,
    list_operators,
    validate_expression,
)
from headwater.services.data_prep.listing import MappingSetQuery, list_mapping_sets
from headwater.services.data_prep.mapping_sets import (
    create_mapping_set,
    get_mapping,
    get_mapping_set,
    list_mappings,
    read_mapping_set,
    replace_mapping_set,
    validate_mapping_set,
)
from headwater.services.data_prep.preview import preview_mapping_set
from headwater.services.data_prep.requests import source_kind

__all__ = [
    "MappingSetQuery",
    "create_mapping_set",
    "get_mapping",
    "get_mapping_set",
    "list_functions",
    "list_mapping_sets",
    "list_mappings",
    "list_operators",
    "preview_mapping_set",
    "read_mapping_set",
    "replace_mapping_set",
    "source_kind",
    "validate_expression",
    "validate_mapping_set",
]
