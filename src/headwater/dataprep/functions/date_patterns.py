"""Java ``DateTimeFormatter`` patterns, read once at compile time and translated for Polars.

A pattern (``"yyyy-MM-dd'T'HH:mm:ss.SSSX"``) becomes a tuple of tokens: :class:`Text` (quoted or
plain literal text), :class:`Field` (a run of one pattern letter) and :class:`Section` (an
optional ``[...]`` part). Formatting prints every section; parsing makes it optional.

The letters are the ones the platform documents (G Y y M L w W D d F E u a H k K h m s S z Z X
V O Q q) plus ``x``. Where the documentation and ``java.time`` disagree the documentation wins:
``u`` is the day-of-week number (1 = Monday), ``F`` the week of the month counted from day 1
(days 1-7 are 1), ``Y``/``w``/``W`` are ISO weeks (Monday first, 4-day first week). Everything
runs in English. :func:`to_chrono` gives the ``strftime`` string for patterns that chrono prints
exactly the same way (the fast path of ``format``); other letters are built from components.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache

from headwater.dataprep.values import ExpressionError


@dataclass(frozen=True)
class Text:
    """Literal text, matched exactly (case-sensitive) when parsing."""

    text: str


@dataclass(frozen=True)
class Field:
    """A run of ``count`` copies of one pattern ``letter`` (``count`` 0: internal ISO forms)."""

    letter: str
    count: int


@dataclass(frozen=True)
class Section:
    """An optional section: ``[...]``."""

    items: tuple[Text | Field | Section, ...]


Token = Text | Field | Section

# The most letters each supported letter may repeat (java.time's limits; V must be VV, O is O
# or OOOO, a is single).
MAX_COUNT: dict[str, int] = {
    "G": 5, "y": 9, "Y": 9, "M": 5, "L": 5, "Q": 5, "q": 5, "w": 2, "W": 1, "D": 3, "d": 2,
    "F": 1, "E": 5, "u": 2, "a": 1, "H": 2, "k": 2, "K": 2, "h": 2, "m": 2, "s": 2, "S": 9,
    "z": 3, "Z": 5, "X": 5, "x": 5, "V": 2, "O": 4,
}  # fmt: skip
_UNSUPPORTED = {
    "e": "localized day-of-week",
    "c": "localized day-of-week",
    "n": "nano-of-second",
    "N": "nano-of-day",
    "A": "milli-of-day",
    "B": "day period",
    "g": "modified Julian day",
    "v": "generic time-zone name",
    "p": "pad modifier",
}
ZONE_LETTERS = frozenset("zZXxVO")
MONTHS = (
    "January", "February", "March", "April", "May", "June",
    "July", "August", "September", "October", "November", "December",
)  # fmt: skip
DAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
QUARTERS = ("1st quarter", "2nd quarter", "3rd quarter", "4th quarter")

_H = 3600
# ``z`` reads these names as their fixed offsets (seconds; "PST" is always -08:00); it prints
# the tz database abbreviation of the date's zone.
ZONE_OFFSETS: dict[str, int] = {
    "UTC": 0, "GMT": 0, "UT": 0, "Z": 0,
    "Coordinated Universal Time": 0, "Greenwich Mean Time": 0,
    "PST": -8 * _H, "PDT": -7 * _H, "Pacific Standard Time": -8 * _H,
    "Pacific Daylight Time": -7 * _H, "MST": -7 * _H, "MDT": -6 * _H,
    "Mountain Standard Time": -7 * _H, "Mountain Daylight Time": -6 * _H,
    "CST": -6 * _H, "CDT": -5 * _H, "Central Standard Time": -6 * _H,
    "Central Daylight Time": -5 * _H, "EST": -5 * _H, "EDT": -4 * _H,
    "Eastern Standard Time": -5 * _H, "Eastern Daylight Time": -4 * _H,
    "AKST": -9 * _H, "AKDT": -8 * _H, "HST": -10 * _H,
    "WET": 0, "WEST": _H, "BST": _H, "CET": _H, "CEST": 2 * _H, "EET": 2 * _H, "EEST": 3 * _H,
    "MSK": 3 * _H, "IST": 5 * _H + 1800, "JST": 9 * _H, "KST": 9 * _H,
    "AEST": 10 * _H, "AEDT": 11 * _H, "NZST": 12 * _H, "NZDT": 13 * _H,
}  # fmt: skip

# The region IDs ``VV`` reads (each one costs a conversion per row, so the list is short).
REGION_IDS = (
    "Africa/Cairo", "Africa/Johannesburg", "Africa/Lagos", "Africa/Nairobi",
    "America/Anchorage", "America/Argentina/Buenos_Aires", "America/Bogota", "America/Chicago",
    "America/Denver", "America/Los_Angeles", "America/Mexico_City", "America/New_York",
    "America/Phoenix", "America/Santiago", "America/Sao_Paulo", "America/Toronto",
    "America/Vancouver", "Asia/Bangkok", "Asia/Dubai", "Asia/Hong_Kong", "Asia/Jakarta",
    "Asia/Jerusalem", "Asia/Karachi", "Asia/Kolkata", "Asia/Manila", "Asia/Seoul",
    "Asia/Shanghai", "Asia/Singapore", "Asia/Tehran", "Asia/Tokyo", "Australia/Adelaide",
    "Australia/Brisbane", "Australia/Melbourne", "Australia/Perth", "Australia/Sydney",
    "Europe/Amsterdam", "Europe/Athens", "Europe/Berlin", "Europe/Brussels", "Europe/Bucharest",
    "Europe/Copenhagen", "Europe/Dublin", "Europe/Helsinki", "Europe/Istanbul", "Europe/Lisbon",
    "Europe/London", "Europe/Madrid", "Europe/Moscow", "Europe/Oslo", "Europe/Paris",
    "Europe/Prague", "Europe/Rome", "Europe/Stockholm", "Europe/Vienna", "Europe/Warsaw",
    "Europe/Zurich", "Pacific/Auckland", "Pacific/Honolulu",
)  # fmt: skip

# The formats ``date(STRING)`` tries in order (first match wins), as the platform lists them.
DEFAULT_FORMATS = (
    "yyyy-MM-dd HH:mm:ssZ",
    "yyyy-MM-dd HH:mm:ss.SSSZ",
    "yyyy-MM-dd HH:mm:ss.SSS",
    "yyyy-MM-dd'T'HH:mm:ss.SSSX",
    "yyyy-MM-dd'T'HH:mm:ss'Z'",
    "yyyy-MM-dd",
    "yyyy/MM/dd",
    "yyyy.MM.dd",
    "yyyy-MMM-dd",
    "yyyyMMdd",
    "MM-dd-yyyy",
    "MMddyyyy",
    "M/dd/yyyy",
    "dd.M.yyyy",
    "M/dd/yyyy hh:mm:ss a",
    "dd.M.yyyy hh:mm:ss a",
    "dd.MMM.yyyy",
    "dd-MMM-yyyy",
)


def _iso_forms() -> tuple[tuple[Token, ...], ...]:
    date = (Field("y", 4), Text("-"), Field("M", 2), Text("-"), Field("d", 2))
    minutes = (Field("H", 2), Text(":"), Field("m", 2))
    seconds = (*minutes, Text(":"), Field("s", 2))
    clocks = (minutes, seconds, (*seconds, Text("."), Field("S", 0)))
    return tuple(
        (*date, Text(separator), *clock, *offset)
        for separator in ("T", " ")
        for clock in clocks
        for offset in ((), (Field("X", 0),))
    )


# Tried after DEFAULT_FORMATS: yyyy-MM-dd('T'| )HH:mm[:ss[.fraction]][offset], a fraction of
# 1-9 digits and an offset Z or +HH[[:]MM]. The platform's own examples need them
# (date("2019-10-23 11:24"), date("2016-11-09T11:44:44.797")) though none of its list matches.
ISO_FALLBACKS = _iso_forms()


def _error(pattern: str, reason: str) -> ExpressionError:
    return ExpressionError(f"invalid date/time format {pattern!r}: {reason}")


def _check_letter(pattern: str, letter: str, count: int) -> Field:
    if letter in _UNSUPPORTED:
        raise _error(
            pattern, f"pattern letter {letter!r} ({_UNSUPPORTED[letter]}) is not supported"
        )
    if letter not in MAX_COUNT:
        raise _error(pattern, f"unknown pattern letter {letter!r}")
    if count > MAX_COUNT[letter]:
        raise _error(pattern, f"too many pattern letters {letter * count!r}")
    if letter == "V" and count != 2:
        raise _error(pattern, "pattern letter 'V' must appear twice (VV)")
    if letter == "O" and count not in (1, 4):
        raise _error(pattern, "pattern letter 'O' must appear once or 4 times")
    return Field(letter, count)


# a run of one letter | a quoted literal ('' inside is a quote) | any other character
_SCAN = re.compile(r"([A-Za-z])\1*|'((?:[^']|'')*)'|.", re.DOTALL)


@cache
def tokenize(pattern: str) -> tuple[Token, ...]:
    """Read a Java pattern into tokens.

    Raises:
        ExpressionError: an unknown or unsupported letter, too many letters, an unclosed quote
            or section, or a reserved character (``{``, ``}``, ``#``).
    """
    stack: list[list[Token]] = [[]]
    for found in _SCAN.finditer(pattern):
        piece = found.group()
        if found.group(1):
            stack[-1].append(_check_letter(pattern, piece[0], len(piece)))
        elif found.group(2) is not None:
            stack[-1].append(Text(found.group(2).replace("''", "'") or "'"))
        elif piece == "'":
            raise _error(pattern, "a quoted literal is not closed")
        elif piece == "[":
            stack.append([])
        elif piece == "]":
            if len(stack) == 1:
                raise _error(pattern, "']' without '['")
            items = stack.pop()
            stack[-1].append(Section(tuple(items)))
        elif piece in "{}#":
            raise _error(pattern, f"{piece!r} is reserved")
        else:
            stack[-1].append(Text(piece))
    if len(stack) > 1:
        raise _error(pattern, "'[' without ']'")
    return tuple(stack[0])


def walk(tokens: tuple[Token, ...]) -> Iterator[Field | Text]:
    """Every field and text in order, sections opened."""
    for token in tokens:
        if isinstance(token, Section):
            yield from walk(token.items)
        else:
            yield token


_CHRONO: dict[tuple[str, int], str] = {
    ("y", 2): "%y", ("y", 4): "%Y", ("Y", 2): "%g", ("Y", 4): "%G",
    ("M", 1): "%-m", ("M", 2): "%m", ("M", 3): "%b", ("M", 4): "%B",
    ("L", 1): "%-m", ("L", 2): "%m", ("L", 3): "%b", ("L", 4): "%B",
    ("d", 1): "%-d", ("d", 2): "%d", ("D", 1): "%-j", ("D", 3): "%j",
    ("E", 1): "%a", ("E", 2): "%a", ("E", 3): "%a", ("E", 4): "%A", ("u", 1): "%u",
    ("w", 1): "%-V", ("w", 2): "%V", ("a", 1): "%p",
    ("H", 1): "%-H", ("H", 2): "%H", ("h", 1): "%-I", ("h", 2): "%I",
    ("m", 1): "%-M", ("m", 2): "%M", ("s", 1): "%-S", ("s", 2): "%S",
    ("S", 3): "%3f", ("S", 6): "%6f", ("S", 9): "%9f",
    ("z", 1): "%Z", ("z", 2): "%Z", ("z", 3): "%Z", ("Z", 1): "%z", ("Z", 2): "%z", ("Z", 3): "%z",
    ("x", 2): "%z", ("x", 3): "%:z",
}  # fmt: skip


def chrono_piece(token: Field | Text) -> str | None:
    """The ``strftime`` text printing ``token`` exactly as Java does, if chrono has one."""
    if isinstance(token, Text):
        return token.text.replace("%", "%%")
    return _CHRONO.get((token.letter, token.count))


def to_chrono(tokens: tuple[Token, ...]) -> str | None:
    """The whole pattern as one chrono ``strftime`` string, or None when a letter needs more.

    Years print as chrono's proleptic ``%Y`` (the same as Java for years 1-9999).
    """
    pieces = [chrono_piece(token) for token in walk(tokens)]
    if any(piece is None for piece in pieces):
        return None
    return "".join(piece for piece in pieces if piece is not None)
