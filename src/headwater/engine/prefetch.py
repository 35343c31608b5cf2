"""Running a producer of batches one step ahead of its consumer, in a thread of its own.

The Delta writer encodes Parquet in native code while the next batches are read, mapped and
validated (native code as well, mostly): with the producer in its own thread both proceed at
once. The queue between them holds at most ``depth`` items, so memory stays bounded.
"""

from __future__ import annotations

import contextlib
import queue
import threading
from collections.abc import Iterator
from typing import Generic, TypeVar

T = TypeVar("T")
_POLL = 0.1  # seconds between checks for a consumer that went away


class _Done:
    pass


_DONE = _Done()


class Prefetched(Generic[T]):
    """An iterator over ``source``'s items, computed ahead in a background thread.

    The producer's exception is raised to the consumer when it reaches that point. Closing (or
    leaving the ``with`` block) stops the producer at its next item and waits for it.
    """

    def __init__(self, source: Iterator[T], *, depth: int = 2, name: str = "prefetch") -> None:
        self._source = source
        self._queue: queue.Queue[T | _Done | BaseException] = queue.Queue(maxsize=depth)
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._produce, name=name, daemon=True)
        self._thread.start()

    def __iter__(self) -> Iterator[T]:
        return self

    def __next__(self) -> T:
        item = self._queue.get()
        if isinstance(item, _Done):
            self._queue.put(item)  # stay exhausted
            raise StopIteration
        if isinstance(item, BaseException):
            self._queue.put(_DONE)
            raise item
        return item

    def close(self) -> None:
        self._stop.set()
        while self._thread.is_alive():
            with contextlib.suppress(queue.Empty):  # unblock a producer waiting for room
                self._queue.get(timeout=_POLL)
        self._thread.join()

    def __enter__(self) -> Prefetched[T]:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def _produce(self) -> None:
        try:
            for item in self._source:
                if not self._put(item):
                    return
        except BaseException as error:  # handed to the consumer, raised there
            self._put(error)
            return
        finally:
            close = getattr(self._source, "close", None)
            if self._stop.is_set() and close is not None:
                close()
        self._put(_DONE)

    def _put(self, item: T | _Done | BaseException) -> bool:
        while not self._stop.is_set():
            try:
                self._queue.put(item, timeout=_POLL)
                return True
            except queue.Full:
                continue
        return False
