"""A whole dataflow, timed: N leads rows in an S3 bucket → a `once` flow → a committed run.

Starts a local S3 server (moto) and `headwater serve` (the test suite's launchers), uploads a
generated leads TSV, creates seed 003's flow through the API and times it, on the server's
clock, from the flow's creation to the run's completion (after a first flow of 1,000 rows has
warmed the new server), asking for the run's status once a second as a client would (asking
every 0.25 s, this script's own HTTP client took CPU from the 2 cores it shares with the
server: runs ~10% slower, measured). Then
DuckDB turns the same local file into Parquet (`read_csv(..., store_rejects=true)`) as the
reference, right after each flow. Prints each
round's times and ratio, the server's peak RSS, and the median, best and worst ratios (this
shared machine's timings vary from run to run, DuckDB's too).

    uv run python bench/flow_s3.py [--rows 5000000] [--rounds 5]
"""

from __future__ import annotations

import argparse
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path

import duckdb

ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(ROOT / "tests")]

from support.flows import FS, Api, build_flow, wait_for_runs  # noqa: E402
from support.live_server import running_server  # noqa: E402
from support.moto_server import s3_client, start_moto_server  # noqa: E402

NAMES = ["Ada", "Alan", "Grace", "Edsger", "Barbara", "Donald", "Frances", "Ken"]


def write_leads(path: Path, rows: int) -> None:
    with path.open("w") as sink:
        sink.write("Id\tFirstName\tLastName\n")
        for start in range(0, rows, 100_000):
            sink.write(
                "".join(
                    f"{i}\t{random.choice(NAMES)}\t{random.choice(NAMES)}son\n"
                    for i in range(start + 1, min(start + 100_000, rows) + 1)
                )
            )


def _first_lines(path: Path, count: int = 1000) -> bytes:
    with path.open("rb") as source:
        return b"".join(source.readline() for _ in range(count + 1))


def peak_rss_mib(pid: int) -> float:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
    return float("nan")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--rows", type=int, default=5_000_000)
    parser.add_argument("--rounds", type=int, default=5)
    args = parser.parse_args()
    work = Path(tempfile.mkdtemp(prefix="hw-flow-bench-"))
    leads = work / "leads.tsv"
    write_leads(leads, args.rows)
    size_mb = leads.stat().st_size / 1e6
    print(f"{args.rows:,} rows, {size_mb:.0f} MB; {args.rounds} rounds")
    moto = start_moto_server(enforce_auth=False)
    try:
        s3_client(moto).create_bucket(Bucket="bench")
        s3_client(moto).upload_file(str(leads), "bench", "leads/leads.tsv")
        s3_client(moto).put_object(Bucket="bench", Key="warm/leads.tsv", Body=_first_lines(leads))
        with running_server(work / "server") as server:
            api = Api(server.new_tenant())
            auth = {"s3AccessKey": "testing", "s3SecretKey": "testing", "serviceUrl": moto.url}
            # A first small flow: the new server pays its one-time costs (imports, first
            # connections) there, as a server that has run before already has.
            warm = build_flow(api, auth=auth, path="/bench/warm/*.tsv")
            wait_for_runs(api, warm["flow"], 1, timeout=600, poll=0.02)
            ratios = []
            for round_ in range(1, args.rounds + 1):
                ours = _timed_flow(api, auth, args.rows)
                ref = _duckdb(leads, work / "ref.parquet")
                ratios.append(ours / ref)
                print(
                    f"round {round_}: duckdb csv→parquet {ref:5.2f} s "
                    f"({args.rows / ref:10,.0f} rows/s); ratio {ours / ref:.2f}x"
                )
            rss = peak_rss_mib(server.process.pid)
    finally:
        moto.stop()
    print(f"server peak RSS over all rounds: {rss:.0f} MiB")
    print(
        f"ratio headwater / duckdb time: median {statistics.median(ratios):.2f}x, "
        f"best {min(ratios):.2f}x, worst {max(ratios):.2f}x (target ≤ 1.5x, goal ≤ 1.25x)"
    )


def _timed_flow(api: Api, auth: dict[str, str], rows: int) -> float:
    """One flow over the leads file, timed on the server's clock from the flow's creation to
    its run's completion (the connections, schema and dataset made before it shown apart)."""
    setup_started = time.time()
    ids = build_flow(api, auth=auth, path="/bench/leads/*.tsv")
    (run,) = wait_for_runs(api, ids["flow"], 1, timeout=3600, poll=1.0)
    flow = api.call("GET", f"{FS}/flows/{ids['flow']}")["items"][0]
    created = flow["createdAt"] / 1000
    durations = run["metrics"]["durationSummary"]
    started, completed = durations["startedAtUTC"] / 1000, durations["completedAtUTC"] / 1000
    status = run["metrics"]["statusSummary"]["status"]
    written = run["metrics"]["recordSummary"]["outputRecordCount"]
    ours = completed - created
    print(
        f"headwater flow: {ours:5.2f} s ({rows / ours:10,.0f} rows/s), run {status}, "
        f"{written:,} rows written; set-up before the flow {created - setup_started:4.2f} s, "
        f"flow created → run started {started - created:4.2f} s, "
        f"run {completed - started:4.2f} s"
    )
    return ours


def _duckdb(leads: Path, out: Path) -> float:
    started = time.perf_counter()
    duckdb.sql(
        f"copy (select * from read_csv('{leads}', delim='\\t', store_rejects=true)) "
        f"to '{out}' (format parquet)"
    )
    return time.perf_counter() - started


if __name__ == "__main__":
    main()
