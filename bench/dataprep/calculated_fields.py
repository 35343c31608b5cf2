"""Benchmark: 20 calculated fields (Data Prep expressions) over 1,000,000 rows.

Usage::

    .venv/bin/python bench/dataprep/calculated_fields.py                  # 1,000,000 rows
    .venv/bin/python bench/dataprep/calculated_fields.py --rows 200000 --batch-rows 65536

Each field is an expression of the language (strings, regular expressions, logic, aggregation,
conversions, operators, and functions of the other families when they exist: the candidates are
picked by name from the function table). Three timings on the same batches:

* the compiled expressions alone (values and per-row errors, one Polars query per batch);
* the same 20 fields written by hand in Polars (what a person would write knowing the data);
* the engine's whole map stage with those 20 ``EXPRESSION`` rules (values converted to the
  XDM fields, transformation errors recorded), for reference.

The ratio of the first two is the cost of the language over hand-written Polars.
"""

from __future__ import annotations

import argparse
import statistics
import time
from collections.abc import Callable, Iterator
from typing import Any

import polars as pl
import pyarrow as pa

from headwater import dataprep
from headwater.dataprep.ast import Call, Method, Node
from headwater.dataprep.functions import function_table
from headwater.engine.mapping import MappingRule, compile_mapping

c = pl.col
FIELDS = 20
Hand = Callable[[], pl.Expr]


def _java_int(text: pl.Expr) -> pl.Expr:
    parsed = text.str.strip_chars().cast(pl.Int64, strict=False)
    return pl.when(parsed.is_between(-(2**31), 2**31 - 1)).then(parsed)


def _parts(text: pl.Expr) -> pl.Expr:
    """``split``: the non-empty parts."""
    return text.str.split(",").list.eval(pl.element().filter(pl.element() != ""))


def _groups(found: pl.Expr) -> pl.Expr:
    fields = [found.struct.field(name) for name in ("1", "2", "3")]
    return pl.when(fields[0].is_not_null()).then(pl.concat_arr(fields).arr.to_list())


# (expression, the same by hand in Polars). Other families' functions come first: they are
# used when present; the rest fill up to FIELDS.
CANDIDATES: list[tuple[str, Hand]] = [
    ('size_of(split(Tags, ","))', lambda: _parts(c("Tags")).list.len()),
    ("coalesce(Nick, FirstName)", lambda: pl.coalesce(c("Nick"), c("FirstName"))),
    (
        'date(Born, "yyyy-MM-dd")',
        lambda: c("Born").str.strptime(pl.Datetime("us", "UTC"), "%Y-%m-%d", strict=False),
    ),
    (
        'concat(FirstName, " ", LastName)',
        lambda: pl.concat_str(c("FirstName"), pl.lit(" "), c("LastName")),
    ),
    ("lower(Email)", lambda: c("Email").str.to_lowercase()),
    ("upper(Country)", lambda: c("Country").str.to_uppercase()),
    ("trim(Padded)", lambda: c("Padded").str.strip_chars()),
    ("substr(Phone, 0, 3)", lambda: c("Phone").str.slice(0, 3)),
    ("to_integer(Age)", lambda: _java_int(c("Age"))),
    ("to_decimal(Amount)", lambda: c("Amount").cast(pl.Float64, strict=False)),
    (
        'iif(to_integer(Age) >= 18, "adult", "minor")',
        lambda: pl.when(_java_int(c("Age")) >= 18).then(pl.lit("adult")).otherwise(pl.lit("minor")),
    ),
    ('replacestr(Phone, "-", "")', lambda: c("Phone").str.replace_all("-", "", literal=True)),
    ('lpad(Id, 10, "0")', lambda: c("Id").str.pad_start(10, "0")),
    ("left(LastName, 3)", lambda: c("LastName").str.head(3)),
    ('split(Tags, ",")', lambda: _parts(c("Tags"))),
    (
        'matches_regex(Email, "[a-z0-9.]+@[a-z]+\\\\.com")',
        lambda: c("Email").str.contains(r"\A(?:[a-z0-9.]+@[a-z]+\.com)\z"),
    ),
    (
        'extract_regex(Phone, "(\\\\d{3})-(\\\\d{4})")',
        lambda: _groups(c("Phone").str.extract_groups(r"(([0-9]{3})-([0-9]{4}))")),
    ),
    (
        'decode(Country, "FR", "France", "US", "United States", "Other")',
        lambda: (
            pl.when(c("Country") == "FR")
            .then(pl.lit("France"))
            .when(c("Country") == "US")
            .then(pl.lit("United States"))
            .otherwise(pl.lit("Other"))
        ),
    ),
    ("max(to_integer(Age), 0)", lambda: pl.max_horizontal(_java_int(c("Age")), pl.lit(0))),
    (
        'FirstName + "." + LastName',
        lambda: pl.concat_str(c("FirstName"), pl.lit("."), c("LastName")),
    ),
    ("to_decimal(Amount) * 1.2 + 1", lambda: c("Amount").cast(pl.Float64, strict=False) * 1.2 + 1),
    ('instr(Email, "@")', lambda: c("Email").str.find("@", literal=True).cast(pl.Int64)),
    ('Country.equalsIgnoreCase("fr")', lambda: c("Country").str.to_lowercase() == "fr"),
]


def chosen(skip: frozenset[str] = frozenset()) -> list[tuple[str, Hand]]:
    """The first ``FIELDS`` candidates whose functions all exist (and are not in ``skip``)."""
    table = function_table()
    picked = []
    for text, hand in CANDIDATES:
        names = _calls(dataprep.parse(text))
        if all(name in table for name in names) and not names & skip:
            picked.append((text, hand))
    return picked[:FIELDS]


def _calls(node: Node) -> set[str]:
    found = {node.name} if isinstance(node, Call | Method) else set()
    for value in vars(node).values():
        for child in value if isinstance(value, tuple) else (value,):
            if isinstance(child, Node):
                found |= _calls(child)
    return found


def source_batches(rows: int, batch_rows: int) -> list[pa.RecordBatch]:
    """Synthetic string columns, as a delimited reader gives them (a few bad values)."""
    i = pl.int_range(0, rows, dtype=pl.Int64)
    frame = pl.select(
        Id=i.cast(pl.String),
        FirstName=pl.format("First{}", i % 997),
        LastName=pl.format("Last{}", i % 1009),
        Nick=pl.when(i % 3 == 0).then(pl.format("nick{}", i % 13)),
        Email=pl.format("User.{}@Example.com", i),
        Country=pl.when(i % 3 == 0).then(pl.lit("FR")).otherwise(pl.lit("us")),
        Padded=pl.format("  value {}  ", i % 101),
        Phone=pl.format("{}-{}", 100 + i % 900, 1000 + i % 9000),
        Age=pl.when(i % 500 == 0).then(pl.lit("n/a")).otherwise((i % 90).cast(pl.String)),
        Amount=pl.format("{}.{}", i % 1000, i % 100),
        Tags=pl.format("t{},u{},v", i % 7, i % 11),
        Born=pl.format("19{}-0{}-1{}", 50 + i % 50, 1 + i % 9, i % 10),
        _hw_row=i + 1,
    )
    batches: list[pa.RecordBatch] = frame.to_arrow().to_batches(max_chunksize=batch_rows)
    return batches


def expressions(fields: list[tuple[str, Hand]], batches: list[pa.RecordBatch]) -> Iterator[int]:
    schema = pl.from_arrow(batches[0]).schema  # type: ignore[union-attr]
    exprs = []
    for n, (text, _) in enumerate(fields):
        value = dataprep.compile_expression(text, schema)
        exprs.append(value.expr.alias(f"f{n}"))
        if value.error is not None:
            exprs.append(value.error.alias(f"e{n}"))
    for batch in batches:
        frame = pl.from_arrow(batch)
        assert isinstance(frame, pl.DataFrame)
        yield frame.lazy().select(exprs).collect().height


def by_hand(fields: list[tuple[str, Hand]], batches: list[pa.RecordBatch]) -> Iterator[int]:
    exprs = [hand().alias(f"f{n}") for n, (_, hand) in enumerate(fields)]
    for batch in batches:
        frame = pl.from_arrow(batch)
        assert isinstance(frame, pl.DataFrame)
        yield frame.lazy().select(exprs).collect().height


def engine_map(fields: list[tuple[str, Hand]], batches: list[pa.RecordBatch]) -> Iterator[int]:
    frame = pl.from_arrow(batches[0])
    assert isinstance(frame, pl.DataFrame)
    schema = frame.schema
    properties = {}
    rules = []
    for n, (text, _) in enumerate(fields):
        dtype = dataprep.compile_expression(text, schema).dtype
        properties[f"f{n}"] = _xdm(dtype)
        rules.append(MappingRule("EXPRESSION", text, f"f{n}"))
    mapping = compile_mapping(rules, {"type": "object", "properties": properties})
    for batch in batches:
        yield mapping.apply(batch).rows.num_rows


def _xdm(dtype: pl.DataType) -> dict[str, Any]:
    if isinstance(dtype, pl.List):
        return {"type": "array", "items": _xdm(dtype.inner)}  # type: ignore[arg-type]
    if dtype == pl.Boolean:
        return {"type": "boolean"}
    if dtype.is_integer():
        return {"type": "integer", "meta:xdmType": "long"}
    if dtype.is_float():
        return {"type": "number"}
    if isinstance(dtype, pl.Datetime):
        return {"type": "string", "format": "date-time"}
    return {"type": "string"}


def timed(label: str, run: Callable[[], Iterator[int]], rows: int) -> float:
    start = time.perf_counter()
    done = sum(run())
    seconds = time.perf_counter() - start
    assert done == rows, (done, rows)
    print(f"{label:<34} {seconds:7.2f} s  {rows / seconds:>12,.0f} rows/s")
    return seconds


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=1_000_000)
    parser.add_argument("--batch-rows", type=int, default=65_536)
    parser.add_argument("--repeat", type=int, default=3, help="best of N runs")
    parser.add_argument("--skip", default="", help="functions to leave out, e.g. date,sha256")
    args = parser.parse_args()
    fields = chosen(frozenset(name for name in args.skip.split(",") if name))
    batches = source_batches(args.rows, args.batch_rows)
    print(f"{args.rows:,} rows in {len(batches)} batches, {len(fields)} calculated fields:")
    for text, _ in fields:
        print(f"  {text}")
    timed("warm-up", lambda: expressions(fields, batches[:1]), batches[0].num_rows)
    best: dict[str, float] = {}
    ratios = []
    for _ in range(args.repeat):
        seconds: dict[str, float] = {}
        for label, run in (
            ("dataprep expressions", lambda: expressions(fields, batches)),
            ("hand-written Polars", lambda: by_hand(fields, batches)),
            ("engine map stage (20 rules)", lambda: engine_map(fields, batches)),
        ):
            seconds[label] = timed(label, run, args.rows)
            best[label] = min(best.get(label, seconds[label]), seconds[label])
        # Rounds run back to back: their ratio is less sensitive to a busy machine.
        ratios.append(seconds["dataprep expressions"] / seconds["hand-written Polars"])
    ours, hand = best["dataprep expressions"], best["hand-written Polars"]
    print(
        f"best: dataprep {args.rows / ours:,.0f} rows/s, hand-written {args.rows / hand:,.0f} "
        f"rows/s, engine map {args.rows / best['engine map stage (20 rules)']:,.0f} rows/s"
    )
    print(
        f"ratio dataprep / hand-written: {ours / hand:.2f}x the time (best runs), "
        f"{statistics.median(ratios):.2f}x (median of rounds)"
    )


if __name__ == "__main__":
    main()
