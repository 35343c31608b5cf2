"""Turn multi-line JSON (a top-level array, or pretty-printed objects) into JSON Lines, streaming.

The scan is vectorised with ``pyarrow.compute`` over each chunk of bytes, carrying three values
from chunk to chunk: whether we are inside a string, how many backslashes end the chunk, and the
nesting depth. Outside strings, line breaks nested in an object become spaces; for an array, its
own brackets become spaces and the commas between its elements become line breaks. The result
has one top-level value per line, which pyarrow's JSON reader parses block by block. Memory is
bounded by the chunk size, whatever the size of the document.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from functools import lru_cache

import pyarrow as pa  # type: ignore[import-untyped]
import pyarrow.compute as pc  # type: ignore[import-untyped]

from headwater.formats.errors import CorruptFile
from headwater.formats.rows import row_numbers

_QUOTE, _BACKSLASH, _COMMA, _NL, _CR, _SPACE = 34, 92, 44, 10, 13, 32
_LBRACE, _RBRACE, _LBRACKET, _RBRACKET = 123, 125, 91, 93


@dataclass
class _State:
    array: bool
    in_string: bool = False
    backslashes: int = 0
    depth: int = 0


@lru_cache(maxsize=4)
def _index(size: int) -> pa.Array:
    return row_numbers(0, size)


def _eq(values: pa.Array, byte: int) -> pa.Array:
    return pc.equal(values, pa.scalar(byte, pa.uint8()))


def _any_of(values: pa.Array, *candidates: int) -> pa.Array:
    mask = _eq(values, candidates[0])
    for byte in candidates[1:]:
        mask = pc.or_(mask, _eq(values, byte))
    return mask


def _shifted(values: pa.Array, first: int) -> pa.Array:
    head = pa.array([first], type=pa.int64())
    return pa.concat_arrays([head, values.slice(0, len(values) - 1)])


def _quotes(values: pa.Array, index: pa.Array, state: _State) -> pa.Array:
    """Mask of the quote characters that open or close a string (not escaped)."""
    before_chunk = -1 - state.backslashes
    is_backslash = _eq(values, _BACKSLASH)
    last_plain = pc.cumulative_max(pc.if_else(is_backslash, before_chunk, index))
    run = pc.subtract(pc.subtract(index, 1), _shifted(last_plain, before_chunk))
    escaped = pc.equal(pc.bit_wise_and(run, 1), 1)
    state.backslashes = len(values) - 1 - last_plain[-1].as_py()
    return pc.and_(_eq(values, _QUOTE), pc.invert(escaped))


def _structure(values: pa.Array, quotes: pa.Array, state: _State) -> tuple[pa.Array, pa.Array]:
    """Masks of the bytes outside strings, and the depth before each byte."""
    as_int = pc.cast(quotes, pa.int64())
    seen = pc.cumulative_sum(as_int, start=int(state.in_string))
    inside = pc.equal(pc.bit_wise_and(pc.subtract(seen, as_int), 1), 1)
    outside = pc.invert(pc.or_(inside, quotes))
    opens = pc.and_(outside, _any_of(values, _LBRACE, _LBRACKET))
    closes = pc.and_(outside, _any_of(values, _RBRACE, _RBRACKET))
    delta = pc.subtract(pc.cast(opens, pa.int64()), pc.cast(closes, pa.int64()))
    after = pc.cumulative_sum(delta, start=state.depth)
    state.in_string = seen[-1].as_py() % 2 == 1
    state.depth = after[-1].as_py()
    return outside, pc.subtract(after, delta)


def _rewrite(values: pa.Array, outside: pa.Array, depth: pa.Array, state: _State) -> pa.Array:
    nested = pc.greater_equal(depth, 1)
    to_space = pc.and_(pc.and_(outside, nested), _any_of(values, _NL, _CR))
    to_newline = pa.repeat(False, len(values))
    if state.array:
        top = pc.equal(depth, 1)
        to_newline = pc.and_(pc.and_(outside, top), _eq(values, _COMMA))
        opening = pc.and_(pc.equal(depth, 0), _eq(values, _LBRACKET))
        closing = pc.and_(top, _eq(values, _RBRACKET))
        to_space = pc.or_(to_space, pc.and_(outside, pc.or_(opening, closing)))
    space = pa.scalar(_SPACE, pa.uint8())
    newline = pa.scalar(_NL, pa.uint8())
    return pc.if_else(to_newline, newline, pc.if_else(to_space, space, values))


def _normalize_chunk(chunk: bytes, state: _State, source: str, offset: int) -> bytes:
    size = len(chunk)
    values = pa.Array.from_buffers(pa.uint8(), size, [None, pa.py_buffer(chunk)])
    quotes = _quotes(values, _index(size), state)
    outside, depth = _structure(values, quotes, state)
    if pc.min(depth).as_py() < 0 or state.depth < 0:
        raise CorruptFile(source, "unbalanced closing bracket in JSON document", byte=offset)
    out = _rewrite(values, outside, depth, state)
    buffer = out.buffers()[1]
    data: bytes = buffer.to_pybytes()
    return data[out.offset : out.offset + size]


def to_json_lines(chunks: Iterable[bytes], *, array: bool, source: str) -> Iterator[bytes]:
    """Rewrite a multi-line JSON document as JSON Lines (same length, bytes replaced in place).

    Args:
        chunks: The document's bytes, in chunks of any size.
        array: The document is a top-level array (its elements become the lines); otherwise it
            is a sequence of (pretty-printed) objects.
        source: The name used in errors.

    Raises:
        CorruptFile: when the document ends inside a string, object or array, or closes more
            brackets than it opens.
    """
    state = _State(array=array)
    offset = 0
    for chunk in chunks:
        if chunk:
            yield _normalize_chunk(chunk, state, source, offset)
            offset += len(chunk)
    if state.in_string or state.depth != 0:
        what = "a string" if state.in_string else "an object or array"
        raise CorruptFile(source, f"JSON document ends inside {what}", byte=offset)
