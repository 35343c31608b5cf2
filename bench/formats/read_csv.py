"""Benchmark: read a large CSV with ``headwater.formats.read_batches`` and compare with DuckDB.

Usage::

    .venv/bin/python bench/formats/read_csv.py                 # generates ~200 MB in a temp dir
    .venv/bin/python bench/formats/read_csv.py --size-mb 4000  # the large variant (not for CI)
    .venv/bin/python bench/formats/read_csv.py --path some.csv # an existing file

Prints rows/s and MB/s for headwater, the ratio to DuckDB on the same file in the same run
(``count(*)``, and a full scan materialising every column as Arrow, which is closer to what
headwater does), and the peak RSS after each step, to show that memory stays bounded.
"""

from __future__ import annotations

import argparse
import os
import random
import resource
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

import duckdb

from headwater.formats import DelimitedOptions, read_batches

_WORDS = ["alpha", "beta", "gamma", "delta", "épsilon", "zeta", "eta", "théta", "iota", "kappa"]


def _peak_rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # KiB on Linux


def generate(path: Path, size_mb: int, seed: int = 7) -> int:
    """Write a CSV of about ``size_mb`` MB in 1 MB pieces; return its number of data rows."""
    rng = random.Random(seed)
    lines = []
    for i in range(20_000):  # a block of distinct rows, repeated with new ids
        words = " ".join(rng.choices(_WORDS, k=rng.randint(1, 6)))
        note = f'"{words}, ""quoted"" text"' if i % 10 == 0 else words
        lines.append(
            f"{{id}},{rng.randint(0, 10**6)},{rng.random() * 1000:.3f},{words.split()[0]},"
            f"{note},2024-{1 + i % 12:02d}-{1 + i % 28:02d}T10:{i % 60:02d}:00Z,"
            f"{rng.choice(['true', 'false', ''])},{rng.randint(10000, 99999)}\n"
        )
    header = "id,amount,price,first,note,ts,flag,zip\n"
    target, rows, written = size_mb * 1_000_000, 0, 0
    with path.open("w", encoding="utf-8") as out:
        out.write(header)
        while written < target:
            piece = "".join(line.replace("{id}", str(rows + n)) for n, line in enumerate(lines))
            rows += len(lines)
            written += len(piece.encode())
            out.write(piece)
    return rows


def bench_headwater(path: Path, batch_rows: int) -> tuple[int, float]:
    start = time.perf_counter()
    rows = 0
    with path.open("rb") as stream:
        options = DelimitedOptions()
        for batch in read_batches(stream, options, source=path.name, batch_rows=batch_rows):
            rows += batch.num_rows
    return rows, time.perf_counter() - start


def best_of(repeat: int, run: Callable[[], tuple[int, float]]) -> tuple[int, float]:
    """Run ``repeat`` times; return the row count and the fastest time (the machine is shared)."""
    results = [run() for _ in range(repeat)]
    return results[0][0], min(seconds for _, seconds in results)


def duckdb_count(path: Path) -> tuple[int, float]:
    start = time.perf_counter()
    count = duckdb.sql(f"select count(*) from {_duck_source(path)}").fetchall()[0][0]
    return int(count), time.perf_counter() - start


def duckdb_scan(path: Path) -> tuple[int, float]:
    start = time.perf_counter()
    scanned = 0
    for batch in duckdb.sql(f"select * from {_duck_source(path)}").to_arrow_reader(65_536):
        scanned += batch.num_rows
    return scanned, time.perf_counter() - start


def _duck_source(path: Path) -> str:
    return f"read_csv('{path}', header=true, all_varchar=true)"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--path", type=Path, help="an existing CSV file (header row, comma)")
    parser.add_argument("--size-mb", type=int, default=200, help="size of the generated file")
    parser.add_argument("--batch-rows", type=int, default=65_536)
    parser.add_argument("--repeat", type=int, default=3, help="runs per reader; the best counts")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="headwater-bench-") as tmp:
        path = args.path or Path(tmp) / "bench.csv"
        if args.path is None:
            print(f"generating {args.size_mb} MB → {path} …", flush=True)
            generate(path, args.size_mb)
        size_mb = os.path.getsize(path) / 1e6
        print(f"file: {size_mb:,.0f} MB; peak RSS before reading: {_peak_rss_mb():,.0f} MiB")
        rows, seconds = best_of(args.repeat, lambda: bench_headwater(path, args.batch_rows))
        print(
            f"headwater read_batches: {rows:,} rows in {seconds:.2f} s = "
            f"{rows / seconds:,.0f} rows/s, {size_mb / seconds:,.0f} MB/s; "
            f"peak RSS {_peak_rss_mb():,.0f} MiB"
        )
        count, count_s = best_of(args.repeat, lambda: duckdb_count(path))
        scanned, scan_s = best_of(args.repeat, lambda: duckdb_scan(path))
        assert count == rows == scanned, (count, rows, scanned)
        print(
            f"duckdb count(*):        {count:,} rows in {count_s:.2f} s = "
            f"{count / count_s:,.0f} rows/s; headwater speed / duckdb = {count_s / seconds:.2f}"
        )
        print(
            f"duckdb full Arrow scan: {scanned:,} rows in {scan_s:.2f} s = "
            f"{scanned / scan_s:,.0f} rows/s; headwater speed / duckdb = {scan_s / seconds:.2f}; "
            f"peak RSS {_peak_rss_mb():,.0f} MiB"
        )
        print(
            f"threads available: {os.cpu_count()}; headwater parses CSV on one thread"
            " (pyarrow reports bad-row numbers only single-threaded)"
        )


if __name__ == "__main__":
    main()
