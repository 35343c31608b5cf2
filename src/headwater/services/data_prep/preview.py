"""``POST /mappingSets/preview``: sample records through a mapping set, as a run maps them.

The records go through the engine's own map and validate stages (the code a run uses), so a
preview shows exactly what ingestion would write: per record, the mapped XDM record (null
fields left out) and its errors (transformation warnings, and the errors that would reject
it), or ``null`` when there are none.
"""

from __future__ import annotations

from collections import defaultdict
from typing import Any

import pyarrow as pa  # type: ignore[import-untyped]

from headwater.engine.mapping import ROW_COLUMN, compile_mapping, rules_from_mapping_set
from headwater.engine.validate import validate
from headwater.errors import BadRequest, InvalidField
from headwater.services.catalog.schemas import resolved_schema
from headwater.services.data_prep.mapping_sets import checked_schema
from headwater.services.data_prep.requests import read_request
from headwater.store import Database, Scope

Doc = dict[str, Any]
MAX_RECORDS = 1000


def preview_mapping_set(db: Database, scope: Scope, body: Any) -> list[Doc]:
    """``[{data, errors}]``, one per record of ``body["data"]``.

    Raises:
        InvalidField: ``data`` is not a list of JSON objects, or ``mappingSet`` is missing.
        BadRequest: the mapping set is invalid (as on create) or the records cannot be read
            as one table (a field with values of different types).
    """
    records, mapping_set = _read(body)
    request = read_request(mapping_set)
    with db.transaction() as session:
        resolved = resolved_schema(session, scope, checked_schema(session, scope, request))
    stored = {
        "mappings": [_stored(spec.kind, spec.source, spec.destination) for spec in request.mappings]
    }
    mapping = compile_mapping(rules_from_mapping_set(stored), resolved)
    if not records:
        return []
    mapped = mapping.apply(_batch(records))
    checked = validate(mapped.rows, resolved)
    errors = _errors_by_row(
        pa.concat_tables([mapped.errors, checked.errors], promote_options="permissive")
    )
    rows = mapped.rows.to_pylist()
    return [
        {
            "data": _without_nulls({k: v for k, v in row.items() if k != ROW_COLUMN}),
            "errors": errors.get(index),
        }
        for index, row in enumerate(rows)
    ]


def _read(body: Any) -> tuple[list[Doc], Any]:
    if not isinstance(body, dict) or body.get("mappingSet") is None:
        raise InvalidField("mappingSet", "the mapping set to preview is required")
    records = body.get("data") or []
    if not isinstance(records, list) or not all(isinstance(one, dict) for one in records):
        raise InvalidField("data", "must be a list of JSON records")
    if len(records) > MAX_RECORDS:
        raise InvalidField("data", f"at most {MAX_RECORDS} records can be previewed at once")
    return records, body["mappingSet"]


def _stored(kind: str | None, source: Any, destination: Any) -> Doc:
    text = source if isinstance(source, str) or source is None else str(source)
    return {"sourceType": kind or "ATTRIBUTE", "source": text, "destination": destination}


def _batch(records: list[Doc]) -> pa.RecordBatch:
    try:
        batch = pa.RecordBatch.from_pylist(records)
    except (pa.ArrowInvalid, pa.ArrowTypeError) as error:
        raise BadRequest(f"The sample records cannot be read as one table: {error}") from None
    rows = pa.array(range(len(records)), pa.int64())
    return pa.RecordBatch.from_arrays(
        [*batch.columns, rows], names=[*batch.schema.names, ROW_COLUMN]
    )


def _errors_by_row(errors: pa.Table) -> dict[int, list[Doc]]:
    found: dict[int, list[Doc]] = defaultdict(list)
    for one in errors.to_pylist():
        found[int(one["row"])].append(
            {
                "field": one["field"],
                "code": one["code"],
                "message": one["message"],
                "severity": one["severity"],
            }
        )
    return dict(found)


def _without_nulls(value: Any) -> Any:
    if isinstance(value, dict):
        kept = {k: _without_nulls(v) for k, v in value.items() if v is not None}
        return {k: v for k, v in kept.items() if v != {}}
    if isinstance(value, list):
        return [_without_nulls(v) for v in value]
    return value
