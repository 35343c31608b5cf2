"""Catalog use cases: datasets and batches.

Other layers call these (signatures in each module):

- ``create_batch(target, scope, dataset_id, *, status=..., input_format=..., tags=...,
  external_id=..., related_objects=...) -> dict`` — the engine records a new batch.
- ``update_batch_status(target, scope, batch_id, status, *, metrics=..., errors=...,
  record_count=..., failed_record_count=...) -> dict`` — and moves it on.
- ``get_dataset(target, scope, dataset_id) -> dict`` — a dataset's document (``schemaRef.id``).

``target`` is the caller's ``Session`` (joining its transaction) or a ``Database``.
"""

from __future__ import annotations

from headwater.services.catalog.batches import (
    create_batch,
    get_batch,
    last_batches,
    list_batches,
    update_batch_status,
)
from headwater.services.catalog.datasets import (
    create_dataset,
    delete_dataset,
    get_dataset,
    list_datasets,
    patch_dataset,
    replace_dataset,
)
from headwater.services.catalog.listing import PageParams
from headwater.services.catalog.schemas import find_schema, resolved_schema

__all__ = [
    "PageParams",
    "create_batch",
    "create_dataset",
    "delete_dataset",
    "find_schema",
    "get_batch",
    "get_dataset",
    "last_batches",
    "list_batches",
    "list_datasets",
    "patch_dataset",
    "replace_dataset",
    "resolved_schema",
    "update_batch_status",
]
