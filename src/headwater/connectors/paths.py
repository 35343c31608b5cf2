"""Source paths (``params.path``): parsing, validation and glob patterns, for every connector.

A path names a file, a folder, or files matching a glob in its last segments::

    /ingestion-demos/leads/tsv_data/*.tsv     leads/*premium*.csv     leads/**/*.tsv

The leading ``/`` is optional and doubled or trailing slashes are ignored. ``*`` matches any run
of characters within one segment, ``?`` one character, ``[abc]`` / ``[!abc]`` a character class,
and a ``**`` segment any number of folders (zero included), whether or not the listing is
``recursive``. With ``recursive``, the last segment of a glob also matches in every sub-folder
(``leads/*.tsv`` behaves as ``leads/**/*.tsv``).

A path never leaves the location it is read from: ``.`` and ``..`` segments, backslashes and
control characters (NUL included) are refused, and so are segments that percent-decode (once or
more) to a ``.`` or ``..`` segment or to a control character (``%2e%2e``, ``%252e%252e``,
``a%2f..``), since some storage clients put paths into URLs. Other ``%`` are literal
(``100%25.csv`` is a file of that name).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from urllib.parse import unquote

from headwater.connectors.errors import InvalidSourcePath

GLOB_CHARS = frozenset("*?[")
_RESERVED_SEGMENTS = frozenset({".", ".."})
_CONTROL = re.compile(r"[\x00-\x1f\x7f\\]")
_DECODE_ROUNDS = 3
_UNSAFE_DECODED = re.compile(r"[\x00-\x1f\x7f\\]|(?:^|/)\.{1,2}(?:/|$)")


@dataclass(frozen=True)
class SourcePath:
    """A parsed path: its literal leading folders and the glob after them, if any."""

    base: str
    pattern: str | None = None

    @property
    def is_glob(self) -> bool:
        return self.pattern is not None


def has_glob(segment: str) -> bool:
    return any(char in GLOB_CHARS for char in segment)


def split_segments(path: str) -> list[str]:
    """The segments of ``path``, without empty ones.

    Raises:
        InvalidSourcePath: for ``.`` or ``..`` segments, backslashes or control characters,
            plain or percent-encoded.
    """
    if not isinstance(path, str):
        raise InvalidSourcePath("The path must be a string.")
    if _CONTROL.search(path):
        raise InvalidSourcePath(
            "The path contains a backslash or a control character; separate folders with '/'."
        )
    segments = [segment for segment in path.strip().split("/") if segment]
    if any(segment in _RESERVED_SEGMENTS for segment in segments):
        raise InvalidSourcePath(
            f"The path '{path}' contains a '.' or '..' segment, which is not allowed."
        )
    if any(_decodes_to_unsafe(segment) for segment in segments if "%" in segment):
        raise InvalidSourcePath(
            "The path contains an encoded '.' or '..' segment, backslash or control character, "
            "which is not allowed."
        )
    return segments


def _decodes_to_unsafe(segment: str) -> bool:
    """Whether percent-decoding ``segment`` (until it no longer changes) reveals a dot segment,
    a backslash or a control character; too many layers of encoding count as unsafe."""
    current = segment
    for _ in range(_DECODE_ROUNDS):
        decoded = unquote(current)
        if decoded == current:
            return False
        if _UNSAFE_DECODED.search(decoded):
            return True
        current = decoded
    return True


def parse_path(path: str) -> SourcePath:
    """Split ``path`` into the folders before its first glob segment and the glob itself."""
    segments = split_segments(path)
    first_glob = next((i for i, seg in enumerate(segments) if has_glob(seg)), len(segments))
    pattern = "/".join(segments[first_glob:])
    return SourcePath("/".join(segments[:first_glob]), pattern or None)


def needs_recursion(pattern: str, *, recursive: bool) -> bool:
    """Whether matching ``pattern`` needs a listing of sub-folders, not one folder."""
    return recursive or "/" in pattern or "**" in pattern.split("/")


def compile_pattern(pattern: str, *, recursive: bool) -> re.Pattern[str]:
    """A regex matching paths relative to the pattern's base folder (use ``fullmatch``)."""
    segments = pattern.split("/")
    if recursive and "**" not in segments:
        segments = [*segments[:-1], "**", segments[-1]]
    parts: list[str] = []
    for index, segment in enumerate(segments):
        last = index == len(segments) - 1
        if segment == "**":
            parts.append(".+" if last else "(?:[^/]+/)*")
        else:
            parts.append(_segment_regex(segment) + ("" if last else "/"))
    return re.compile("".join(parts), re.DOTALL)


def _segment_regex(segment: str) -> str:
    out: list[str] = []
    i = 0
    while i < len(segment):
        char = segment[i]
        if char == "*":
            out.append("[^/]*")
        elif char == "?":
            out.append("[^/]")
        elif char == "[":
            klass, i = _char_class(segment, i)
            out.append(klass)
            continue
        else:
            out.append(re.escape(char))
        i += 1
    return "".join(out)


def _char_class(segment: str, start: int) -> tuple[str, int]:
    """Translate ``[...]`` at ``start``; an unclosed ``[`` is a literal bracket."""
    end = segment.find(
        "]", start + 2 if segment[start + 1 : start + 2] in ("!", "]") else start + 1
    )
    if end == -1:
        return re.escape("["), start + 1
    body = segment[start + 1 : end]
    negate = body.startswith("!")
    body = body[1:] if negate else body
    escaped = body.replace("\\", "\\\\").replace("^", "\\^")
    return f"[{'^/' if negate else ''}{escaped}]", end + 1
