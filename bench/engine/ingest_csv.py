"""End-to-end ingestion bench: a large CSV from the landing zone into a Delta dataset.

Runs one real run through ``engine.pipeline.execute`` (read → map → validate → one streamed
Delta commit) and, on the same file in the same process, DuckDB converting the CSV to Parquet
as a reference. Prints rows/s for both, their ratio, and this process's peak RSS, which stays
bounded whatever the file size (try ``--size-mb 4000``).

    uv run python bench/engine/ingest_csv.py [--size-mb 300] [--keep DIR]
"""

from __future__ import annotations

import argparse
import random
import resource
import shutil
import tempfile
import time
from pathlib import Path

import duckdb

from headwater import lake, xdm
from headwater.connectors import FileVersion
from headwater.engine import RunPlan, SourcePlan, TargetPlan
from headwater.engine.pipeline import execute

SCHEMA = {
    "type": "object",
    "title": "bench",
    "allOf": [
        {"$ref": "https://ns.adobe.com/xdm/context/profile"},
        {"$ref": "https://ns.adobe.com/xdm/context/profile-person-details"},
        {"$ref": "https://ns.adobe.com/xdm/context/profile-personal-details"},
    ],
}
MAPPINGS = [
    ("Id", "_id"),
    ("FirstName", "person.name.firstName"),
    ("LastName", "person.name.lastName"),
    ("Email", "personalEmail.address"),
    ("Birth", "person.birthDate"),
]


def write_csv(path: Path, size_mb: int) -> int:
    names = ["Ada", "Alan", "Grace", "Edsger", "Barbara", "Donald", "Frances", "Ken"]
    rows = 0
    with path.open("w") as sink:
        sink.write("Id,FirstName,LastName,Email,Birth\n")
        block = []
        while sink.tell() < size_mb * 1_000_000:
            for _ in range(10_000):
                rows += 1
                first, last = random.choice(names), random.choice(names)
                block.append(
                    f'{rows},{first},"{last}, Jr",{first.lower()}{rows}@example.com,'
                    f"19{random.randint(10, 99)}-0{random.randint(1, 9)}-1{random.randint(0, 9)}\n"
                )
            sink.write("".join(block))
            block.clear()
    return rows


def plan_for(csv: Path, work: Path) -> RunPlan:
    stat = csv.stat()
    mapping = {
        "mappings": [
            {"sourceType": "ATTRIBUTE", "source": s, "destination": d} for s, d in MAPPINGS
        ]
    }
    return RunPlan(
        run_id="bench",
        flow_id="bench",
        batch_id="benchbatch",
        source=SourcePlan(
            spec_id="26f526f2-58f4-4712-961d-e41bf1ccc0e8",
            auth_params={},
            path=csv.name,
            recursive=False,
            data={"format": "delimited"},
            landing_zone_root=str(csv.parent),
        ),
        target=TargetPlan(
            dataset_id="bench",
            table_uri=str(work / "table"),
            resolved_schema=xdm.resolve(SCHEMA, lambda _id: None),
        ),
        mapping=mapping,
        files=(FileVersion(csv.name, stat.st_size, stat.st_mtime),),
        work_dir=str(work / "run"),
    )


def peak_rss_mib() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--size-mb", type=int, default=300)
    parser.add_argument("--keep", type=Path)
    args = parser.parse_args()
    root = args.keep or Path(tempfile.mkdtemp(prefix="hw-bench-"))
    root.mkdir(parents=True, exist_ok=True)
    csv = root / "landing" / "big.csv"
    csv.parent.mkdir(exist_ok=True)
    rows = write_csv(csv, args.size_mb)
    size = csv.stat().st_size / 1e6
    print(f"file: {size:.0f} MB, {rows:,} rows; RSS before: {peak_rss_mib():.0f} MiB")

    started = time.perf_counter()
    outcome = execute(plan_for(csv, root))
    ours = time.perf_counter() - started
    assert outcome.error_code is None, outcome.error_message
    written = lake.query("select count(*) as n from t", {"t": str(root / "table")}).column(0)[0]
    print(
        f"headwater run:  {ours:6.2f} s  {rows / ours:12,.0f} rows/s  "
        f"({written} rows committed); peak RSS {peak_rss_mib():.0f} MiB"
    )

    started = time.perf_counter()
    duckdb.sql(
        f"copy (select * from read_csv('{csv}')) to '{root / 'ref.parquet'}' (format parquet)"
    )
    ref = time.perf_counter() - started
    print(f"duckdb csv→parquet: {ref:6.2f} s  {rows / ref:12,.0f} rows/s")
    print(
        f"ratio headwater / duckdb time: {ours / ref:.2f}x (headwater also maps, validates, "
        "and commits to Delta)"
    )
    if not args.keep:
        shutil.rmtree(root, ignore_errors=True)


if __name__ == "__main__":
    main()
