"""Date-time columns as vectorised parts, and Java patterns printed from them.

A :class:`Moment` is a ``Datetime`` column seen in its zone: the wall-clock time (a naive
``Datetime``) and the offset from UTC in seconds. :func:`component` gives the number a pattern
letter stands for (``M`` → month, ``u`` → day of week, ``W`` → ISO week of the month, ...);
:func:`format_datetime` prints a whole pattern, in runs of chrono ``strftime`` where chrono
prints exactly what Java does and from components elsewhere.
"""

from __future__ import annotations

from dataclasses import dataclass

import polars as pl

from headwater.dataprep.functions.date_patterns import (
    QUARTERS,
    Field,
    Text,
    Token,
    chrono_piece,
    to_chrono,
    walk,
)


@dataclass(frozen=True)
class Moment:
    """A ``Datetime`` column in ``zone``: wall-clock time and UTC offset (seconds)."""

    expr: pl.Expr
    zone: str

    @property
    def local(self) -> pl.Expr:
        return self.expr.dt.replace_time_zone(None)

    @property
    def offset(self) -> pl.Expr:
        if self.zone == "UTC":
            return pl.lit(0, pl.Int64)
        utc = self.expr.dt.convert_time_zone("UTC").dt.replace_time_zone(None)
        return (self.local - utc).dt.total_seconds().cast(pl.Int64)


def iso_week_of_month(day: pl.Expr, weekday: pl.Expr) -> pl.Expr:
    """Week of the month with weeks from Monday and a first week of at least 4 days (0-5)."""
    week_start = (day - weekday) % 7
    offset = pl.when(week_start + 1 > 4).then(7 - week_start).otherwise(-week_start)
    return (7 + offset + day - 1) // 7


def component(moment: Moment, letter: str) -> pl.Expr:
    """The integer a letter stands for (Int64); ``a`` is 1 for PM, ``G`` 1 for AD."""
    local = moment.local.dt
    parts: dict[str, pl.Expr] = {
        "y": local.year(),
        "Y": local.iso_year(),
        "M": local.month(),
        "L": local.month(),
        "Q": local.quarter(),
        "q": local.quarter(),
        "w": local.week(),
        "D": local.ordinal_day(),
        "d": local.day(),
        "F": (local.day() - 1) // 7 + 1,
        "E": local.weekday(),
        "u": local.weekday(),
        "H": local.hour(),
        "m": local.minute(),
        "s": local.second(),
        "S": local.microsecond(),
    }
    if letter in parts:
        return parts[letter].cast(pl.Int64)
    hour = local.hour().cast(pl.Int64)
    derived: dict[str, pl.Expr] = {
        "G": (local.year() > 0).cast(pl.Int64),
        "W": iso_week_of_month(local.day().cast(pl.Int64), local.weekday().cast(pl.Int64)),
        "a": (hour >= 12).cast(pl.Int64),
        "k": pl.when(hour == 0).then(24).otherwise(hour),
        "K": hour % 12,
        "h": pl.when(hour % 12 == 0).then(12).otherwise(hour % 12),
    }
    return derived[letter].cast(pl.Int64)


def _text(value: pl.Expr) -> pl.Expr:
    return value.cast(pl.String)


def _pad(value: pl.Expr, width: int) -> pl.Expr:
    return _text(value).str.zfill(width)


def _number(value: pl.Expr, field: Field) -> pl.Expr:
    letter, count = field.letter, field.count
    if letter in "yY":
        if count == 2:
            return _pad(value % 100, 2)
        if count >= 4:  # java's EXCEEDS_PAD: a sign once the year is wider than the pad
            signed = pl.concat_str(pl.lit("+"), _text(value))
            return pl.when(value >= 10**count).then(signed).otherwise(_pad(value, count))
        return _pad(value, count)
    return _pad(value, count)


def _offset_text(offset: pl.Expr, style: str, zero: str | None) -> pl.Expr:
    """A UTC offset as java's ``appendOffset(style, zero)`` prints it."""
    sign = pl.when(offset < 0).then(pl.lit("-")).otherwise(pl.lit("+"))
    seconds = offset.abs()
    hours, minutes, rest = _pad(seconds // 3600, 2), _pad(seconds // 60 % 60, 2), seconds % 60
    colon = ":" if ":" in style else ""
    parts: list[pl.Expr] = [sign, hours]
    if style == "+HHmm":
        parts.append(pl.when(seconds // 60 % 60 != 0).then(minutes).otherwise(pl.lit("")))
    else:
        parts += [pl.lit(colon), minutes]
    if style.endswith("ss"):
        tail = pl.concat_str(pl.lit(colon), _pad(rest, 2))
        parts.append(pl.when(rest != 0).then(tail).otherwise(pl.lit("")))
    text = pl.concat_str(parts)
    if zero is None:
        return text
    return pl.when(offset == 0).then(pl.lit(zero)).otherwise(text)


def _gmt_text(offset: pl.Expr, *, full: bool) -> pl.Expr:
    """Java's localized offset (``O``/``OOOO``/``ZZZZ``): ``GMT``, ``GMT+8``, ``GMT+08:00``."""
    sign = pl.when(offset < 0).then(pl.lit("-")).otherwise(pl.lit("+"))
    seconds = offset.abs()
    hours = seconds // 3600
    minutes, rest = _pad(seconds // 60 % 60, 2), seconds % 60
    if full:
        body = pl.concat_str(_pad(hours, 2), pl.lit(":"), minutes)
    else:
        with_minutes = pl.concat_str(_text(hours), pl.lit(":"), minutes)
        body = pl.when(seconds % 3600 == 0).then(_text(hours)).otherwise(with_minutes)
    tail = pl.when(rest != 0).then(pl.concat_str(pl.lit(":"), _pad(rest, 2))).otherwise(pl.lit(""))
    text = pl.concat_str(pl.lit("GMT"), sign, body, tail)
    return pl.when(offset == 0).then(pl.lit("GMT")).otherwise(text)


_X_STYLES = ("+HHmm", "+HHMM", "+HH:MM", "+HHMMss", "+HH:MM:ss")
_X_ZEROS = ("+00", "+0000", "+00:00", "+0000", "+00:00")


def _zone_field(moment: Moment, field: Field) -> pl.Expr:
    letter, count = field.letter, field.count
    offset = moment.offset
    if letter == "V":
        return pl.lit(moment.zone)
    if letter == "z":
        return moment.expr.dt.to_string("%Z")
    if letter == "O" or (letter == "Z" and count == 4):
        return _gmt_text(offset, full=count == 4)
    if letter == "Z":
        return _offset_text(
            offset, "+HH:MM:ss" if count == 5 else "+HHMM", "Z" if count == 5 else None
        )
    style = _X_STYLES[count - 1]
    return _offset_text(offset, style, "Z" if letter == "X" else _X_ZEROS[count - 1])


def _names(index: pl.Expr, names: tuple[str, ...], first: int) -> pl.Expr:
    mapping = {first + i: name for i, name in enumerate(names)}
    return index.replace_strict(mapping, return_dtype=pl.String)


def format_field(moment: Moment, field: Field) -> pl.Expr:
    """One field printed the Java way (English texts)."""
    letter, count = field.letter, field.count
    if letter in "zZXxVO":
        return _zone_field(moment, field)
    value = component(moment, letter)
    if letter == "S":  # fraction of the second, truncated to `count` digits
        digits = pl.concat_str(_pad(value, 6), pl.lit("000"))
        return digits.str.slice(0, count)
    if letter in "ML" and count >= 3:
        name = moment.expr.dt.to_string("%B" if count == 4 else "%b")
        return name.str.slice(0, 1) if count == 5 else name
    if letter == "E":
        name = moment.expr.dt.to_string("%A" if count >= 4 else "%a")
        return name.str.slice(0, 1) if count == 5 else name
    if letter in "Qq" and count >= 3:
        texts = (tuple(f"Q{q}" for q in range(1, 5)), QUARTERS, ("1", "2", "3", "4"))[count - 3]
        return _names(value, texts, 1)
    if letter == "G":
        return _names(
            value,
            (("BC", "AD"), ("Before Christ", "Anno Domini"), ("B", "A"))[max(count - 3, 0)],
            0,
        )
    if letter == "a":
        return _names(value, ("AM", "PM"), 0)
    return _number(value, field)


def format_datetime(moment: Moment, tokens: tuple[Token, ...]) -> pl.Expr:
    """The pattern printed for every row (null where the date-time is null)."""
    whole = to_chrono(tokens)
    if whole is not None and whole:
        return moment.expr.dt.to_string(whole)
    pieces: list[pl.Expr] = []
    run: list[str] = []

    def flush() -> None:
        if run:
            pieces.append(moment.expr.dt.to_string("".join(run)))
            run.clear()

    for token in walk(tokens):
        if isinstance(token, Text):
            if run:
                run.append(chrono_piece(token) or "")
            else:
                pieces.append(pl.lit(token.text))
            continue
        chrono = chrono_piece(token)
        if chrono is not None:
            run.append(chrono)
            continue
        flush()
        pieces.append(format_field(moment, token))
    flush()
    text = pl.concat_str(pieces) if pieces else pl.lit("")
    return pl.when(moment.expr.is_not_null()).then(text)


_DAY = pl.duration(days=1)


def localize(naive: pl.Expr, zone: str, *, prefer_offset: pl.Expr | None = None) -> pl.Expr:
    """Wall-clock times read in ``zone`` as Java's ``ZonedDateTime.of`` reads them.

    A time in a DST overlap takes the earlier offset (or ``prefer_offset`` seconds when that
    is one of the two); a time in a DST gap moves later by the gap's length.
    """
    if zone == "UTC":
        return naive.dt.replace_time_zone("UTC")
    early = naive.dt.replace_time_zone(zone, ambiguous="earliest", non_existent="null")
    if prefer_offset is not None:
        late = naive.dt.replace_time_zone(zone, ambiguous="latest", non_existent="null")
        early = pl.when(Moment(late, zone).offset == prefer_offset).then(late).otherwise(early)
    day_before = (naive - _DAY).dt.replace_time_zone(
        zone, ambiguous="earliest", non_existent="null"
    )
    offset_before = Moment(day_before, zone).offset
    shifted = (naive - pl.duration(seconds=offset_before)).dt.replace_time_zone("UTC")
    return pl.coalesce(early, shifted.dt.convert_time_zone(zone))
