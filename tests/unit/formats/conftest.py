"""Helpers shared by the formats tests: read bytes or files to one table."""

from __future__ import annotations

import io
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pyarrow as pa
import pytest

from headwater.formats import BadRow, FormatOptions, read_batches

Reader = Callable[..., tuple[list[pa.RecordBatch], list[BadRow]]]


def _read(
    data: bytes | Path, options: FormatOptions, *, source: str = "test", **kwargs: Any
) -> tuple[list[pa.RecordBatch], list[BadRow]]:
    bad: list[BadRow] = []
    kwargs.setdefault("on_bad_row", bad.append)
    if isinstance(data, Path):
        with data.open("rb") as stream:
            batches = list(read_batches(stream, options, source=source, **kwargs))
    else:
        batches = list(read_batches(io.BytesIO(data), options, source=source, **kwargs))
    return batches, bad


@pytest.fixture
def read() -> Reader:
    """``read(data, options, **kw) -> (batches, bad_rows)``; data is bytes or a file path."""
    return _read


def rows(batches: list[pa.RecordBatch], *, numbers: bool = False) -> list[dict[str, Any]]:
    """All rows of ``batches`` as dicts, without ``_hw_row`` unless ``numbers``."""
    out = [row for batch in batches for row in batch.to_pylist()]
    if not numbers:
        for row in out:
            row.pop("_hw_row", None)
    return out


@pytest.fixture
def to_rows() -> Callable[..., list[dict[str, Any]]]:
    """``to_rows(batches, numbers=False)``: the rows of a list of batches as dicts."""
    return rows


class Trickle(io.RawIOBase):
    """A non-seekable stream returning at most ``step`` bytes per read; refuses whole reads."""

    def __init__(self, data: bytes, step: int = 7, max_read: int = 1 << 22) -> None:
        super().__init__()
        self._data = memoryview(data)
        self._step = step
        self._max_read = max_read
        self.largest_request = 0

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: Any) -> int:
        self.largest_request = max(self.largest_request, len(buffer))
        count = min(len(buffer), self._step, len(self._data))
        buffer[:count] = self._data[:count]
        self._data = self._data[count:]
        return count

    def read(self, size: int = -1) -> bytes:
        if size is None or size < 0 or size > self._max_read:
            raise AssertionError(f"whole-stream read requested (size={size})")
        return super().read(size) or b""


@pytest.fixture
def trickle() -> type[Trickle]:
    """The :class:`Trickle` stream class."""
    return Trickle
