"""The producer thread between the engine's stages and the Delta writer."""

from __future__ import annotations

import threading
from collections.abc import Iterator

import pytest

from headwater.engine.prefetch import Prefetched


def test_items_arrive_in_order() -> None:
    with Prefetched(iter(range(100)), depth=3) as items:
        assert list(items) == list(range(100))
        assert list(items) == []  # stays exhausted


def test_the_producers_error_is_raised_where_the_consumer_reaches_it() -> None:
    def source() -> Iterator[int]:
        yield 1
        yield 2
        raise KeyError("broken")

    with Prefetched(source()) as items:
        assert next(items) == 1
        assert next(items) == 2
        with pytest.raises(KeyError, match="broken"):
            next(items)


def test_closing_early_stops_the_producer_and_runs_its_cleanup() -> None:
    produced: list[int] = []
    cleaned = threading.Event()

    def source() -> Iterator[int]:
        try:
            for i in range(1_000_000):
                produced.append(i)
                yield i
        finally:
            cleaned.set()

    items = Prefetched(source(), depth=2)
    assert next(items) == 0
    items.close()
    assert cleaned.is_set()
    assert len(produced) < 10  # bounded by the queue, not the source
