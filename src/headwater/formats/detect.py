"""Detect a file's properties from its first bytes (the explore API's ``determineProperties``).

Compression comes from magic bytes (gzip ``1f 8b``, bzip2 ``BZh``, zip ``PK``, tar ``ustar`` at
offset 257, a gzip stream holding a tar → ``tarGzip``, a zlib header → ``deflate``); raw deflate
has no magic and is taken from the name (``.deflate``/``.zz``). The sample is then decompressed as
far as it goes (for archives: the first regular member) and its content sniffed: ``PAR1`` →
parquet, first non-space byte ``{``/``[`` → json, anything else → delimited, whose delimiter is
the candidate among ``, \\t ; | ^`` that occurs the same number of times (and most often) on
every sampled line, outside quotes. When the decompressed sample is empty (bzip2 needs a whole
block) or binary, the file type comes from the name's extension.
"""

from __future__ import annotations

import bz2
import re
import zlib
from dataclasses import dataclass
from typing import Literal

from headwater.formats._streams import deflate_wbits
from headwater.formats.compression import infer_codec, inner_name
from headwater.formats.errors import DetectionFailed

FileType = Literal["delimited", "json", "parquet"]

DELIMITERS = (",", "\t", ";", "|", "^")

_QUOTED = re.compile(r'"(?:[^"]|"")*"')
_EXTENSIONS: dict[str, FileType] = {
    ".csv": "delimited",
    ".tsv": "delimited",
    ".txt": "delimited",
    ".psv": "delimited",
    ".json": "json",
    ".jsonl": "json",
    ".ndjson": "json",
    ".parquet": "parquet",
}


@dataclass(frozen=True)
class Detected:
    """Detected file properties, in the platform's vocabulary.

    Attributes:
        file_type: ``delimited``, ``json`` or ``parquet``.
        compression: A compression type (``gzip``, ``zipDeflate``…) or ``None``.
        column_delimiter: The delimiter of a delimited file, else ``None``.
    """

    file_type: FileType
    compression: str | None
    column_delimiter: str | None


def _inflate(data: bytes, wbits: int) -> bytes:
    try:
        return zlib.decompressobj(wbits).decompress(data)
    except zlib.error:
        return b""


def _is_tar(data: bytes) -> bool:
    return data[257:262] == b"ustar"


def _is_zlib(sample: bytes) -> bool:
    return deflate_wbits(sample) == 15 and bool(_inflate(sample[:4096], 15))


def _sniff_codec(sample: bytes, name: str) -> str | None:
    if sample[:2] == b"\x1f\x8b":
        return "tarGzip" if _is_tar(_inflate(sample, 47)) else "gzip"
    if sample[:3] == b"BZh":
        return "bzip2"
    if sample[:4] in (b"PK\x03\x04", b"PK\x05\x06"):
        return "zipDeflate"
    if _is_tar(sample):
        return "tar"
    if _is_zlib(sample):
        return "deflate"
    return "deflate" if infer_codec(name) == "deflate" else None


def _tar_first_file(data: bytes) -> bytes:
    offset = 0
    while offset + 512 <= len(data) and _is_tar(data[offset:]):
        size_field = data[offset + 124 : offset + 136].strip(b"\0 ") or b"0"
        size = int(size_field, 8)
        if data[offset + 156 : offset + 157] in (b"0", b"\0"):
            return data[offset + 512 : offset + 512 + size]
        offset += 512 + (size + 511) // 512 * 512
    return b""


def _zip_first_file(data: bytes) -> bytes:
    offset = 0
    while data[offset : offset + 4] == b"PK\x03\x04":
        method = int.from_bytes(data[offset + 8 : offset + 10], "little")
        size = int.from_bytes(data[offset + 18 : offset + 22], "little")
        name_len = int.from_bytes(data[offset + 26 : offset + 28], "little")
        extra_len = int.from_bytes(data[offset + 28 : offset + 30], "little")
        start = offset + 30 + name_len + extra_len
        if not data[offset + 30 : offset + 30 + name_len].endswith(b"/"):
            body = data[start:]
            return _inflate(body, -15) if method == 8 else body[:size] if size else body
        offset = start + size
    return b""


def _content(sample: bytes, codec: str | None) -> bytes:
    if codec == "gzip":
        return _inflate(sample, 47)
    if codec == "deflate":
        return _inflate(sample, deflate_wbits(sample))
    if codec == "bzip2":
        try:
            return bz2.BZ2Decompressor().decompress(sample)
        except (OSError, EOFError):
            return b""
    if codec == "tarGzip":
        return _tar_first_file(_inflate(sample, 47))
    if codec == "tar":
        return _tar_first_file(sample)
    if codec == "zipDeflate":
        return _zip_first_file(sample)
    return sample


def _type_from_name(name: str) -> FileType | None:
    lower = inner_name(name).lower()
    for extension, file_type in _EXTENSIONS.items():
        if lower.endswith(extension):
            return file_type
    return None


def _file_type(content: bytes, name: str) -> FileType:
    if content.startswith(b"PAR1"):
        return "parquet"
    body = content.removeprefix(b"\xef\xbb\xbf").lstrip()
    if body[:1] in (b"{", b"["):
        return "json"
    if body and b"\0" not in body[:4096]:  # binary content is no delimited text
        return "delimited"
    file_type = _type_from_name(name)
    if file_type is None:
        raise DetectionFailed(f"cannot determine the file type of {name!r} from its content")
    return file_type


def sniff_delimiter(content: bytes) -> str:
    """Return the most likely column delimiter among ``, \\t ; | ^`` (``,`` when unsure).

    Quoted text is ignored. A candidate found the same, non-zero number of times on every
    sampled line wins (the most frequent such one); otherwise the most frequent overall.
    """
    text = _QUOTED.sub("", content.decode("utf-8", errors="replace"))
    lines = [line for line in text.splitlines() if line.strip()]
    if len(lines) > 1 and not text.endswith(("\n", "\r")):
        lines = lines[:-1]  # the sample probably cut the last line short
    lines = lines[:50]
    if not lines:
        return ","

    def score(candidate: str) -> tuple[bool, int]:
        counts = [line.count(candidate) for line in lines]
        return (counts[0] > 0 and len(set(counts)) == 1, sum(counts))

    best = max(DELIMITERS, key=score)
    return best if score(best)[1] > 0 else ","


def detect_properties(sample: bytes, name: str) -> Detected:
    """Detect file type, compression and delimiter from the first bytes of a file.

    Args:
        sample: The first bytes of the stored file (64 KiB or more is best).
        name: The file's name, used when the content is inconclusive.

    Returns:
        The detected properties.

    Raises:
        DetectionFailed: (``1375``) when the content is empty and the name does not tell.
    """
    compression = _sniff_codec(sample, name)
    content = _content(sample, compression)
    file_type = _file_type(content, name)
    delimiter = sniff_delimiter(content) if file_type == "delimited" and content else None
    if file_type == "delimited" and delimiter is None:
        delimiter = ","
    return Detected(file_type, compression, delimiter)
