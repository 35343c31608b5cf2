"""Benchmark: the map and validate stages over 1,000,000 delimited-style rows.

Usage::

    .venv/bin/python bench/engine/map_validate.py                  # 1,000,000 rows
    .venv/bin/python bench/engine/map_validate.py --rows 200000 --batch-rows 65536

Ten string columns (as a delimited reader gives them: ids, names, an e-mail, integers, a date,
a date-time, a boolean word, an enum value) are mapped to a nested XDM schema (``person.name``,
``person.birthDate``, ...) with type conversion, then validated (an enum, a pattern, a range).
The same transformation written by hand directly in Polars, knowing the formats in advance, runs
on the same batches in the same process; the ratio of the two is printed.
"""

from __future__ import annotations

import argparse
import time
from collections.abc import Callable, Iterator
from typing import Any

import polars as pl
import pyarrow as pa

from headwater import xdm
from headwater.engine.mapping import MappingRule, compile_mapping
from headwater.engine.validate import Validator

SCHEMA: dict[str, Any] = {
    "type": "object",
    "properties": {
        "_id": {"type": "string"},
        "person": {
            "type": "object",
            "properties": {
                "name": {
                    "type": "object",
                    "properties": {"firstName": {"type": "string"}, "lastName": {"type": "string"}},
                },
                "birthDate": {"type": "string", "format": "date"},
                "gender": {"type": "string", "enum": ["male", "female", "not_specified"]},
            },
        },
        "personalEmail": {"type": "object", "properties": {"address": {"type": "string"}}},
        "homeAddress": {
            "type": "object",
            "properties": {"countryCode": {"type": "string", "pattern": "^[A-Z]{2}$"}},
        },
        "age": {"type": "integer", "minimum": 0, "maximum": 150},
        "loyaltyPoints": {"type": "integer", "minimum": -2147483648, "maximum": 2147483647},
        "lastSeen": {"type": "string", "format": "date-time"},
        "optIn": {"type": "boolean"},
    },
    "required": ["_id"],
}
RULES = [
    MappingRule("ATTRIBUTE", source, destination)
    for source, destination in [
        ("Id", "_id"),
        ("FirstName", "person.name.firstName"),
        ("LastName", "person.name.lastName"),
        ("BirthDate", "person.birthDate"),
        ("Gender", "person.gender"),
        ("Email", "personalEmail.address"),
        ("Country", "homeAddress.countryCode"),
        ("Age", "age"),
        ("Points", "loyaltyPoints"),
        ("LastSeen", "lastSeen"),
        ("OptIn", "optIn"),
    ]
]


def source_batches(rows: int, batch_rows: int) -> list[pa.RecordBatch]:
    """Synthetic string columns, built with Polars expressions (a few bad values included)."""
    i = pl.int_range(0, rows, dtype=pl.Int64)
    frame = pl.select(
        Id=i.cast(pl.String),
        FirstName=pl.format("first{}", i % 997),
        LastName=pl.format("last{}", i % 1009),
        BirthDate=pl.format("19{}-0{}-1{}", 50 + i % 50, 1 + i % 9, i % 10),
        Gender=pl.when(i % 1000 == 0)
        .then(pl.lit("robot"))
        .otherwise(pl.when(i % 2 == 0).then(pl.lit("male")).otherwise(pl.lit("female"))),
        Email=pl.format("user{}@example.com", i),
        Country=pl.when(i % 3 == 0).then(pl.lit("FR")).otherwise(pl.lit("US")),
        Age=pl.when(i % 500 == 0).then(pl.lit("n/a")).otherwise((i % 90).cast(pl.String)),
        Points=(i * 7).cast(pl.String),
        LastSeen=pl.format("2024-0{}-1{}T0{}:30:00Z", 1 + i % 9, i % 10, i % 10),
        OptIn=pl.when(i % 2 == 0).then(pl.lit("yes")).otherwise(pl.lit("NO")),
        _hw_row=i + 1,
    )
    table = frame.to_arrow().cast(
        pa.schema(
            [pa.field(n, pa.int64() if n == "_hw_row" else pa.string()) for n in frame.columns]
        )
    )
    return table.to_batches(max_chunksize=batch_rows)


def headwater_stages(batches: list[pa.RecordBatch]) -> Iterator[pa.RecordBatch]:
    mapping = compile_mapping(RULES, SCHEMA)  # once per run
    validator = Validator(SCHEMA)
    for batch in batches:
        yield validator.apply(mapping.apply(batch).rows).valid


def by_hand(batches: list[pa.RecordBatch]) -> Iterator[pa.RecordBatch]:
    """The same mapping and checks as one hand-written Polars query per batch."""
    target = xdm.arrow_schema(SCHEMA).append(pa.field("_hw_row", pa.int64()))
    columns, valid = _hand_columns(), _hand_checks()
    for batch in batches:
        frame = pl.from_arrow(batch)
        assert isinstance(frame, pl.DataFrame)
        out = frame.lazy().select(**columns).filter(valid).collect()
        yield from out.to_arrow().cast(target).to_batches()


def _hand_columns() -> dict[str, pl.Expr]:
    c = pl.col
    age = c("Age").cast(pl.Int64, strict=False)
    word = c("OptIn").str.to_lowercase()
    return {
        "_id": c("Id"),
        "person": pl.struct(
            name=pl.struct(firstName=c("FirstName"), lastName=c("LastName")),
            birthDate=c("BirthDate").str.strptime(pl.Date, "%Y-%m-%d", strict=False),
            gender=c("Gender"),
        ),
        "personalEmail": pl.struct(address=c("Email")),
        "homeAddress": pl.struct(countryCode=c("Country")),
        "age": pl.when(age.is_between(-32768, 32767)).then(age).cast(pl.Int16),
        "loyaltyPoints": c("Points").cast(pl.Int32, strict=False),
        "lastSeen": c("LastSeen").str.strptime(
            pl.Datetime("us", "UTC"), "%Y-%m-%dT%H:%M:%SZ", strict=False
        ),
        "optIn": pl.when(word.is_in(["true", "yes", "y", "on"]))
        .then(True)
        .when(word.is_in(["false", "no", "n", "off"]))
        .then(False),
        "_hw_row": c("_hw_row"),
    }


def _hand_checks() -> pl.Expr:
    c = pl.col
    gender = c("person").struct.field("gender")
    country = c("homeAddress").struct.field("countryCode")
    return (
        c("_id").is_not_null()
        & gender.is_in(["male", "female", "not_specified"]).fill_null(True)
        & country.str.contains("^[A-Z]{2}$").fill_null(True)
        & c("age").is_between(0, 150).fill_null(True)
    )


def timed(
    label: str,
    stage: Callable[[list[pa.RecordBatch]], Iterator[pa.RecordBatch]],
    batches: list[pa.RecordBatch],
    rows: int,
) -> tuple[float, int]:
    start = time.perf_counter()
    kept = sum(out.num_rows for out in stage(batches))
    seconds = time.perf_counter() - start
    print(f"{label:<28} {seconds:7.2f} s  {rows / seconds:>12,.0f} rows/s  ({kept:,} valid)")
    return seconds, kept


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=1_000_000)
    parser.add_argument("--batch-rows", type=int, default=65_536)
    args = parser.parse_args()
    batches = source_batches(args.rows, args.batch_rows)
    print(f"{args.rows:,} rows in {len(batches)} batches, {len(RULES)} mapped fields")
    timed("warm-up (headwater)", headwater_stages, batches[:1], batches[0].num_rows)
    ours, kept = timed("headwater map+validate", headwater_stages, batches, args.rows)
    hand, kept_by_hand = timed("hand-written Polars", by_hand, batches, args.rows)
    assert kept == kept_by_hand, (kept, kept_by_hand)
    print(f"ratio headwater / hand-written: {ours / hand:.2f}x the time")


if __name__ == "__main__":
    main()
