"""Percent-encoding kernels: numpy over the bytes of a whole Arrow string column at once.

A batch's texts are one contiguous UTF-8 buffer plus offsets. Encoding widens some bytes to
three, decoding folds escapes to one byte, so both are a few array operations over that buffer,
the new offsets shifted by how many escapes lie before them; whether decoded bytes are UTF-8 is
one regular expression over their hex digits, in Polars. No Python runs per row.
"""

from __future__ import annotations

import re
import urllib.parse
from string import ascii_letters, digits

import numpy as np
import numpy.typing as npt
import polars as pl
import pyarrow as pa  # type: ignore[import-untyped]

MALFORMED = "malformed %-escape"
NOT_UTF8 = "the decoded bytes are not UTF-8"
SAFE_CHARACTERS = frozenset(ascii_letters + digits + "-_.")
# Which UTF-8 byte sequences are valid (RFC 3629), over the lowercase hex digits of the bytes.
UTF8_HEX = (
    "^(?:[0-7][0-9a-f]|c[2-9a-f]C|d[0-9a-f]C|e0[ab][0-9a-f]C|e[1-9a-cef]CC|ed[89][0-9a-f]C"
    "|f09[0-9a-f]CC|f0[ab][0-9a-f]CC|f[1-3]CCC|f48[0-9a-f]CC)*$"
).replace("C", "[89ab][0-9a-f]")
_Bytes = npt.NDArray[np.uint8]
_Offsets = npt.NDArray[np.int64]
_Int16s = npt.NDArray[np.int16]
_SAFE = np.zeros(256, dtype=bool)
_SAFE[[ord(char) for char in SAFE_CHARACTERS]] = True
_WIDTH = np.array([3, 1], dtype=np.uint8)  # bytes written for an unsafe / a safe byte
_HEX_UPPER = np.frombuffer(b"0123456789ABCDEF", dtype=np.uint8)
_HEX_VALUE = np.full(256, -1, dtype=np.int16)
for _digit in "0123456789abcdefABCDEF":
    _HEX_VALUE[ord(_digit)] = int(_digit, 16)


def _buffers(texts: pl.Series) -> tuple[_Bytes, _Offsets]:
    array = texts.cast(pl.String).rechunk().to_arrow().cast(pa.large_string())
    _, offsets, data = array.buffers()
    bounds = np.frombuffer(offsets, dtype=np.int64)[array.offset : array.offset + len(array) + 1]
    raw = np.frombuffer(data, dtype=np.uint8) if data is not None else np.zeros(0, np.uint8)
    return raw[bounds[0] : bounds[-1]], bounds - bounds[0]


def _series(name: str, data: _Bytes, offsets: _Offsets, *, binary: bool = False) -> pl.Series:
    kind = pa.large_binary() if binary else pa.large_string()
    buffers = [None, pa.py_buffer(offsets.astype(np.int64)), pa.py_buffer(data)]
    return pl.Series(name, pa.Array.from_buffers(kind, len(offsets) - 1, buffers))


def encode(texts: pl.Series) -> pl.Series:
    """Every byte outside ``A-Z a-z 0-9 - _ .`` as ``%XX``."""
    data, offsets = _buffers(texts)
    unsafe = np.flatnonzero(~_SAFE[data])
    out = np.repeat(data, _WIDTH[_SAFE[data].view(np.uint8)])
    starts = unsafe + 2 * np.arange(len(unsafe))  # each earlier escape adds two bytes
    escaped = data[unsafe]
    out[starts] = ord("%")
    out[starts + 1] = _HEX_UPPER[escaped >> 4]
    out[starts + 2] = _HEX_UPPER[escaped & 0x0F]
    encoded = _series(texts.name, out, offsets + 2 * np.searchsorted(unsafe, offsets))
    return _with_nulls_of(texts, encoded)


def decode(texts: pl.Series) -> pl.Series:
    """``{text, error}``: ``%XX`` escapes decoded as UTF-8 bytes and ``+`` as a space.

    A ``%`` that does not start an escape (:data:`MALFORMED`) or decoded bytes that are not
    UTF-8 (:data:`NOT_UTF8`) give a null text and that error.
    """
    data, offsets = _buffers(texts)
    percent = np.flatnonzero(data == ord("%"))
    high, low = _hex_digits_after(data, offsets, percent)
    valid = (high >= 0) & (low >= 0)
    malformed = np.zeros(len(offsets) - 1, dtype=bool)
    malformed[np.searchsorted(offsets, percent[~valid], side="right") - 1] = True
    escapes = percent[valid]
    out = np.where(data == ord("+"), ord(" "), data).astype(np.uint8)
    out[escapes] = (high[valid] * 16 + low[valid]).astype(np.uint8)
    keep = np.ones(len(data), dtype=bool)
    keep[escapes + 1] = keep[escapes + 2] = False
    out, offsets = out[keep], offsets - 2 * np.searchsorted(escapes, offsets)
    utf8 = _series("", out, offsets, binary=True).bin.encode("hex").str.contains(UTF8_HEX)
    good = ~malformed & utf8.to_numpy()
    lengths = np.diff(offsets)  # only the good texts' bytes, so that all of them are UTF-8
    text = _series("text", out[np.repeat(good, lengths)], np.cumsum(np.append(0, lengths * good)))
    bad_escape = pl.Series(malformed)
    errors = pl.select(
        text=pl.when(pl.Series(good)).then(text),
        error=pl.when(bad_escape).then(pl.lit(MALFORMED)).when(~utf8).then(pl.lit(NOT_UTF8)),
    )
    return _with_nulls_of(texts, errors.to_struct(texts.name))


def _with_nulls_of(texts: pl.Series, result: pl.Series) -> pl.Series:
    return pl.select(pl.when(texts.is_not_null()).then(result)).to_series().rename(texts.name)


def _hex_digits_after(
    data: _Bytes, offsets: _Offsets, positions: _Offsets
) -> tuple[_Int16s, _Int16s]:
    """The values of the two hex digits after each position (-1: no digit, or past its text)."""
    text_starts = np.zeros(len(data) + 2, dtype=bool)  # where a next text (or the end) begins
    text_starts[offsets[1:]] = True
    text_starts[len(data) :] = True
    padded = np.append(data, [0, 0])
    first, second = positions + 1, positions + 2
    high = np.where(text_starts[first], -1, _HEX_VALUE[padded[first]])
    low = np.where(text_starts[first] | text_starts[second], -1, _HEX_VALUE[padded[second]])
    return high, low


def encode_text(text: str | None) -> str | None:
    """Plain-Python twin of :func:`encode`."""
    if text is None:
        return None
    return "".join(
        char if char in SAFE_CHARACTERS else "".join(f"%{byte:02X}" for byte in char.encode())
        for char in text
    )


def decode_text(text: str | None) -> str | None:
    """Plain-Python twin of :func:`decode`: None for a malformed escape or non-UTF-8 bytes."""
    if text is None or text.count("%") != len(re.findall("%[0-9A-Fa-f]{2}", text)):
        return None
    try:
        return urllib.parse.unquote_to_bytes(text.replace("+", " ")).decode("utf-8")
    except UnicodeDecodeError:
        return None
