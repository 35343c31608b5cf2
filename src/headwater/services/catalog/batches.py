"""Batches as Catalog shows them (reference §4.4); the engine records them through this module."""

from __future__ import annotations

import copy
from typing import Any

from sqlalchemy.orm import Session

from headwater import clock, ids
from headwater.errors import BadRequest, NotFound
from headwater.services.catalog.dataset_body import FIRST_VERSION, next_version
from headwater.services.catalog.listing import (
    PageParams,
    Predicate,
    page,
    parse_properties,
    project,
    simple_filter,
)
from headwater.services.catalog.session import session_of
from headwater.store import Batch, Database, Dataset, Scope, find, get, stamp

Doc = dict[str, Any]
STATUSES = frozenset(
    {
        "processing",
        "success",
        "failure",
        "queued",
        "retrying",
        "stalled",
        "aborted",
        "abandoned",
        "inactive",
        "failed",
        "loading",
        "loaded",
        "staged",
        "active",
        "staging",
        "deleted",
    }
)
FINISHED = frozenset({"success", "failure", "failed", "aborted", "abandoned"})
FAILED = frozenset({"failure", "failed"})


def create_batch(
    target: Session | Database,
    scope: Scope,
    dataset_id: str,
    *,
    status: str = "loading",
    input_format: Doc | None = None,
    tags: dict[str, list[str]] | None = None,
    external_id: str | None = None,
    related_objects: list[Doc] | None = None,
) -> Doc:
    """Record a new batch of ``dataset_id``; returns its document with its ``id``.

    Args:
        target: The caller's session (to join its transaction) or the database.
        scope: The org and sandbox the dataset lives in.
        dataset_id: An existing dataset of ``scope`` (``NotFound`` otherwise).
        status: The initial status, one of Catalog's batch statuses.
        input_format: ``{"format": "csv" | "parquet" | "json", ...}`` as the batch API takes it.
        tags: Producer tags, e.g. ``{"flowId": [...], "runId": [...]}``.
        external_id: The producer's own id for the batch.
        related_objects: More ``{"type", "id"}`` links (the dataset link is always added).
    """
    _check_status(status)
    now = clock.now_ms()
    batch_id = ids.new_catalog_id()
    doc = _new_batch(scope, dataset_id, status, now, related_objects or [])
    doc.update(
        {
            k: v
            for k, v in (("inputFormat", input_format), ("externalId", external_id))
            if v is not None
        }
    )
    doc["tags"] = dict(tags or {})
    with session_of(target) as session:
        dataset = _dataset(session, scope, dataset_id)
        record = Batch(id=batch_id, dataset_id=dataset_id, status=status, body=doc)
        stamp(record, scope, now=now, etag=ids.new_etag())
        session.add(record)
        _note_on_dataset(dataset, batch_id, status, newest=True)
    return {"id": batch_id, **copy.deepcopy(doc)}


def update_batch_status(
    target: Session | Database,
    scope: Scope,
    batch_id: str,
    status: str,
    *,
    metrics: Doc | None = None,
    errors: list[Doc] | None = None,
    record_count: int | None = None,
    failed_record_count: int | None = None,
) -> Doc:
    """Move a batch to ``status`` (setting ``started``/``completed``); returns its document.

    ``metrics`` merge into the batch's metrics; ``errors`` (``{code, description, rows?,
    recordCount?}``) replace its errors. The dataset's ``lastBatch*`` fields follow.
    """
    _check_status(status)
    now = clock.now_ms()
    with session_of(target) as session:
        record = _batch(session, scope, batch_id)
        doc = _advanced(copy.deepcopy(record.body), status, now, scope)
        doc["metrics"] = {**doc.get("metrics", {}), **(metrics or {})}
        counts = (
            ("errors", errors),
            ("recordCount", record_count),
            ("failedRecordCount", failed_record_count),
        )
        doc.update({key: value for key, value in counts if value is not None})
        record.body, record.status, record.updated_at = doc, status, now
        dataset = get(session, Dataset, scope, record.dataset_id or "")
        if dataset is not None:
            _note_on_dataset(dataset, batch_id, status)
    return {"id": batch_id, **copy.deepcopy(doc)}


def get_batch(
    target: Session | Database, scope: Scope, batch_id: str, *, properties: str | None = None
) -> Doc:
    """The batch's document without its id (Catalog keys it by id); ``NotFound`` if foreign."""
    with session_of(target) as session:
        return project(
            copy.deepcopy(_batch(session, scope, batch_id).body), parse_properties(properties)
        )


def list_batches(
    db: Database,
    scope: Scope,
    params: PageParams,
    *,
    data_set: str | None = None,
    created_after: int | None = None,
    created_before: int | None = None,
    filters: dict[str, str] | None = None,
) -> dict[str, Doc]:
    """The sandbox's batches as Catalog's id-keyed map, filtered, ordered and paged."""
    predicates: list[Predicate] = [simple_filter(k, v) for k, v in (filters or {}).items()]
    if created_after is not None:
        predicates.append(lambda doc: doc["created"] > created_after)
    if created_before is not None:
        predicates.append(lambda doc: doc["created"] < created_before)
    if data_set is not None:
        wanted = simple_filter("dataSet", data_set)
        predicates.append(lambda doc: wanted({"dataSet": dataset_of(doc)}))
    with db.transaction() as session:
        items = [(r.id, r.body) for r in find(session, Batch, scope)]
    return page(items, params, predicates)


def last_batches(
    db: Database,
    scope: Scope,
    params: PageParams,
    *,
    dataset_ids: str | None = None,
    status: str | None = None,
) -> dict[str, Doc]:
    """Per dataset with batches: its last, last successful and last failed batch."""
    wanted = {i.strip() for i in dataset_ids.split(",") if i.strip()} if dataset_ids else None
    with db.transaction() as session:
        rows = [r for r in find(session, Dataset, scope) if wanted is None or r.id in wanted]
        batches = {b.id: b.body for b in find(session, Batch, scope)}
        items = [(r.id, _last_of(r.body, batches)) for r in rows if r.body.get("lastBatchId")]
    predicates = [simple_filter("lastBatchStatus", status)] if status else []
    return page(items, params, predicates)


def dataset_of(doc: Doc) -> str | None:
    """The dataset a batch document belongs to (its ``dataSet`` related object)."""
    related = (o for o in doc.get("relatedObjects", []) if o.get("type") == "dataSet")
    return next((str(o.get("id")) for o in related), None)


def _new_batch(scope: Scope, dataset_id: str, status: str, now: int, related: list[Doc]) -> Doc:
    user = f"{scope.client_id}@AdobeID"
    doc: Doc = {
        "imsOrg": scope.org_id,
        "sandboxId": scope.sandbox_id,
        "status": status,
        "created": now,
        "updated": now,
        "createdClient": scope.client_id,
        "createdUser": user,
        "updatedUser": user,
        "version": FIRST_VERSION,
        "relatedObjects": [{"type": "dataSet", "id": dataset_id}, *related],
        "metrics": {},
        "errors": [],
    }
    if status not in ("queued", "loading", "staging"):
        doc["started"] = now
    return doc


def _advanced(doc: Doc, status: str, now: int, scope: Scope) -> Doc:
    doc.update(
        status=status,
        updated=now,
        updatedUser=f"{scope.client_id}@AdobeID",
        version=next_version(str(doc.get("version", FIRST_VERSION))),
    )
    if status in ("processing", "active") or status in FINISHED:
        doc.setdefault("started", now)
    if status in FINISHED:
        doc["completed"] = now
    return doc


def _note_on_dataset(dataset: Dataset, batch_id: str, status: str, *, newest: bool = False) -> None:
    doc = dict(dataset.body)
    if newest or doc.get("lastBatchId") == batch_id:
        doc.update(lastBatchId=batch_id, lastBatchStatus=status)
    if status == "success":
        doc["lastSuccessfulBatch"] = batch_id
    elif status in FAILED:
        doc["lastFailedBatch"] = batch_id
    dataset.body = doc


def _last_of(dataset: Doc, batches: dict[str, Doc]) -> Doc:
    last = batches.get(dataset["lastBatchId"], {})
    out = {"lastBatchId": dataset["lastBatchId"], "lastBatchStatus": dataset.get("lastBatchStatus")}
    for key, source in (
        ("lastSuccessfulBatchId", "lastSuccessfulBatch"),
        ("lastFailedBatchId", "lastFailedBatch"),
    ):
        if dataset.get(source):
            out[key] = dataset[source]
    out.update(
        imsOrg=dataset["imsOrg"],
        sandboxId=dataset["sandboxId"],
        created=last.get("created"),
        updated=last.get("updated"),
    )
    return out


def _check_status(status: str) -> None:
    if status not in STATUSES:
        raise BadRequest(f"Unknown batch status {status!r}; one of {', '.join(sorted(STATUSES))}")


def _dataset(session: Session, scope: Scope, dataset_id: str) -> Dataset:
    dataset = get(session, Dataset, scope, dataset_id)
    if dataset is None:
        raise NotFound(
            f"Dataset {dataset_id} was not found", resource_type="dataSets", resource_id=dataset_id
        )
    return dataset


def _batch(session: Session, scope: Scope, batch_id: str) -> Batch:
    record = get(session, Batch, scope, batch_id)
    if record is None:
        raise NotFound(
            f"Batch {batch_id} was not found", resource_type="batches", resource_id=batch_id
        )
    return record
