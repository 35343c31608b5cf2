"""Special operations: ``uuid()`` / ``guid()`` and ``fpid_to_ecid(STRING)``.

``uuid()`` (alias ``guid()``) gives each row a random version-4 UUID, lowercase: the batch's
16-byte values come from ``os.urandom`` at once and are formatted as text with numpy, without
Python per row.

``fpid_to_ecid`` turns a first-party ID into a 38-digit Experience Cloud ID. Adobe documents
that the conversion is deterministic and that ECIDs are 38 digits, but not its algorithm, and
the platform's example (``4ed70bee-…`` → ``28880788470263023831040523038280731744``) matches
none of the usual derivations we tried (MD5, SHA-1/2, MurmurHash3 or the raw bits of the UUID,
either half order, signed or masked), so ours is our own and its ECIDs are not the platform's:
the MD5 digest of the lowercased FPID, split into two 64-bit halves (big-endian), each with its
top bit cleared and written as 19 zero-padded decimal digits (the two-number layout of the
ECIDs that Adobe's SDKs write). The Edge Network accepts only UUIDs as FPIDs, so a text that is
not a UUID gives null and an error. The digest runs in DuckDB over the batch, the rest in
Polars.
"""

from __future__ import annotations

import hashlib
import os
import re
from collections.abc import Sequence

import numpy as np
import polars as pl

from headwater.dataprep.functions._kernels import duckdb_map, text_arg
from headwater.dataprep.functions.registry import FunctionDef, Param
from headwater.dataprep.values import Value

CATEGORY = "Special operations"
NOT_UUID = "the FPID is not a UUID"
UUID_PATTERN = "^[0-9A-Fa-f]{8}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{12}$"
_LOW_63_BITS = (1 << 63) - 1
_HEX_ASCII = np.frombuffer(b"0123456789abcdef", dtype=np.uint8)
# Where the 32 hex digits go in the 36 characters of a UUID, between the four dashes.
_DIGIT_AT = np.array([i for i in range(36) if i not in (8, 13, 18, 23)])


def random_uuids(count: int) -> pl.Series:
    """``count`` random version-4 UUIDs as text."""
    raw = np.frombuffer(os.urandom(16 * count), dtype=np.uint8).reshape(count, 16).copy()
    raw[:, 6] = (raw[:, 6] & 0x0F) | 0x40  # version 4
    raw[:, 8] = (raw[:, 8] & 0x3F) | 0x80  # RFC 4122 variant
    nibbles = np.stack([raw >> 4, raw & 0x0F], axis=-1).reshape(count, 32)
    text = np.full((count, 36), ord("-"), dtype=np.uint8)
    text[:, _DIGIT_AT] = _HEX_ASCII[nibbles]
    return pl.Series(np.ascontiguousarray(text).view("S36").ravel()).cast(pl.String)


def _uuid(args: Sequence[Value]) -> Value:
    rows = pl.int_range(pl.len(), dtype=pl.UInt32)
    return Value(
        rows.map_batches(lambda batch: random_uuids(len(batch)), pl.String, is_elementwise=True),
        pl.String(),
    )


def ecids(fpids: pl.Series) -> pl.Series:
    """The ECIDs of a batch of FPIDs that are UUIDs (null elsewhere)."""
    canonical = pl.select(pl.when(fpids.str.contains(UUID_PATTERN)).then(fpids.str.to_lowercase()))
    digest = duckdb_map(canonical.to_series(), "md5")
    halves = [
        (digest.str.slice(start, 16).str.to_integer(base=16, dtype=pl.UInt64) & _LOW_63_BITS)
        .cast(pl.String)
        .str.zfill(19)
        for start in (0, 16)
    ]
    return (halves[0] + halves[1]).rename(fpids.name)


def _fpid_to_ecid(args: Sequence[Value]) -> Value:
    fpid = text_arg(args[0], function="fpid_to_ecid", param="STRING")
    error = pl.when(~fpid.str.contains(UUID_PATTERN)).then(pl.lit(NOT_UUID))
    return Value(fpid.map_batches(ecids, pl.String, is_elementwise=True), pl.String(), error=error)


def fpid_to_ecid(fpid: str | None) -> str | None:
    """The ECID of one FPID (the plain-Python reference of the function)."""
    if fpid is None or not re.fullmatch(UUID_PATTERN, fpid):
        return None
    digest = hashlib.md5(fpid.lower().encode(), usedforsecurity=False).digest()
    high, low = (int.from_bytes(digest[i : i + 8], "big") & _LOW_63_BITS for i in (0, 8))
    return f"{high:019d}{low:019d}"


FUNCTIONS: tuple[FunctionDef, ...] = (
    FunctionDef(
        name="uuid",
        category=CATEGORY,
        description="Generates a pseudo-random ID.",
        syntax="String uuid()",
        return_type="java.lang.String",
        example="uuid()",
        result="7c0267d2-bb74-4e1a-9275-3bf4fccda5f4",
        params=(),
        compile=_uuid,
        aliases=("guid",),
    ),
    FunctionDef(
        name="fpid_to_ecid",
        category=CATEGORY,
        description="Takes an FPID string and converts it into an ECID to be used in Adobe "
        "Experience Platform and Adobe Experience Cloud applications.",
        syntax="String fpid_to_ecid(String)",
        return_type="java.lang.String",
        example='fpid_to_ecid("4ed70bee-b654-420a-a3fd-b58b6b65e991")',
        result=f'"{fpid_to_ecid("4ed70bee-b654-420a-a3fd-b58b6b65e991")}"',
        params=(Param("STRING", "The FPID string to be converted into ECID."),),
        compile=_fpid_to_ecid,
        scalar=fpid_to_ecid,
    ),
)
