"""Text read into date-times with a parse plan, vectorised.

Most patterns (all of the platform's default formats) have a chrono reading: the plan's gate
regex checks the layout Java expects, then ``str.strptime`` reads and validates the values.
The others go through the full reader: Polars extracts the plan's groups, turns them into
numbers and assembles the date-time with integer arithmetic (days from the civil date, ISO
weeks), so a row that does not match, or whose fields are out of range or disagree, is null.
Its intermediate values live as fields of one struct (``struct.with_fields``): each is
computed once however often later steps use it.
"""

from __future__ import annotations

from dataclasses import dataclass

import polars as pl

from headwater.dataprep.functions.date_parts import Moment, component
from headwater.dataprep.functions.date_patterns import (
    DAYS,
    MONTHS,
    QUARTERS,
    REGION_IDS,
    ZONE_LETTERS,
    ZONE_OFFSETS,
    Field,
)
from headwater.dataprep.functions.date_plan import ChronoParse, ParsePlan, primaries

# ---- decoding groups into numbers -------------------------------------------------------


def _lookup(group: pl.Expr, names: list[str], first: int) -> pl.Expr:
    mapping = {name.lower(): first + i for i, name in enumerate(names)}
    return group.str.to_lowercase().replace_strict(mapping, default=None, return_dtype=pl.Int64)


def decode(field: Field, group: pl.Expr) -> pl.Expr:
    """The number a matched group stands for (see :func:`date_parts.component`)."""
    letter, count = field.letter, field.count
    if letter in "ML" and count >= 3:
        return _lookup(group, [m[:3] if count == 3 else m for m in MONTHS], 1)
    if letter == "E":
        return _lookup(group, [d[:3] if count <= 3 else d for d in DAYS], 1)
    if letter in "Qq" and count >= 3:
        return _lookup(group, [f"Q{q}" for q in range(1, 5)] if count == 3 else list(QUARTERS), 1)
    if letter == "G":
        return _lookup(group, ["Before Christ", "Anno Domini"] if count == 4 else ["BC", "AD"], 0)
    if letter == "a":
        return _lookup(group, ["AM", "PM"], 0)
    if letter == "S":  # fraction digits → microseconds (truncated)
        return group.str.pad_end(6, "0").str.slice(0, 6).cast(pl.Int64)
    value = group.cast(pl.Int64)
    return value + 2000 if letter in "yY" and count == 2 else value


def offset_seconds(group: pl.Expr) -> pl.Expr:
    """Seconds east of UTC of ``Z``, ``+05:30``, ``-0800``, ``GMT+8``, ``UTC``; null if not one."""
    body = group.str.replace(r"^(?:UTC|GMT|UT)", "")
    parts = body.str.extract_groups(r"^([+-])([0-9]{1,2}):?([0-9]{2})?:?([0-9]{2})?$")
    hours = parts.struct[1].cast(pl.Int64)
    minutes = parts.struct[2].cast(pl.Int64).fill_null(0)
    seconds = parts.struct[3].cast(pl.Int64).fill_null(0)
    total = (hours * 3600 + minutes * 60 + seconds) * pl.when(parts.struct[0] == "-").then(
        -1
    ).otherwise(1)
    ok = (hours <= 18) & (minutes < 60) & (seconds < 60)
    return pl.when(body.is_in(["", "Z"])).then(0).when(ok).then(total).cast(pl.Int64)


# ---- assembling date-times ----------------------------------------------------------------

US_PER_DAY = 86_400_000_000


def _leap(year: pl.Expr) -> pl.Expr:
    return ((year % 4 == 0) & (year % 100 != 0)) | (year % 400 == 0)


def days_in_month(year: pl.Expr, month: pl.Expr) -> pl.Expr:
    """Days in the month (null for a month outside 1-12)."""
    lengths = {m: 31 if m in (1, 3, 5, 7, 8, 10, 12) else 30 for m in range(1, 13)}
    base = month.replace_strict(lengths, default=None, return_dtype=pl.Int64)
    return pl.when(month == 2).then(28 + _leap(year).cast(pl.Int64)).otherwise(base)


def days_from_civil(year: pl.Expr, month: pl.Expr, day: pl.Expr) -> pl.Expr:
    """Days since 1970-01-01 of a (valid) proleptic Gregorian date (H. Hinnant's algorithm)."""
    y = year - (month <= 2).cast(pl.Int64)
    era = y // 400
    year_of_era = y - era * 400
    day_of_year = (153 * ((month + 9) % 12) + 2) // 5 + day - 1
    day_of_era = year_of_era * 365 + year_of_era // 4 - year_of_era // 100 + day_of_year
    return era * 146_097 + day_of_era - 719_468


def _iso_week_one(year: pl.Expr) -> pl.Expr:
    """Day number of the Monday that starts ISO week 1 of ``year``."""
    jan4 = days_from_civil(year, pl.lit(1), pl.lit(4))
    return jan4 - (jan4 + 3) % 7


def _in(value: pl.Expr, low: int | pl.Expr, high: int | pl.Expr) -> pl.Expr:
    return value.is_between(low, high)


@dataclass(frozen=True)
class _Date:
    days: pl.Expr
    ok: pl.Expr


def _resolve_date(plan: ParsePlan, value: dict[str, pl.Expr]) -> _Date:
    if plan.mode == "week":
        year, week, weekday = value["Y"], value["w"], value["E"]
        start = _iso_week_one(year)
        weeks = (_iso_week_one(year + 1) - start) // 7
        days = start + (week - 1) * 7 + weekday - 1
        ok = _in(year, 1, 9999) & _in(week, 1, weeks) & _in(weekday, 1, 7)
        return _Date(days, ok)
    year = value["y"]
    if "G" in value:
        year = pl.when(value["G"] == 0).then(1 - year).otherwise(year)
    if plan.mode == "yd":
        length = 365 + _leap(year).cast(pl.Int64)
        days = days_from_civil(year, pl.lit(1), pl.lit(1)) + value["D"] - 1
        return _Date(days, _in(year, 1, 9999) & _in(value["D"], 1, length))
    month, day = value["M"], value["d"]
    ok = _in(year, 1, 9999) & _in(month, 1, 12) & _in(day, 1, days_in_month(year, month))
    return _Date(days_from_civil(year, month, day), ok)


def _resolve_time(value: dict[str, pl.Expr]) -> tuple[pl.Expr, pl.Expr]:
    pm = value["a"].fill_null(0) * 12 if "a" in value else pl.lit(0)
    if "H" in value:
        hour, ok = value["H"], _in(value["H"], 0, 23)
    elif "k" in value:
        hour, ok = value["k"] % 24, _in(value["k"], 1, 24)
    elif "h" in value:  # without `a` the hour reads as AM
        hour, ok = value["h"] % 12 + pm, _in(value["h"], 1, 12)
    elif "K" in value:
        hour, ok = value["K"] + pm, _in(value["K"], 0, 11)
    else:
        hour, ok = pl.lit(0), pl.lit(True)
    minute = value["m"] if "m" in value else pl.lit(0)
    second = value["s"] if "s" in value else pl.lit(0)
    micros = value["S"] if "S" in value else pl.lit(0)
    hour, minute, second, micros = (part.fill_null(0) for part in (hour, minute, second, micros))
    ok = ok.fill_null(True) & _in(minute, 0, 59) & _in(second, 0, 59)
    total = ((hour * 60 + minute) * 60 + second) * 1_000_000 + micros
    return total, ok


def _cross_check(plan: ParsePlan, primaries: dict[str, int], local: pl.Expr) -> pl.Expr:
    moment = Moment(local.dt.replace_time_zone("UTC"), "UTC")
    ok = pl.lit(True)
    for index, field in enumerate(plan.fields):
        if index in primaries.values() or field.letter in ZONE_LETTERS or field.letter == "S":
            continue
        parsed, actual = pl.field(f"_v{index}"), component(moment, field.letter)
        if field.letter in "yY" and field.count == 2:
            parsed, actual = parsed % 100, actual % 100
        ok = ok & (parsed.is_null() | (parsed == actual))
    return ok


def _zone_to_utc(field: Field, group: pl.Expr, local: pl.Expr) -> tuple[pl.Expr, pl.Expr]:
    offset = offset_seconds(group)
    if field.letter == "z":
        named = group.replace_strict(ZONE_OFFSETS, default=None, return_dtype=pl.Int64)
        offset = pl.coalesce(named, offset)
    by_offset = (local - pl.duration(seconds=offset.fill_null(0))).dt.replace_time_zone("UTC")
    # with a zone, years 1 and 9999 are refused: their instant may leave the range (and chrono,
    # which reads most patterns, raises there)
    inner_year = local.dt.year().is_between(2, 9998)
    if field.letter != "V":
        return by_offset, group.is_null() | (offset.is_not_null() & inner_year)
    # a region's offset depends on the row's time: one masked conversion per known region
    # (a local time in a DST gap does not parse)
    zoned = [
        pl.when(group == zone)
        .then(local)
        .dt.replace_time_zone(zone, ambiguous="earliest", non_existent="null")
        .dt.convert_time_zone("UTC")
        for zone in REGION_IDS
    ]
    by_region = pl.coalesce(zoned)
    utc = pl.when(offset.is_null()).then(by_region).otherwise(by_offset)
    known = offset.is_not_null() | by_region.is_not_null()
    return utc, group.is_null() | (known & inner_year)


def parse_datetime(text: pl.Expr, plan: ParsePlan) -> pl.Expr:
    """``text`` read with ``plan``: ``Datetime[us, UTC]``, null where it does not parse."""
    if plan.chrono is not None:
        return _read_with_chrono(text, plan.chrono)
    primary = primaries(plan)
    decoded = [
        decode(field, pl.field(f"g{index}")).alias(f"_v{index}")
        for index, field in enumerate(plan.fields)
        if field.letter not in ZONE_LETTERS
    ]
    parts = text.str.extract_groups(f"^(?:{plan.regex})$").struct.with_fields(decoded)
    value = {kind: pl.field(f"_v{index}") for kind, index in primary.items()}
    date = _resolve_date(plan, value)
    time, time_ok = _resolve_time(value)
    days = pl.when(date.ok).then(date.days)
    parts = parts.struct.with_fields(
        _ok=date.ok.fill_null(False) & time_ok,
        _local=(days * US_PER_DAY + time).cast(pl.Datetime("us")),
    )
    local = pl.field("_local")
    zone = next((i for i, f in enumerate(plan.fields) if f.letter in ZONE_LETTERS), None)
    if zone is None:
        utc, zone_ok = local.dt.replace_time_zone("UTC"), pl.lit(True)
    else:
        utc, zone_ok = _zone_to_utc(plan.fields[zone], pl.field(f"g{zone}"), local)
    checked = pl.field("_ok") & zone_ok & _cross_check(plan, primary, local).fill_null(True)
    return parts.struct.with_fields(_utc=pl.when(checked).then(utc)).struct.field("_utc")


def _read_with_chrono(text: pl.Expr, chrono: ChronoParse) -> pl.Expr:
    # rows the gate refuses never reach chrono, which raises on some (year 0); they read ""
    # rather than null: Polars shares no sub-expression holding a null literal, and the error
    # of ``date`` reads the same result again
    gated = pl.when(text.str.contains(f"^(?:{chrono.gate})$")).then(text).otherwise(pl.lit(""))
    if chrono.zoned:
        return gated.str.strptime(pl.Datetime("us", "UTC"), chrono.format, strict=False)
    read = gated.str.strptime(pl.Datetime("us"), chrono.format, strict=False)
    return read.dt.replace_time_zone("UTC")
