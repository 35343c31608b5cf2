"""Listing 100,000 S3 objects through the connector: time and tracemalloc peak.

Starts a moto S3 server in a child process with the objects put straight into its backend
(putting them over HTTP would take minutes), then lists the folder through ``S3Connector`` —
``list`` (what runs do) and ``browse`` (what explore does) — once for the time and
once under tracemalloc for the peak, and prints both next to what holding every entry takes.
Most of the time is moto answering (it walks its whole key set for every page).

    uv run python bench/connectors/list_s3.py [--objects 100000] [--page-size 1000]
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import time
import tracemalloc
from collections.abc import Callable, Iterator
from itertools import islice
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[2]
sys.path[:0] = [str(ROOT / "tests")]

from headwater.connectors.s3_io import S3Connector  # noqa: E402
from support.moto_server import free_port  # noqa: E402

BUCKET = "bench-listing"


def serve(port: int, objects: int) -> None:
    """The child: a moto server holding ``objects`` keys under ``many/``; runs until stdin ends."""
    from moto.core import DEFAULT_ACCOUNT_ID
    from moto.s3.models import s3_backends
    from moto.server import ThreadedMotoServer

    server = ThreadedMotoServer(ip_address="127.0.0.1", port=port, verbose=False)
    server.start()
    backend = s3_backends[DEFAULT_ACCOUNT_ID]["aws"]
    backend.create_bucket(BUCKET, "us-east-1")
    for index in range(objects):
        backend.put_object(BUCKET, f"many/{index:07d}.csv", b"id\n1\n")
    print("ready", flush=True)
    sys.stdin.read()
    server.stop()


def start_server(objects: int) -> tuple[subprocess.Popen[str], str]:
    port = free_port()
    child = subprocess.Popen(
        [sys.executable, __file__, "--serve", str(port), "--objects", str(objects)],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        text=True,
    )
    assert child.stdout is not None
    if child.stdout.readline().strip() != "ready":
        child.kill()
        raise RuntimeError("the moto server did not start")
    return child, f"http://127.0.0.1:{port}"


def timed(work: Callable[[], int]) -> tuple[int, float]:
    started = time.perf_counter()
    count = work()
    return count, time.perf_counter() - started


def traced(work: Callable[[], Any]) -> tuple[Any, int]:
    tracemalloc.start()
    try:
        result = work()
        return result, tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()


def count(items: Iterator[Any]) -> int:
    return sum(1 for _ in items)


def _held_bytes(items: Iterator[Any], how_many: int) -> int:
    held = list(islice(items, how_many))
    del items  # only the entries stay
    return tracemalloc.get_traced_memory()[0] if held else 0


def measure(name: str, listing: Callable[[], Iterator[Any]]) -> None:
    seen, seconds = timed(lambda: count(listing()))
    _, peak = traced(lambda: count(listing()))
    print(
        f"{name:6} {seen:,} entries in {seconds:.1f} s ({seen / seconds:,.0f}/s), "
        f"tracemalloc peak {peak / 2**20:.2f} MiB"
    )


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--objects", type=int, default=100_000)
    parser.add_argument("--page-size", type=int, default=1000)
    parser.add_argument("--serve", type=int, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.serve:
        serve(args.serve, args.objects)
        return
    seeding = time.perf_counter()
    child, url = start_server(args.objects)
    print(f"moto server with {args.objects:,} objects in {time.perf_counter() - seeding:.1f} s")
    try:
        params = {"s3AccessKey": "testing", "s3SecretKey": "testing", "serviceUrl": url}
        connector = S3Connector.from_auth(params, page_size=args.page_size)
        folder = f"/{BUCKET}/many"
        next(iter(connector.browse(folder)))  # load botocore's models before measuring
        tenth = args.objects // 10
        held, _ = traced(lambda: _held_bytes(connector.browse(folder), tenth))
        print(
            f"holding {tenth:,} browse entries takes {held / 2**20:.1f} MiB "
            f"(all of them: ~{held * 10 / 2**20:.0f} MiB)"
        )
        measure("list", lambda: connector.list(folder))
        measure("browse", lambda: connector.browse(folder))
    finally:
        assert child.stdin is not None
        child.stdin.close()
        child.wait(timeout=30)


if __name__ == "__main__":
    main()
