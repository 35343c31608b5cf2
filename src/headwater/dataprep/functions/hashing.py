"""Hashing: ``sha1``, ``sha256``, ``sha512``, ``md5`` and ``crc32`` of a text, as lowercase hex.

The optional ``CHARSET`` (a constant: ``UTF-8`` by default, ``UTF-16``, ``ISO-8859-1`` or
``US-ASCII``, case-insensitive) says which bytes of the text are hashed, as Java's
``String.getBytes(charset)`` writes them: ``UTF-16`` is a big-endian byte-order mark ``FE FF``
then UTF-16BE (no mark for the empty text), and a character that ISO-8859-1 or US-ASCII cannot
hold becomes ``?``. ``crc32`` writes its four bytes least significant first, as the platform's
Guava ``HashCode`` does: ``crc32("my text", "UTF-8")`` is ``8df92e80`` where ``zlib`` reads
``802ef98d``.

How it runs: MD5, SHA-1 and SHA-256 of UTF-8 text run in DuckDB, vectorised over the batch.
SHA-512, CRC-32 and the other charsets call ``hashlib``/``zlib`` once per distinct value of
the batch (see ``_kernels``).
"""

from __future__ import annotations

import hashlib
import zlib
from collections.abc import Callable, Sequence
from functools import partial

import polars as pl

from headwater.dataprep.functions._kernels import duckdb_map, map_distinct, text_arg
from headwater.dataprep.functions.registry import FunctionDef, Param
from headwater.dataprep.values import ExpressionError, Value

CATEGORY = "Hashing"
UTF_8, UTF_16, ISO_8859_1, US_ASCII = "UTF-8", "UTF-16", "ISO-8859-1", "US-ASCII"
_ALIASES = {
    "UTF8": UTF_8,
    "UTF16": UTF_16,
    "ISO8859_1": ISO_8859_1,
    "ISO_8859_1": ISO_8859_1,
    "LATIN1": ISO_8859_1,
    "ASCII": US_ASCII,
    **{name: name for name in (UTF_8, UTF_16, ISO_8859_1, US_ASCII)},
}
_DUCKDB_UTF8 = frozenset({"md5", "sha1", "sha256"})


def java_bytes(text: str, charset: str = UTF_8) -> bytes:
    """The bytes of ``text`` in ``charset``, as Java's ``String.getBytes`` writes them."""
    if charset == UTF_8:
        return text.encode("utf-8")
    if charset == UTF_16:
        return b"\xfe\xff" + text.encode("utf-16-be") if text else b""
    # Java replaces a character the charset cannot hold with "?", as Python's "replace" does.
    return text.encode("latin-1" if charset == ISO_8859_1 else "ascii", errors="replace")


def _digest(algorithm: str, data: bytes) -> str:
    if algorithm == "crc32":
        return zlib.crc32(data).to_bytes(4, "little").hex()
    return hashlib.new(algorithm, data).hexdigest()


def _hash_text(algorithm: str, charset: str, text: str) -> str:
    return _digest(algorithm, java_bytes(text, charset))


def _scalar(algorithm: str, text: str | None, charset: str | None = None) -> str | None:
    if text is None:
        return None
    return _hash_text(algorithm, _charset_name(charset, function=algorithm), text)


def _charset_name(name: str | None, *, function: str) -> str:
    if name is None:
        return UTF_8
    charset = _ALIASES.get(name.upper().replace(" ", ""))
    if charset is None:
        raise ExpressionError(
            f"{function}: unsupported charset {name!r}; use UTF-8, UTF-16, ISO-8859-1 or US-ASCII"
        )
    return charset


def _charset_arg(args: Sequence[Value], *, function: str) -> str:
    if len(args) < 2:
        return UTF_8
    value = args[1]
    if not value.is_constant:
        raise ExpressionError(f"{function}: the charset must be a constant")
    if value.constant is not None and not isinstance(value.constant, str):
        raise ExpressionError(f"{function}: the charset must be a text")
    return _charset_name(value.constant, function=function)


def _compiler(algorithm: str) -> Callable[[Sequence[Value]], Value]:
    def compile_hash(args: Sequence[Value]) -> Value:
        text = text_arg(args[0], function=algorithm, param="INPUT")
        charset = _charset_arg(args, function=algorithm)
        kernel: Callable[[pl.Series], pl.Series]
        if charset == UTF_8 and algorithm in _DUCKDB_UTF8:
            kernel = partial(duckdb_map, function=algorithm)
        else:
            hash_one = partial(_hash_text, algorithm, charset)
            kernel = partial(map_distinct, function=hash_one, dtype=pl.String())
        return Value(text.map_batches(kernel, pl.String, is_elementwise=True), pl.String())

    return compile_hash


_SPECS = (
    ("sha1", "Secure Hash Algorithm 1 (SHA-1)", "c3599c11e47719df18a2448690840c5dfcce3c80"),
    (
        "sha256",
        "Secure Hash Algorithm 256 (SHA-256)",
        "7330d2b39ca35eaf4cb95fc846c21ee6a39af698154a83a586ee270a0d372104",
    ),
    (
        "sha512",
        "Secure Hash Algorithm 512 (SHA-512)",
        "a3d7e45a0d9be5fd4e4b9a3b8c9c2163c21ef708bf11b4232bb21d2a8704ada2"
        "cdcd7b367dd0788a89a5c908cfe377aceb1072a7b386b7d4fd2ff68a8fd24d16",
    ),
    ("md5", "MD5", "d3b96ce8c9fb4e9bd0198d03ba6852c7"),
    ("crc32", "a cyclic redundancy check (CRC-32)", "8df92e80"),
)
_PARAMS = (
    Param("INPUT", "The plain text to be hashed."),
    Param(
        "CHARSET",
        "The name of the character set: UTF-8 (default), UTF-16, ISO-8859-1 or US-ASCII.",
        optional=True,
    ),
)

FUNCTIONS: tuple[FunctionDef, ...] = tuple(
    FunctionDef(
        name=name,
        category=CATEGORY,
        description=f"Takes an input and produces a hash value using {algorithm}, as hex.",
        syntax=f"String {name}(String, String)",
        return_type="java.lang.String",
        example=f'{name}("my text", "UTF-8")',
        result=result,
        params=_PARAMS,
        compile=_compiler(name),
        scalar=partial(_scalar, name),
    )
    for name, algorithm, result in _SPECS
)
