"""Java patterns as parse plans: one regular expression with a group per field.

A pattern becomes a :class:`ParsePlan`: an (unanchored) regular expression with a named group
``g<i>`` per field (``[0-9]{2}`` for ``MM``, month names for ``MMM``, ...), valid both in
Python's ``re`` and in Rust's ``regex`` (which Polars runs), the fields in group order, and how
the date is resolved: year-month-day, year + day-of-year, or ISO week-based year + week + day
of week. :func:`primaries` says which field each value is read from; any other field is only
checked against the result (a Monday that is not a Monday does not parse). Text (names,
AM/PM) matches case-insensitively; literal text exactly.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from typing import Literal

from headwater.dataprep.functions.date_patterns import (
    DAYS,
    MONTHS,
    QUARTERS,
    ZONE_LETTERS,
    ZONE_OFFSETS,
    Field,
    Section,
    Text,
    Token,
    tokenize,
)
from headwater.dataprep.values import ExpressionError

DateMode = Literal["ymd", "yd", "week"]
_OFFSET = r"[+-][0-9]{2}(?::?[0-9]{2})?(?::?[0-9]{2})?"
_ZONE_ID = r"[A-Za-z][A-Za-z0-9~/._:+\-]*"
# X/x with 1-5 letters: +HHmm, +HHMM, +HH:MM, +HHMMss, +HH:MM:ss
_X_SHAPES = (
    "[0-9]{2}(?:[0-9]{2})?",
    "[0-9]{4}",
    "[0-9]{2}:[0-9]{2}",
    "[0-9]{4}(?:[0-9]{2})?",
    "[0-9]{2}:[0-9]{2}(?::[0-9]{2})?",
)


def _alternatives(names: list[str], *, fold: bool = True) -> str:
    body = "|".join(sorted(names, key=len, reverse=True))
    return f"(?i:{body})" if fold else f"(?:{body})"


def _text_regex(letter: str, count: int) -> str | None:
    if letter in "ML" and count >= 3:
        return _alternatives([m[:3] if count == 3 else m for m in MONTHS])
    if letter == "E":
        return _alternatives([d[:3] if count <= 3 else d for d in DAYS])
    if letter in "Qq" and count >= 3:
        return _alternatives([f"Q{q}" for q in range(1, 5)] if count == 3 else list(QUARTERS))
    if letter == "G":
        return _alternatives(["Anno Domini", "Before Christ"] if count == 4 else ["AD", "BC"])
    if letter == "a":
        return _alternatives(["AM", "PM"])
    return None


def _zone_regex(letter: str, count: int) -> str:
    if letter == "z":
        gmt = r"(?:UTC|GMT|UT)[+-][0-9]{1,2}(?::?[0-9]{2})?"
        return f"(?:{gmt}|{_alternatives(list(ZONE_OFFSETS), fold=False)})"
    if letter == "V":
        return f"(?:{_ZONE_ID}|{_OFFSET})"
    if letter == "O" or (letter == "Z" and count == 4):
        digits = "[0-9]{1,2}(?::[0-9]{2})?" if count == 1 else "[0-9]{2}:[0-9]{2}"
        return f"GMT(?:[+-]{digits}(?::[0-9]{{2}})?)?"
    if letter == "Z":
        return "[+-][0-9]{4}" if count < 5 else "(?:Z|[+-][0-9]{2}:[0-9]{2}(?::[0-9]{2})?)"
    shape = "[+-][0-9]{2}(?::?[0-9]{2})?" if count == 0 else "[+-]" + _X_SHAPES[count - 1]
    return f"(?:Z|{shape})" if letter == "X" else shape


_VARIABLE_WIDTH = {"y": 9, "Y": 9, "D": 3, "W": 1, "F": 1, "u": 1, "Q": 1, "q": 1}


def field_regex(field: Field) -> str:
    """The regular expression one field matches (valid in Python and in Rust's regex)."""
    letter, count = field.letter, field.count
    if letter in ZONE_LETTERS:
        return _zone_regex(letter, count)
    text = _text_regex(letter, count)
    if text is not None:
        if count == 5:
            raise ExpressionError(f"narrow text ({letter * 5!r}) cannot be parsed")
        return text
    if letter == "S":
        return "[0-9]{1,9}" if count == 0 else f"[0-9]{{{count}}}"
    if count == 1 or (letter in "yY" and count == 3):
        return f"[0-9]{{{count},{_VARIABLE_WIDTH.get(letter, 2)}}}"
    if letter == "D" and count == 2:
        return "[0-9]{2,3}"
    return f"[0-9]{{{count}}}"


def _escape(text: str) -> str:
    return "".join("\\" + char if char in "\\.^$|?*+()[]{}" else char for char in text)


@dataclass(frozen=True)
class ChronoParse:
    """A pattern chrono's ``strptime`` reads as Java does, once ``gate`` (anchored) matches."""

    gate: str
    format: str
    zoned: bool


@dataclass(frozen=True)
class ParsePlan:
    """How one pattern is read: ``regex`` (unanchored) has groups ``g0``.. for ``fields``.

    ``chrono`` is the fast way to read it, when there is one.
    """

    pattern: str
    regex: str
    fields: tuple[Field, ...]
    mode: DateMode
    chrono: ChronoParse | None = None


def _date_mode(pattern: str, letters: set[str]) -> DateMode:
    if "y" in letters and letters & {"M", "L"} and "d" in letters:
        return "ymd"
    if "y" in letters and "D" in letters:
        return "yd"
    if {"Y", "w"} <= letters and letters & {"E", "u"}:
        return "week"
    raise ExpressionError(
        f"date/time format {pattern!r} cannot be read into a date: it needs y with M and d, "
        "y with D, or Y with w and E (or u)"
    )


def build_plan(tokens: tuple[Token, ...], pattern: str) -> ParsePlan:
    """The parse plan of already tokenized ``pattern``."""
    fields: list[Field] = []

    def render(items: tuple[Token, ...]) -> str:
        out: list[str] = []
        for token in items:
            if isinstance(token, Text):
                out.append(_escape(token.text))
            elif isinstance(token, Section):
                out.append(f"(?:{render(token.items)})?")
            else:
                out.append(f"(?P<g{len(fields)}>{field_regex(token)})")
                fields.append(token)
        return "".join(out)

    regex = render(tokens)
    mode = _date_mode(pattern, {f.letter for f in fields})
    return ParsePlan(pattern, regex, tuple(fields), mode, _chrono_parse(tokens))


# ---- the chrono fast path -----------------------------------------------------------------

_CHRONO_READS = {
    ("y", 4): "%Y", ("M", 1): "%m", ("M", 2): "%m", ("M", 3): "%b", ("M", 4): "%B",
    ("L", 1): "%m", ("L", 2): "%m", ("L", 3): "%b", ("L", 4): "%B", ("d", 1): "%d",
    ("d", 2): "%d", ("D", 1): "%j", ("D", 2): "%j", ("D", 3): "%j", ("E", 1): "%a",
    ("E", 2): "%a", ("E", 3): "%a", ("E", 4): "%A", ("a", 1): "%p", ("H", 1): "%H",
    ("H", 2): "%H", ("h", 1): "%I", ("h", 2): "%I", ("m", 1): "%M", ("m", 2): "%M",
    ("s", 1): "%S", ("s", 2): "%S", ("Z", 1): "%z", ("Z", 2): "%z", ("Z", 3): "%z",
    ("X", 0): "%#z", ("X", 1): "%#z", ("X", 2): "%#z", ("X", 3): "%#z", ("x", 2): "%z",
    ("x", 3): "%:z",
}  # fmt: skip
_HOURS_18 = "[+-](?:0[0-9]|1[0-8])"
# Gates where chrono is laxer than Java (or raises): no year 0, no leap second, offsets to 18h.
_GATES = {
    ("s", 1): "[0-5]?[0-9]", ("s", 2): "[0-5][0-9]",
    ("Z", 1): f"{_HOURS_18}[0-5][0-9]", ("X", 0): f"Z|{_HOURS_18}(?::?[0-5][0-9])?",
    ("X", 1): f"Z|{_HOURS_18}(?:[0-5][0-9])?", ("X", 2): f"Z|{_HOURS_18}[0-5][0-9]",
    ("X", 3): f"Z|{_HOURS_18}:[0-5][0-9]", ("x", 2): f"{_HOURS_18}[0-5][0-9]",
    ("x", 3): f"{_HOURS_18}:[0-5][0-9]",
}  # fmt: skip
_GATES[("Z", 2)] = _GATES[("Z", 3)] = _GATES[("Z", 1)]
_YEAR = "(?:[1-9][0-9]{3}|0[1-9][0-9]{2}|00[1-9][0-9]|000[1-9])"
# with an offset the instant of year 1 or 9999 may leave chrono's range (it raises)
_ZONED_YEAR = (
    "(?:[1-8][0-9]{3}|9[0-8][0-9]{2}|99[0-8][0-9]|999[0-8]|0[1-9][0-9]{2}|00[1-9][0-9]|000[2-9])"
)
_VARIABLE = {("D", 2)} | {(letter, 1) for letter in "MLdDHhms"}


def _fraction(field: Field) -> tuple[str, str] | None:
    if field.count == 0:
        return "%.f", r"\.[0-9]{1,9}"
    return (f"%.{field.count}f", rf"\.[0-9]{{{field.count}}}") if field.count in (3, 6, 9) else None


def _chrono_parse(tokens: tuple[Token, ...]) -> ChronoParse | None:
    """The chrono reading of a pattern, or None when a letter or layout needs the full reader."""
    if any(isinstance(token, Section) for token in tokens):
        return None
    letters = {token.letter for token in tokens if isinstance(token, Field)}
    # chrono reads 12-hour clocks only with AM/PM, and hours only with minutes (or raises)
    if ("h" in letters) != ("a" in letters) or bool(letters & {"H", "h"}) != ("m" in letters):
        return None
    if ("s" in letters and "m" not in letters) or ("S" in letters and "s" not in letters):
        return None
    if "D" in letters and letters & {"M", "L", "d"}:  # chrono would not cross-check them
        return None
    zoned = bool(letters & ZONE_LETTERS)
    formats, gates = [], []
    for index, token in enumerate(tokens):
        following = tokens[index + 1] if index + 1 < len(tokens) else None
        if isinstance(token, Text):
            text = token.text
            if isinstance(following, Field) and following.letter == "S" and text.endswith("."):
                text = text[:-1]  # chrono's %.Nf reads the dot
            formats.append(text.replace("%", "%%"))
            gates.append(_escape(text))
            continue
        assert isinstance(token, Field)
        previous = tokens[index - 1] if index else None
        if token.letter == "S":
            fraction = _fraction(token)
            if fraction is None or not (isinstance(previous, Text) and previous.text.endswith(".")):
                return None
            formats.append(fraction[0])
            gates.append(fraction[1])
            continue
        key = (token.letter, token.count)
        if key not in _CHRONO_READS or _crowded(tokens, index):
            return None
        formats.append(_CHRONO_READS[key])
        year = _ZONED_YEAR if zoned else _YEAR
        gates.append(year if key == ("y", 4) else f"(?:{_GATES.get(key) or field_regex(token)})")
    return ChronoParse("".join(gates), "".join(formats), zoned)


def _crowded(tokens: tuple[Token, ...], index: int) -> bool:
    """A variable-width number next to another field: chrono would not split them as Java."""
    token = tokens[index]
    assert isinstance(token, Field)
    if (token.letter, token.count) not in _VARIABLE:
        return False
    neighbours = tokens[max(index - 1, 0) : index] + tokens[index + 1 : index + 2]
    return any(isinstance(neighbour, Field) for neighbour in neighbours)


_KIND = {"L": "M", "q": "Q", "u": "E"}
_HOURS = ("H", "k", "h", "K")


def primaries(plan: ParsePlan) -> dict[str, int]:
    """Which field (by index) each kind of value is read from; the rest is cross-checked."""
    first: dict[str, int] = {}
    for index, field in enumerate(plan.fields):
        if field.letter not in ZONE_LETTERS:
            first.setdefault(_KIND.get(field.letter, field.letter), index)
    used = {"ymd": {"y", "M", "d"}, "yd": {"y", "D"}, "week": {"Y", "w", "E"}}[plan.mode]
    used |= {"G", "m", "s", "S"}
    hour = next((kind for kind in _HOURS if kind in first), None)
    if hour is not None:
        used.add(hour)
        if hour in "hK":
            used.add("a")
    return {kind: index for kind, index in first.items() if kind in used}


@cache
def plan_for(pattern: str) -> ParsePlan:
    """The parse plan of a Java pattern (compile-time errors as :class:`ExpressionError`)."""
    return build_plan(tokenize(pattern), pattern)
