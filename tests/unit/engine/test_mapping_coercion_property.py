"""Property: the vectorised coercion agrees with a plain scalar reference, value by value."""

from __future__ import annotations

import datetime as dt
import math
import re
from typing import Any

import pyarrow as pa
from engine_cases import RICH, batch, records
from hypothesis import given, settings
from hypothesis import strategies as st

from headwater.engine.mapping import MappingRule, compile_mapping

RANGES = {
    "tiny": (-128, 127),
    "count": (-32768, 32767),
    "whole": (-(2**31), 2**31 - 1),
    "big": (-(2**53 - 1), 2**53 - 1),
}
INTEGER = re.compile(r"[+-]?[0-9]+", re.ASCII)
NUMBER = re.compile(r"[+-]?([0-9]+\.?[0-9]*|\.[0-9]+)([eE][+-]?[0-9]+)?", re.ASCII)
WORDS = {
    "true": True,
    "yes": True,
    "y": True,
    "on": True,
    "false": False,
    "no": False,
    "n": False,
    "off": False,
}
MAPPINGS = {
    name: compile_mapping([MappingRule("ATTRIBUTE", "v", name)], RICH)
    for name in [*RANGES, "flag", "amount", "_id", "day"]
}

texts = st.one_of(
    st.text(alphabet="0123456789+-.eE xYyEsNnOoTtRrUuFfAaLl", max_size=8),
    st.integers(min_value=-(2**64), max_value=2**64).map(str),
    st.sampled_from([*WORDS, "TRUE", "Off", "nO", "yes ", ""]),
    st.text(max_size=6),
)


def reference_integer(text: str | None, low: int, high: int) -> int | None:
    if text is None or INTEGER.fullmatch(text) is None:
        return None
    value = int(text)
    return value if low <= value <= high else None


def reference_number(text: str | None) -> float | None:
    if text is None or NUMBER.fullmatch(text) is None:
        return None
    value = float(text)
    return value if math.isfinite(value) else None


def reference_boolean(text: str | None) -> bool | None:
    return None if text is None else WORDS.get(text.lower())


def mapped(destination: str, values: list[Any] | pa.Array) -> tuple[list[Any], set[int]]:
    out = MAPPINGS[destination].apply(batch({"v": values}))
    got = [row[destination] for row in records(out.rows, destination)]
    return got, set(out.errors["row"].to_pylist())


def failed(values: list[Any], got: list[Any]) -> set[int]:
    return {
        i + 1
        for i, (v, g) in enumerate(zip(values, got, strict=True))
        if v is not None and g is None
    }


@settings(max_examples=150, deadline=None)
@given(st.lists(st.one_of(st.none(), texts), max_size=20))
def test_strings_to_every_integer_type(values: list[str | None]) -> None:
    for name, (low, high) in RANGES.items():
        got, error_rows = mapped(name, pa.array(values, pa.string()))
        assert got == [reference_integer(v, low, high) for v in values]
        assert error_rows == failed(values, got)


@settings(max_examples=150, deadline=None)
@given(st.lists(st.one_of(st.none(), texts), max_size=20))
def test_strings_to_numbers_and_booleans(values: list[str | None]) -> None:
    got, error_rows = mapped("amount", pa.array(values, pa.string()))
    assert got == [reference_number(v) for v in values]
    assert error_rows == failed(values, got)
    got, error_rows = mapped("flag", pa.array(values, pa.string()))
    assert got == [reference_boolean(v) for v in values]
    assert error_rows == failed(values, got)


@settings(max_examples=150, deadline=None)
@given(st.lists(st.one_of(st.none(), st.integers(-(2**63), 2**63 - 1)), max_size=20))
def test_integers_to_narrower_integers_numbers_and_strings(values: list[int | None]) -> None:
    source = pa.array(values, pa.int64())
    for name, (low, high) in RANGES.items():
        got, _ = mapped(name, source)
        assert got == [v if v is not None and low <= v <= high else None for v in values]
    assert mapped("amount", source)[0] == [None if v is None else float(v) for v in values]
    assert mapped("_id", source)[0] == [None if v is None else str(v) for v in values]


@settings(max_examples=100, deadline=None)
@given(
    st.lists(st.one_of(st.none(), st.dates(dt.date(1, 1, 1), dt.date(9999, 12, 31))), max_size=20)
)
def test_iso_dates_round_trip(values: list[dt.date | None]) -> None:
    text = [None if v is None else f"{v.year:04d}-{v.month:02d}-{v.day:02d}" for v in values]
    got, error_rows = mapped("day", pa.array(text, pa.string()))
    assert got == values
    assert error_rows == set()
