"""Datasets of the Catalog: create, read, list, change and delete (reference §4.3)."""

from __future__ import annotations

import copy
from typing import Any

from sqlalchemy.orm import Session

from headwater import clock, ids
from headwater.errors import BadRequest, InvalidField, NotFound
from headwater.services.catalog import dataset_body as body
from headwater.services.catalog.listing import (
    PageParams,
    Predicate,
    page,
    parse_properties,
    project,
    simple_filter,
    tags_filter,
)
from headwater.services.catalog.schemas import data_behavior, find_schema
from headwater.services.catalog.session import session_of
from headwater.services.patching import apply_patch, touched_roots
from headwater.store import Database, Dataset, Scope, find, get, stamp

Doc = dict[str, Any]


def create_dataset(db: Database, scope: Scope, request: Doc) -> str:
    """A new dataset in the caller's sandbox; its id. The schema must be one of the sandbox's."""
    fields = body.check_editable(body.editable(request))
    ref = body.schema_ref(request)
    dataset_id = ids.new_catalog_id()
    now = clock.now_ms()
    with db.transaction() as session:
        schema = find_schema(session, scope, ref["id"])
        if schema is None:
            raise InvalidField(
                "schemaRef.id",
                f"no schema {ref['id']} exists in sandbox "
                f"{scope.sandbox_name}; create it in the Schema Registry first",
            )
        # the schema may be named by meta:altId; datasets always point at its $id
        ref = {**ref, "id": schema.id}
        doc = body.new_dataset(
            dataset_id,
            fields,
            ref,
            scope,
            now=now,
            view_id=ids.new_catalog_id(),
            behavior=data_behavior(session, scope, schema),
        )
        record = Dataset(id=dataset_id, name=fields["name"], schema_id=schema.id, body=doc)
        stamp(record, scope, now=now, etag=ids.new_etag())
        session.add(record)
    return dataset_id


def get_dataset(
    target: Database | Session, scope: Scope, dataset_id: str, *, properties: str | None = None
) -> Doc:
    """The dataset's document (optionally projected); ``NotFound`` outside the caller's sandbox.

    ``target`` is the caller's session (joining its transaction) or the database;
    ``doc["schemaRef"]["id"]`` is the ``$id`` of the dataset's schema.
    """
    with session_of(target) as session:
        record = _load(session, scope, dataset_id)
        return project(copy.deepcopy(record.body), parse_properties(properties))


def list_datasets(
    db: Database,
    scope: Scope,
    params: PageParams,
    *,
    filters: dict[str, str] | None = None,
    tags: str | None = None,
) -> dict[str, Doc]:
    """The sandbox's datasets as Catalog's id-keyed map, filtered, ordered and paged."""
    predicates: list[Predicate] = [simple_filter(k, v) for k, v in (filters or {}).items()]
    if tags is not None:
        predicates.append(tags_filter(tags))
    with db.transaction() as session:
        items = [(r.id, r.body) for r in find(session, Dataset, scope)]
    return page(items, params, predicates)


def patch_dataset(db: Database, scope: Scope, dataset_id: str, change: Any) -> None:
    """A JSON Patch (array) or a JSON merge patch (object) of the dataset's editable fields."""
    if isinstance(change, list):
        _refuse_read_only(touched_roots(change))
    elif not isinstance(change, dict):
        raise BadRequest("A PATCH body is a JSON Patch array or a partial dataset object")
    with db.transaction() as session:
        record = _load(session, scope, dataset_id)
        fields = copy.deepcopy(body.editable(record.body))
        if isinstance(change, list):
            fields = apply_patch(fields, change)
        else:
            _refuse_schema_change(record.body, change)
            fields = merge_patch(fields, body.editable(change))
        _save(
            record,
            body.revised(record.body, body.check_editable(fields), scope, now=clock.now_ms()),
        )


def replace_dataset(db: Database, scope: Scope, dataset_id: str, request: Doc) -> None:
    """PUT: the editable fields become exactly ``request``'s; the schema cannot change."""
    fields = body.check_editable(body.editable(request))
    with db.transaction() as session:
        record = _load(session, scope, dataset_id)
        _refuse_schema_change(record.body, request)
        _save(record, body.revised(record.body, fields, scope, now=clock.now_ms()))


def delete_dataset(db: Database, scope: Scope, dataset_id: str) -> None:
    with db.transaction() as session:
        session.delete(_load(session, scope, dataset_id))


def merge_patch(target: Any, change: Any) -> Any:
    """RFC 7396 JSON merge patch: objects merge recursively, ``null`` removes a member."""
    if not isinstance(change, dict):
        return change
    out = dict(target) if isinstance(target, dict) else {}
    for key, value in change.items():
        if value is None:
            out.pop(key, None)
        else:
            out[key] = merge_patch(out.get(key), value)
    return out


def _refuse_read_only(roots: set[str]) -> None:
    fixed = sorted(roots - set(body.EDITABLE))
    if fixed:
        raise InvalidField(
            fixed[0], "is not writable; a patch may change only " + ", ".join(body.EDITABLE)
        )


def _refuse_schema_change(stored: Doc, change: Doc) -> None:
    # Clients often send back what they read: the same schema is fine, another one is not.
    ref = change.get("schemaRef")
    same = isinstance(ref, dict) and ref.get("id") == stored["schemaRef"]["id"]
    if ref is not None and not same:
        raise InvalidField("schemaRef", "the schema of an existing dataset cannot be changed")


def _load(session: Session, scope: Scope, dataset_id: str) -> Dataset:
    record = get(session, Dataset, scope, dataset_id)
    if record is None:
        raise NotFound(
            f"Dataset {dataset_id} was not found", resource_type="dataSets", resource_id=dataset_id
        )
    return record


def _save(record: Dataset, doc: Doc) -> None:
    record.body = doc  # a new object, so SQLAlchemy sees the JSON change
    record.name = doc["name"]
    record.updated_at = doc["updated"]
