"""A landing-zone folder of 100,000 files: listing it and exploring it page by page stay bounded.

Memory is measured with tracemalloc against what holding every entry would take (estimated
from holding 10,000 of them). Listing and browsing share the chunked folder reader, so one
traced pass over the folder covers both. Times are not asserted (see ``bench/connectors``).
"""

from __future__ import annotations

import os
import tracemalloc
from collections.abc import Callable, Iterator
from itertools import islice
from pathlib import Path
from typing import Any

import pytest

from headwater.connectors.landing_zone_io import LandingZoneConnector
from headwater.services.explore import list_folder

FILES = 100_000
CONTAINER = "dlz-user-container"

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def container(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("big") / CONTAINER
    folder = root / "big"
    folder.mkdir(parents=True)
    flags = os.O_CREAT | os.O_WRONLY
    for index in range(FILES):
        os.close(os.open(folder / f"f{index:06d}.csv", flags, 0o644))
    (folder / "zz-sub").mkdir()
    return root


def peak_bytes(work: Callable[[], Any]) -> tuple[Any, int]:
    tracemalloc.start()
    try:
        result = work()
        return result, tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()


def count(items: Iterator[Any]) -> int:
    return sum(1 for _ in items)


@pytest.fixture(scope="module")
def all_entries_bytes(container: Path) -> int:
    """What holding every browse entry of the folder would take (10,000 of them, times 10)."""
    connector = LandingZoneConnector(container)
    tracemalloc.start()
    try:
        held = list(islice(connector.browse("big"), 10_000))
        size = tracemalloc.get_traced_memory()[0]
    finally:
        tracemalloc.stop()
    assert len(held) == 10_000
    return size * FILES // 10_000


def test_listing_streams_in_bounded_chunks(container: Path, all_entries_bytes: int) -> None:
    connector = LandingZoneConnector(container)
    seen, peak = peak_bytes(lambda: count(connector.list("big/*.csv")))
    assert seen == FILES
    assert peak < all_entries_bytes / 4, (peak, all_entries_bytes)


def test_explore_pages_hold_one_page(container: Path, all_entries_bytes: int) -> None:
    connector = LandingZoneConnector(container)
    page, peak = peak_bytes(lambda: list_folder(connector, "big", limit=1000))
    assert len(page.items) == 1000 and page.next_token
    assert page.items[0]["path"] == f"{CONTAINER}/big/f000000.csv"
    assert peak < all_entries_bytes / 10, (peak, all_entries_bytes)

    names: list[str] = []
    token: str | None = None
    while True:
        page = list_folder(connector, "big", limit=10_000, continuation_token=token)
        names += [item["name"] for item in page.items]
        token = page.next_token
        if token is None:
            break
    assert len(names) == FILES + 1 == len(set(names))
    assert names[-1] == "zz-sub" and names == sorted(names)
