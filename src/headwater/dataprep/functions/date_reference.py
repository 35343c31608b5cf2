"""Plain-Python counterparts of the date/time machinery, for the functions' scalar references.

Formatting is written afresh from ``datetime`` (one branch per pattern letter); parsing uses the
same regular expression as the vectorised reader (:mod:`date_plan`) but resolves the date with
``datetime``, ``date.fromisocalendar`` and ``zoneinfo`` instead of integer arithmetic.
"""

from __future__ import annotations

import datetime as dt
import re
from zoneinfo import ZoneInfo

from headwater.dataprep.functions.date_patterns import (
    DAYS,
    MONTHS,
    QUARTERS,
    REGION_IDS,
    ZONE_LETTERS,
    ZONE_OFFSETS,
    Field,
    Text,
    tokenize,
    walk,
)
from headwater.dataprep.functions.date_plan import ParsePlan, primaries

UTC = ZoneInfo("UTC")


def iso_week_of_month(day: dt.date) -> int:
    """Week of the month, weeks from Monday, week 1 the first with 4 days or more (0-5)."""
    first = day.replace(day=1)
    lead = first.weekday()
    start = first - dt.timedelta(days=lead) if 7 - lead >= 4 else first + dt.timedelta(7 - lead)
    return (day - start).days // 7 + 1


def component(value: dt.datetime, letter: str) -> int:
    """The counterpart of ``date_parts.component`` (``value`` in its own zone)."""
    iso = value.isocalendar()
    hour = value.hour
    return {
        "G": 1 if value.year > 0 else 0,
        "y": value.year,
        "Y": iso.year,
        "M": value.month,
        "L": value.month,
        "Q": (value.month - 1) // 3 + 1,
        "q": (value.month - 1) // 3 + 1,
        "w": iso.week,
        "W": iso_week_of_month(value.date()),
        "D": value.timetuple().tm_yday,
        "d": value.day,
        "F": (value.day - 1) // 7 + 1,
        "E": value.isoweekday(),
        "u": value.isoweekday(),
        "a": 1 if hour >= 12 else 0,
        "H": hour,
        "k": hour or 24,
        "K": hour % 12,
        "h": hour % 12 or 12,
        "m": value.minute,
        "s": value.second,
        "S": value.microsecond,
    }[letter]


def _offset(seconds: int, *, colon: bool, minutes: str, with_seconds: bool) -> str:
    sign = "-" if seconds < 0 else "+"
    hours, rest = divmod(abs(seconds), 3600)
    mins, secs = divmod(rest, 60)
    sep = ":" if colon else ""
    text = f"{sign}{hours:02d}"
    if minutes == "always" or (minutes == "nonzero" and mins):
        text += f"{sep}{mins:02d}"
    if with_seconds and secs:
        text += f"{sep}{secs:02d}"
    return text


def _gmt(seconds: int, *, full: bool) -> str:
    if seconds == 0:
        return "GMT"
    sign = "-" if seconds < 0 else "+"
    hours, rest = divmod(abs(seconds), 3600)
    mins, secs = divmod(rest, 60)
    short = f"{hours}" if rest == 0 else f"{hours}:{mins:02d}"
    body = f"{hours:02d}:{mins:02d}" if full else short
    return f"GMT{sign}{body}" + (f":{secs:02d}" if secs else "")


def _zone_text(value: dt.datetime, field: Field) -> str:
    letter, count = field.letter, field.count
    offset = value.utcoffset()
    seconds = int(offset.total_seconds()) if offset is not None else 0
    if letter == "V":
        return str(getattr(value.tzinfo, "key", "UTC"))
    if letter == "z":
        return value.tzname() or "UTC"
    if letter == "O" or (letter == "Z" and count == 4):
        return _gmt(seconds, full=count == 4)
    if letter == "Z":
        if count == 5:
            return (
                "Z"
                if seconds == 0
                else _offset(seconds, colon=True, minutes="always", with_seconds=True)
            )
        return _offset(seconds, colon=False, minutes="always", with_seconds=False)
    colon = count in (3, 5)
    text = _offset(
        seconds, colon=colon, minutes="nonzero" if count == 1 else "always", with_seconds=count >= 4
    )
    if seconds == 0 and letter == "X":
        return "Z"
    return text


def _number(value: int, field: Field) -> str:
    if field.letter in "yY" and field.count == 2:
        return f"{value % 100:02d}"
    if field.letter in "yY" and field.count >= 4 and value >= 10**field.count:
        return f"+{value}"
    return f"{value:0{field.count}d}"


def format_field(value: dt.datetime, field: Field) -> str:
    """One field of a pattern, printed as Java prints it (English)."""
    letter, count = field.letter, field.count
    if letter in ZONE_LETTERS:
        return _zone_text(value, field)
    number = component(value, letter)
    if letter == "S":
        return f"{number:06d}000"[:count]
    if letter in "ML" and count >= 3:
        name = MONTHS[number - 1]
        return {3: name[:3], 4: name, 5: name[:1]}[count]
    if letter == "E":
        name = DAYS[number - 1]
        return name[:1] if count == 5 else name if count == 4 else name[:3]
    if letter in "Qq" and count >= 3:
        return {3: f"Q{number}", 4: QUARTERS[number - 1], 5: str(number)}[count]
    if letter == "G":
        return {4: ("Before Christ", "Anno Domini"), 5: ("B", "A")}.get(count, ("BC", "AD"))[number]
    if letter == "a":
        return "PM" if number else "AM"
    return _number(number, field)


def format_java(value: dt.datetime, pattern: str) -> str:
    """``value`` (in its own zone) printed with a Java pattern."""
    out = []
    for token in walk(tokenize(pattern)):
        out.append(token.text if isinstance(token, Text) else format_field(value, token))
    return "".join(out)


# ---- parsing ------------------------------------------------------------------------------


def _lookup(text: str, names: list[str], first: int) -> int | None:
    folded = [name.lower() for name in names]
    return first + folded.index(text.lower()) if text.lower() in folded else None


def decode(field: Field, text: str) -> int | None:
    """The counterpart of ``date_plan.decode``."""
    letter, count = field.letter, field.count
    if letter in "ML" and count >= 3:
        return _lookup(text, [m[:3] if count == 3 else m for m in MONTHS], 1)
    if letter == "E":
        return _lookup(text, [d[:3] if count <= 3 else d for d in DAYS], 1)
    if letter in "Qq" and count >= 3:
        return _lookup(text, [f"Q{q}" for q in range(1, 5)] if count == 3 else list(QUARTERS), 1)
    if letter == "G":
        return _lookup(text, ["Before Christ", "Anno Domini"] if count == 4 else ["BC", "AD"], 0)
    if letter == "a":
        return _lookup(text, ["AM", "PM"], 0)
    if letter == "S":
        return int(text.ljust(6, "0")[:6])
    return int(text) + 2000 if letter in "yY" and count == 2 else int(text)


def offset_seconds(text: str) -> int | None:
    """The counterpart of ``date_plan.offset_seconds``."""
    body = re.sub(r"^(?:UTC|GMT|UT)", "", text)
    if body in ("", "Z"):
        return 0
    found = re.fullmatch(r"([+-])([0-9]{1,2}):?([0-9]{2})?:?([0-9]{2})?", body)
    if found is None:
        return None
    hours, minutes, seconds = int(found[2]), int(found[3] or 0), int(found[4] or 0)
    if hours > 18 or minutes > 59 or seconds > 59:
        return None
    return (hours * 3600 + minutes * 60 + seconds) * (-1 if found[1] == "-" else 1)


def _need(value: dict[str, int | None], kind: str) -> int:
    found = value.get(kind)
    if found is None:
        raise ValueError(f"no {kind}")
    return found


def _date(plan: ParsePlan, value: dict[str, int | None]) -> dt.date:
    if plan.mode == "week":
        return dt.date.fromisocalendar(_need(value, "Y"), _need(value, "w"), _need(value, "E"))
    year = _need(value, "y")
    if value.get("G") == 0:
        year = 1 - year
    if plan.mode == "yd":
        ordinal = _need(value, "D")
        found = dt.date(year, 1, 1) + dt.timedelta(days=ordinal - 1)
        if ordinal < 1 or found.year != year:
            raise ValueError("day of year out of range")
        return found
    return dt.date(year, _need(value, "M"), _need(value, "d"))


def _time(value: dict[str, int | None]) -> dt.time:
    pm = 12 if value.get("a") == 1 else 0
    hour = 0
    if value.get("H") is not None:
        hour = value["H"] or 0
    elif value.get("k") is not None:
        k = value["k"] or 0
        if not 1 <= k <= 24:
            raise ValueError("clock hour out of range")
        hour = k % 24
    elif value.get("h") is not None:
        h = value["h"] or 0
        if not 1 <= h <= 12:
            raise ValueError("clock hour of AM/PM out of range")
        hour = h % 12 + pm
    elif value.get("K") is not None:
        k = value["K"] or 0
        if not 0 <= k <= 11:
            raise ValueError("hour of AM/PM out of range")
        hour = k + pm
    minute, second, micros = (value.get(kind) or 0 for kind in "msS")
    return dt.time(hour, minute, second, micros)


def _agrees(
    plan: ParsePlan, used: set[int], decoded: dict[int, int | None], local: dt.datetime
) -> bool:
    for index, field in enumerate(plan.fields):
        parsed = decoded.get(index)
        if index in used or field.letter in ZONE_LETTERS or field.letter == "S" or parsed is None:
            continue
        actual = component(local, field.letter)
        if field.letter in "yY" and field.count == 2:
            parsed, actual = parsed % 100, actual % 100
        if parsed != actual:
            return False
    return True


def _to_utc(field: Field, text: str, local: dt.datetime) -> dt.datetime | None:
    if local.year in (1, 9999):  # with a zone, these years are refused (see date_parse)
        return None
    offset = ZONE_OFFSETS.get(text) if field.letter == "z" else None
    offset = offset_seconds(text) if offset is None else offset
    if offset is not None:
        return (local - dt.timedelta(seconds=offset)).replace(tzinfo=UTC)
    if field.letter != "V" or text not in REGION_IDS:
        return None
    zone = ZoneInfo(text)
    aware = local.replace(tzinfo=zone)
    if aware.astimezone(UTC).astimezone(zone).replace(tzinfo=None) != local:
        return None  # in a DST gap
    return aware.astimezone(UTC)


def parse_java(text: str, plan: ParsePlan) -> dt.datetime | None:
    """``text`` read with a parse plan: an aware UTC ``datetime``, or None if it does not parse."""
    found = re.fullmatch(plan.regex, text)
    if found is None:
        return None
    groups = {index: found[f"g{index}"] for index in range(len(plan.fields))}
    decoded = {
        index: None if groups[index] is None else decode(field, groups[index])
        for index, field in enumerate(plan.fields)
        if field.letter not in ZONE_LETTERS
    }
    primary = primaries(plan)
    try:
        value = {kind: decoded[index] for kind, index in primary.items()}
        local = dt.datetime.combine(_date(plan, value), _time(value))
    except (ValueError, OverflowError):
        return None
    if not _agrees(plan, set(primary.values()), decoded, local):
        return None
    zone = next((i for i, f in enumerate(plan.fields) if f.letter in ZONE_LETTERS), None)
    if zone is None or groups[zone] is None:
        return local.replace(tzinfo=UTC)
    return _to_utc(plan.fields[zone], groups[zone], local)
