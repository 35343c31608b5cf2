"""A dataset with a committed batch, its run's input files and its row-error files."""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pyarrow as pa  # type: ignore[import-untyped]
import pytest
from catalog.helpers import create_dataset, create_schema, scope_of

from headwater import clock, ids, lake
from headwater.engine.diagnostics import RowErrors
from headwater.formats import BadRow
from headwater.services import catalog
from headwater.services.data_access.common import table_of
from headwater.store import Database, Run, Scope, stamp

EXPORT = "/data/foundation/export"
XDM = pa.schema(
    [
        ("_id", pa.string()),
        (
            "person",
            pa.struct(
                [("name", pa.struct([("firstName", pa.string()), ("lastName", pa.string())]))]
            ),
        ),
        ("score", pa.float64()),
    ]
)
INPUTS = [
    {"path": "/incoming/leads.csv", "size": 120, "modified": 1700000000.0, "etag": "e1"},
    {"path": "/incoming/more/leads 2.csv", "size": 80, "modified": 1700000001.0, "etag": None},
]


def person(i: int) -> dict[str, Any]:
    return {
        "_id": f"id-{i}",
        "person": {"name": {"firstName": f"First{i}", "lastName": None}},
        "score": float(i),
    }


def rows(n: int, *, per_batch: int = 50) -> Iterator[pa.RecordBatch]:
    for start in range(0, n, per_batch):
        chunk = [person(i) for i in range(start, min(n, start + per_batch))]
        batch = pa.RecordBatch.from_pylist(chunk, schema=XDM)
        yield lake.add_system_columns(batch, source_file="leads.csv", first_row=start)


@dataclass
class Loaded:
    """A dataset of the tenant with one committed batch."""

    scope: Scope
    dataset_id: str
    batch_id: str
    table: str
    rows: int


def add_run(
    db: Database,
    scope: Scope,
    batch_id: str,
    files: list[dict[str, Any]] | None,
    *,
    flow_id: str = "flow-1",
) -> None:
    body = {"flowId": flow_id, "_run": {"batchId": batch_id, "trigger": "manual", "files": files}}
    with db.transaction() as session:
        run = Run(id=ids.new_uuid(), flow_id=flow_id, status="success", body=body)
        stamp(run, scope, now=clock.now_ms(), etag=ids.new_etag())
        session.add(run)


def write_row_errors(settings: Any, batch_id: str) -> Path:
    """Files 0 (3 unparsable rows, via the engine's writer), 2 (150 rows) and 10 (1 row)."""
    directory = settings.runs_dir / batch_id / "row_errors"
    errors = RowErrors(directory)
    errors.add_bad_rows(
        0, [BadRow("leads.csv", i, f"bad,row,{i}", "too many fields") for i in range(1, 4)]
    )
    for index, count in ((2, 150), (10, 1)):
        with (directory / f"conversion_errors_{index}.json").open("w") as sink:
            for i in range(count):
                sink.write(
                    json.dumps(
                        {
                            "_corrupt_record": json.dumps({"email": f"x{i}"}),
                            "_row": i + 1,
                            "_errors": [{"code": "1555", "field": "email", "message": "required"}],
                            "_filename": f"file{index}.csv",
                        }
                    )
                    + "\n"
                )
    return directory


@pytest.fixture
def scope(tenant: Any, db: Database) -> Scope:
    return scope_of(tenant, db)


@pytest.fixture
def dataset_id(tenant: Any, db: Database) -> str:
    return create_dataset(tenant, create_schema(tenant, db), "Leads EU")


def commit(db: Database, settings: Any, scope: Scope, dataset_id: str, n: int) -> str:
    batch = catalog.create_batch(db, scope, dataset_id, tags={"flowId": ["flow-1"]})
    table = table_of(settings, scope, dataset_id)
    lake.commit_batch(table, lake.table_schema(XDM), rows(n), batch_id=batch["id"])
    catalog.update_batch_status(db, scope, batch["id"], "success", record_count=n)
    return str(batch["id"])


@pytest.fixture
def loaded(db: Database, settings: Any, scope: Scope, dataset_id: str) -> Loaded:
    batch_id = commit(db, settings, scope, dataset_id, 120)
    add_run(db, scope, "some-other-batch", [{"path": "/elsewhere.csv", "size": 1}])
    add_run(db, scope, batch_id, INPUTS)
    write_row_errors(settings, batch_id)
    return Loaded(scope, dataset_id, batch_id, table_of(settings, scope, dataset_id), 120)


def assert_not_found(reply: Any) -> None:
    assert reply.status_code == 404, reply.text
    assert reply.json()["type"].startswith("https://ns.adobe.com/aep/errors/DAS-")
