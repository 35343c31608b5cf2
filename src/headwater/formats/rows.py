"""Record numbering (the ``_hw_row`` column), column naming and batch sizing, all vectorised."""

from __future__ import annotations

import functools
from collections.abc import Callable, Iterable, Iterator, Sequence
from typing import NamedTuple, TypeAlias

import pyarrow as pa  # type: ignore[import-untyped]
import pyarrow.compute as pc  # type: ignore[import-untyped]

ROW_COLUMN = "_hw_row"
"""Name of the int64 column holding each record's 1-based number within its source member."""


def row_numbers(start: int, count: int) -> pa.Array:
    """Return the int64 array ``start, start + 1, …, start + count - 1``."""
    if count == 0:
        return pa.array([], type=pa.int64())
    return pc.add(_counting(1 << (count - 1).bit_length()).slice(0, count), start)


@functools.lru_cache(maxsize=8)
def _counting(size: int) -> pa.Array:
    """``0, 1, …, size - 1``, made once per size (batches have a few sizes)."""
    return pc.cumulative_sum(pa.repeat(pa.scalar(1, pa.int64()), size), start=-1)


def row_numbers_skipping(start: int, count: int, skipped: Sequence[int]) -> tuple[pa.Array, int]:
    """Number ``count`` records from ``start`` on, leaving out the numbers in ``skipped``.

    ``skipped`` must be sorted. Returns the numbers and how many of ``skipped`` were passed over
    (those at or below the last number given out).
    """
    end = start + count - 1
    used = 0
    while used < len(skipped) and skipped[used] <= end:
        if skipped[used] >= start:
            end += 1
        used += 1
    numbers = row_numbers(start, end - start + 1)
    if end - start + 1 != count:
        mask = pc.is_in(numbers, value_set=pa.array(skipped[:used], type=pa.int64()))
        numbers = numbers.filter(pc.invert(mask))
    return numbers, used


def with_row_numbers(
    batch: pa.RecordBatch, numbers: pa.Array, names: Sequence[str]
) -> pa.RecordBatch:
    """Return ``batch`` with its columns renamed to ``names`` and the ``_hw_row`` column added."""
    return pa.RecordBatch.from_arrays([*batch.columns, numbers], names=[*names, ROW_COLUMN])


def split(batch: pa.RecordBatch, max_rows: int) -> Iterator[pa.RecordBatch]:
    """Yield zero-copy slices of ``batch`` of at most ``max_rows`` rows (nothing when empty)."""
    for offset in range(0, batch.num_rows, max_rows):
        yield batch.slice(offset, max_rows)


def unique_names(names: Iterable[str]) -> list[str]:
    """Make column names unique and non-empty, deterministically.

    * an empty name becomes ``_c<i>`` (``i`` = 0-based column position, as Spark names them);
    * the first occurrence of a name keeps it; the k-th repeat (k ≥ 2) becomes ``<name>_<k>``,
      increasing ``k`` while that is taken by another column;
    * a column called ``_hw_row`` is renamed like a repeat (``_hw_row_2``): the name is reserved.

    Names are compared case-sensitively. Example: ``a,,a,b,a`` → ``a,_c1,a_2,b,a_3``.
    """
    given = [name if name != "" else f"_c{index}" for index, name in enumerate(names)]
    taken = {ROW_COLUMN, *given}
    seen: dict[str, int] = {}
    result: list[str] = []
    for name in given:
        count = seen.get(name, 0) + 1
        seen[name] = count
        if count == 1 and name != ROW_COLUMN:
            result.append(name)
            continue
        result.append(_next_free(name, max(count, 2), taken))
    return result


def _next_free(name: str, k: int, taken: set[str]) -> str:
    while f"{name}_{k}" in taken:
        k += 1
    candidate = f"{name}_{k}"
    taken.add(candidate)
    return candidate


class BadRow(NamedTuple):
    """A record that could not be parsed into the file's columns (e.g. too few fields).

    Attributes:
        source: The file (or ``file!member``) it comes from.
        row_number: Its 1-based record number (the same numbering as ``_hw_row``; for delimited
            files the header is not counted), or ``None`` when unknown.
        raw: The record's text as read.
        message: Why it was rejected.
    """

    source: str
    row_number: int | None
    raw: str
    message: str


BadRowHandler: TypeAlias = Callable[[BadRow], None]
