"""Batches as a mapping that writes two fields of a dataset produces them (for lake tests)."""

from __future__ import annotations

import pyarrow as pa  # type: ignore[import-untyped]

from headwater import lake

NARROW = pa.schema(
    [
        ("_id", pa.string()),
        ("person", pa.struct([("name", pa.struct([("firstName", pa.string())]))])),
    ]
)
"""The fields written: ``_id`` and ``person.name.firstName``."""


def narrow_batch(rows: int) -> pa.RecordBatch:
    """``rows`` rows of :data:`NARROW` with the lineage columns of a file ``in.csv``."""
    names = pa.StructArray.from_arrays([pa.array([f"F{i}" for i in range(rows)])], ["firstName"])
    person = pa.StructArray.from_arrays([names], ["name"])
    batch = pa.RecordBatch.from_arrays(
        [pa.array([f"id-{i}" for i in range(rows)]), person], schema=NARROW
    )
    return lake.add_system_columns(batch, source_file="in.csv", first_row=1)
