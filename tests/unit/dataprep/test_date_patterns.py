"""Java date/time patterns: reading them, printing every letter, parsing every letter.

Vectorised printing and parsing are checked against fixed Java outputs and, with hypothesis,
against the plain-Python reference (``date_reference``) for random date-times and patterns.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Sequence
from zoneinfo import ZoneInfo

import polars as pl
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from headwater.dataprep.functions.date_parse import parse_datetime
from headwater.dataprep.functions.date_parts import Moment, format_datetime
from headwater.dataprep.functions.date_patterns import (
    ISO_FALLBACKS,
    MAX_COUNT,
    Field,
    Section,
    Text,
    chrono_piece,
    to_chrono,
    tokenize,
)
from headwater.dataprep.functions.date_plan import build_plan, plan_for
from headwater.dataprep.functions.date_reference import format_java, parse_java
from headwater.dataprep.values import ExpressionError

UTC = ZoneInfo("UTC")
LA = ZoneInfo("America/Los_Angeles")
KOLKATA = ZoneInfo("Asia/Kolkata")
# A Wednesday morning in daylight-saving time, a Sunday just after New Year (ISO week 53 of
# 2020), and an afternoon at +05:30.
WEDNESDAY = dt.datetime(2019, 10, 23, 4, 24, 35, 123456, tzinfo=LA)
SUNDAY = dt.datetime(2021, 1, 3, 0, 5, 6, tzinfo=UTC)
AFTERNOON = dt.datetime(2021, 6, 15, 17, 30, tzinfo=KOLKATA)


def formatted(value: dt.datetime | None, pattern: str, zone: str) -> str | None:
    series = pl.Series("d", [value], dtype=pl.Datetime("us", zone))
    expr = format_datetime(Moment(pl.col("d"), zone), tokenize(pattern))
    result = pl.DataFrame([series]).select(expr).item()
    assert result is None or isinstance(result, str)
    return result


def parsed(texts: Sequence[str | None], pattern: str) -> list[dt.datetime | None]:
    frame = pl.DataFrame({"t": texts}, schema={"t": pl.String})
    return frame.select(parse_datetime(pl.col("t"), plan_for(pattern))).to_series().to_list()


# ---- reading patterns ---------------------------------------------------------------------


def test_tokens_quotes_and_sections() -> None:
    assert tokenize("yyyy-MM-dd'T'HH") == (
        Field("y", 4), Text("-"), Field("M", 2), Text("-"), Field("d", 2), Text("T"), Field("H", 2),
    )  # fmt: skip
    assert tokenize("hh 'o''clock' a") == (
        Field("h", 2), Text(" "), Text("o'clock"), Text(" "), Field("a", 1),
    )  # fmt: skip
    assert tokenize("''") == (Text("'"),)
    assert tokenize("HH[:mm[:ss]]") == (
        Field("H", 2),
        Section((Text(":"), Field("m", 2), Section((Text(":"), Field("s", 2))))),
    )
    assert tokenize("") == ()


@pytest.mark.parametrize(
    ("pattern", "message"),
    [
        ("yyyy-MM-dd e", "'e' (localized day-of-week) is not supported"),
        ("nnn", "'n' (nano-of-second) is not supported"),
        ("yyyy b", "unknown pattern letter 'b'"),
        ("HHH", "too many pattern letters 'HHH'"),
        ("aa", "too many pattern letters 'aa'"),
        ("V", "'V' must appear twice"),
        ("OO", "'O' must appear once or 4 times"),
        ("zzzz", "too many pattern letters 'zzzz'"),
        ("'open", "a quoted literal is not closed"),
        ("[HH", "'[' without ']'"),
        ("HH]", "']' without '['"),
        ("yyyy{MM}", "'{' is reserved"),
        ("#", "'#' is reserved"),
    ],
)
def test_pattern_errors(pattern: str, message: str) -> None:
    with pytest.raises(ExpressionError, match=re.escape(message)):
        tokenize(pattern)


def test_every_supported_letter_is_listed() -> None:
    assert set(MAX_COUNT) == set("GyYMLQqwWDdFEuaHkKhmsSzZXxVO")


@pytest.mark.parametrize(
    ("pattern", "chrono"),
    [
        ("yyyy-MM-dd'T'HH:mm:ss", "%Y-%m-%dT%H:%M:%S"),
        ("d/M/yy h:m:s a", "%-d/%-m/%y %-I:%-M:%-S %p"),
        ("EEE, dd MMM yyyy HH:mm:ss Z", "%a, %d %b %Y %H:%M:%S %z"),
        ("EEEE MMMM D DDD u", "%A %B %-j %j %u"),
        ("YYYY-'W'ww", "%G-W%V"),
        ("SSS SSSSSS SSSSSSSSS xxx z", "%3f %6f %9f %:z %Z"),
        ("'100%'", "100%%"),
        ("yyyy X", None),  # X prints Z for UTC: chrono has no such letter
        ("k", None),
    ],
)
def test_chrono_translation(pattern: str, chrono: str | None) -> None:
    assert to_chrono(tokenize(pattern)) == chrono


def test_chrono_has_no_piece_for_component_letters() -> None:
    for letter, count in [("G", 1), ("Q", 1), ("W", 1), ("F", 1), ("k", 1), ("K", 1), ("O", 1)]:
        assert chrono_piece(Field(letter, count)) is None


# ---- printing every letter ----------------------------------------------------------------

WEDNESDAY_TEXT = {
    "G": "AD", "GGGG": "Anno Domini", "GGGGG": "A",
    "y": "2019", "yy": "19", "yyy": "2019", "yyyy": "2019", "yyyyy": "02019",
    "Y": "2019", "YY": "19", "YYYY": "2019",
    "M": "10", "MM": "10", "MMM": "Oct", "MMMM": "October", "MMMMM": "O", "LLL": "Oct",
    "Q": "4", "QQ": "04", "QQQ": "Q4", "QQQQ": "4th quarter", "QQQQQ": "4", "qqq": "Q4",
    "w": "43", "ww": "43", "W": "4", "D": "296", "DD": "296", "DDD": "296",
    "d": "23", "dd": "23", "F": "4",
    "E": "Wed", "EEE": "Wed", "EEEE": "Wednesday", "EEEEE": "W", "u": "3", "uu": "03",
    "a": "AM", "H": "4", "HH": "04", "k": "4", "kk": "04", "K": "4", "KK": "04",
    "h": "4", "hh": "04", "m": "24", "mm": "24", "s": "35", "ss": "35",
    "S": "1", "SS": "12", "SSS": "123", "SSSSSS": "123456", "SSSSSSSSS": "123456000",
    "z": "PDT", "Z": "-0700", "ZZZZ": "GMT-07:00", "ZZZZZ": "-07:00",
    "X": "-07", "XX": "-0700", "XXX": "-07:00", "XXXX": "-0700", "XXXXX": "-07:00",
    "x": "-07", "xx": "-0700", "xxx": "-07:00", "VV": "America/Los_Angeles",
    "O": "GMT-7", "OOOO": "GMT-07:00",
}  # fmt: skip
SUNDAY_TEXT = {
    "M": "1", "MM": "01", "d": "3", "dd": "03", "D": "3", "DD": "03", "DDD": "003",
    "Y": "2020", "YY": "20", "w": "53", "W": "0", "F": "1", "E": "Sun", "u": "7",
    "H": "0", "HH": "00", "k": "24", "K": "0", "h": "12", "hh": "12", "a": "AM",
    "m": "5", "mm": "05", "s": "6", "S": "0",
    "z": "UTC", "Z": "+0000", "ZZZZ": "GMT", "ZZZZZ": "Z", "X": "Z", "XX": "Z", "XXX": "Z",
    "x": "+00", "xx": "+0000", "xxx": "+00:00", "O": "GMT", "OOOO": "GMT", "VV": "UTC",
}  # fmt: skip
AFTERNOON_TEXT = {
    "a": "PM", "h": "5", "K": "5", "k": "17", "z": "IST", "Z": "+0530", "X": "+0530",
    "XX": "+0530", "XXX": "+05:30", "x": "+0530", "O": "GMT+5:30", "OOOO": "GMT+05:30",
    "ZZZZ": "GMT+05:30",
}  # fmt: skip
CASES = [
    (WEDNESDAY, "America/Los_Angeles", WEDNESDAY_TEXT),
    (SUNDAY, "UTC", SUNDAY_TEXT),
    (AFTERNOON, "Asia/Kolkata", AFTERNOON_TEXT),
]


@pytest.mark.parametrize(
    ("value", "zone", "pattern", "text"),
    [(v, zone, p, t) for v, zone, texts in CASES for p, t in texts.items()],
)
def test_each_letter_prints_as_java(value: dt.datetime, zone: str, pattern: str, text: str) -> None:
    assert formatted(value, pattern, zone) == text
    assert format_java(value, pattern) == text


def test_whole_patterns_print_with_literals_and_sections() -> None:
    pattern = "yyyy-MM-dd'T'HH:mm:ss.SSSX"
    assert formatted(WEDNESDAY, pattern, "America/Los_Angeles") == "2019-10-23T04:24:35.123-07"
    assert formatted(SUNDAY, pattern, "UTC") == "2021-01-03T00:05:06.000Z"
    assert formatted(SUNDAY, "EEE, d MMM yyyy [HH:mm] 'o''clock' k", "UTC") == (
        "Sun, 3 Jan 2021 00:05 o'clock 24"
    )
    assert formatted(SUNDAY, "'literal only'", "UTC") == "literal only"
    assert formatted(SUNDAY, "", "UTC") == ""
    assert formatted(None, "yyyy k", "UTC") is None
    assert formatted(None, "'x'", "UTC") is None


def test_years_past_the_pad_take_a_sign() -> None:
    assert formatted(dt.datetime(2019, 1, 1, tzinfo=UTC), "yyy", "UTC") == "2019"
    assert format_java(dt.datetime(2019, 1, 1, tzinfo=UTC), "yyy") == "2019"
    assert format_java(dt.datetime(9999, 1, 1, tzinfo=UTC), "yyyy") == "9999"


def test_daylight_saving_changes_the_offset_and_name() -> None:
    winter = dt.datetime(2021, 1, 15, 12, tzinfo=LA)
    for value, text in [(winter, "PST -08:00 GMT-8"), (WEDNESDAY, "PDT -07:00 GMT-7")]:
        assert formatted(value, "z XXX O", "America/Los_Angeles") == text
        assert format_java(value, "z XXX O") == text


# ---- parsing every letter -----------------------------------------------------------------


def utc(year: int, month: int, day: int, *time: int) -> dt.datetime:
    hour, minute, second, micros = (*time, 0, 0, 0, 0)[:4]
    return dt.datetime(year, month, day, hour, minute, second, micros, tzinfo=UTC)


PARSE_CASES = [
    ("yyyy-MM-dd", "2019-10-23", utc(2019, 10, 23)),
    ("yy-M-d", "19-1-5", utc(2019, 1, 5)),
    ("y/MM/dd", "7/01/05", utc(7, 1, 5)),
    ("yyyy-MMM-dd", "2019-oct-23", utc(2019, 10, 23)),
    ("d MMMM yyyy", "3 January 2021", utc(2021, 1, 3)),
    ("dd LLL yyyy G", "03 Jan 2021 AD", utc(2021, 1, 3)),
    ("yyyy-DDD", "2020-366", utc(2020, 12, 31)),
    ("yyyy-D", "2021-32", utc(2021, 2, 1)),
    ("YYYY-'W'ww-u", "2020-W53-7", utc(2021, 1, 3)),
    ("YYYY w E", "2021 1 Mon", utc(2021, 1, 4)),
    ("EEEE, yyyy-MM-dd", "Sunday, 2021-01-03", utc(2021, 1, 3)),
    ("EEE yyyy-MM-dd", "sun 2021-01-03", utc(2021, 1, 3)),
    ("yyyy-MM-dd QQQ", "2021-11-03 Q4", utc(2021, 11, 3)),
    ("yyyy-MM-dd QQQQ", "2021-11-03 4th quarter", utc(2021, 11, 3)),
    ("yyyy-MM-dd q", "2021-11-03 4", utc(2021, 11, 3)),
    ("yyyy-MM-dd W F", "2019-10-23 4 4", utc(2019, 10, 23)),
    ("yyyy-MM-dd HH:mm:ss", "2019-10-23 23:59:59", utc(2019, 10, 23, 23, 59, 59)),
    ("yyyy-MM-dd H:m:s", "2019-10-23 7:5:9", utc(2019, 10, 23, 7, 5, 9)),
    ("yyyy-MM-dd kk:mm", "2019-10-23 24:30", utc(2019, 10, 23, 0, 30)),
    ("yyyy-MM-dd hh:mm a", "2019-10-23 12:30 AM", utc(2019, 10, 23, 0, 30)),
    ("yyyy-MM-dd hh:mm a", "2019-10-23 12:30 pm", utc(2019, 10, 23, 12, 30)),
    ("yyyy-MM-dd K a", "2019-10-23 11 PM", utc(2019, 10, 23, 23)),
    ("yyyy-MM-dd h", "2019-10-23 3", utc(2019, 10, 23, 3)),
    ("yyyy-MM-dd HH a", "2019-10-23 15 PM", utc(2019, 10, 23, 15)),
    ("yyyy-MM-dd HH:mm:ss.S", "2019-10-23 01:02:03.4", utc(2019, 10, 23, 1, 2, 3, 400000)),
    ("yyyyMMddHHmmssSSSSSSSSS", "20191023010203123456789", utc(2019, 10, 23, 1, 2, 3, 123456)),
    ("yyyy-MM-dd HH:mmZ", "2019-10-23 11:24+0200", utc(2019, 10, 23, 9, 24)),
    ("yyyy-MM-dd HH:mm ZZZZ", "2019-10-23 11:24 GMT-07:00", utc(2019, 10, 23, 18, 24)),
    ("yyyy-MM-dd HH:mm ZZZZZ", "2019-10-23 11:24 Z", utc(2019, 10, 23, 11, 24)),
    ("yyyy-MM-dd HH:mmX", "2019-10-23 11:24-07", utc(2019, 10, 23, 18, 24)),
    ("yyyy-MM-dd HH:mmX", "2019-10-23 11:24+0530", utc(2019, 10, 23, 5, 54)),
    ("yyyy-MM-dd HH:mmXXX", "2019-10-23 11:24Z", utc(2019, 10, 23, 11, 24)),
    ("yyyy-MM-dd HH:mmxx", "2019-10-23 11:24+0000", utc(2019, 10, 23, 11, 24)),
    ("yyyy-MM-dd HH:mm O", "2019-10-23 11:24 GMT+8", utc(2019, 10, 23, 3, 24)),
    ("yyyy-MM-dd HH:mm z", "2019-10-23 11:24 PST", utc(2019, 10, 23, 19, 24)),
    ("yyyy-MM-dd HH:mm z", "2019-10-23 11:24 CEST", utc(2019, 10, 23, 9, 24)),
    ("yyyy-MM-dd HH:mm z", "2019-10-23 11:24 GMT+02:00", utc(2019, 10, 23, 9, 24)),
    ("yyyy-MM-dd HH:mm VV", "2019-10-23 11:24 Europe/Paris", utc(2019, 10, 23, 9, 24)),
    ("yyyy-MM-dd HH:mm VV", "2019-12-23 11:24 Europe/Paris", utc(2019, 12, 23, 10, 24)),
    ("yyyy-MM-dd HH:mm VV", "2019-10-23 11:24 UTC+01:00", utc(2019, 10, 23, 10, 24)),
    ("yyyy-MM-dd['T'HH[:mm]]", "2019-10-23T11", utc(2019, 10, 23, 11)),
    ("yyyy-MM-dd['T'HH[:mm]]", "2019-10-23", utc(2019, 10, 23)),
    ("yyyy-MM-dd[ XXX]", "2019-10-23", utc(2019, 10, 23)),
]  # fmt: skip


@pytest.mark.parametrize(("pattern", "text", "expected"), PARSE_CASES)
def test_each_letter_parses(pattern: str, text: str, expected: dt.datetime) -> None:
    assert parsed([text], pattern) == [expected]
    assert parse_java(text, plan_for(pattern)) == expected


@pytest.mark.parametrize(
    ("pattern", "text"),
    [
        ("yyyy-MM-dd", "2019-02-29"),  # not a leap year
        ("yyyy-MM-dd", "2019-13-01"),
        ("yyyy-MM-dd", "2019-10-23 "),  # trailing text
        ("yyyy-MM-dd", "2019-1-23"),  # MM is two digits
        ("yyyy-MM-dd", "0000-01-01"),  # year 0 is outside 1-9999
        ("yyyy-DDD", "2019-366"),
        ("YYYY-'W'ww-u", "2021-W53-1"),  # 2021 has 52 ISO weeks
        ("EEE yyyy-MM-dd", "Mon 2021-01-03"),  # a Sunday
        ("yyyy-MM-dd QQQ", "2021-11-03 Q1"),
        ("yyyy-MM-dd HH:mm", "2019-10-23 24:00"),
        ("yyyy-MM-dd hh:mm a", "2019-10-23 13:00 PM"),
        ("yyyy-MM-dd kk", "2019-10-23 00"),
        ("yyyy-MM-dd K a", "2019-10-23 12 AM"),
        ("yyyy-MM-dd HH a", "2019-10-23 15 AM"),
        ("yyyy-MM-dd HH:mm:ss", "2019-10-23 10:00:60"),
        ("yyyy-MM-dd HH:mmXXX", "2019-10-23 11:24+0200"),  # XXX needs the colon
        ("yyyy-MM-dd HH:mmZ", "2019-10-23 11:24+1900"),
        ("yyyy-MM-dd HH:mm z", "2019-10-23 11:24 XYZ"),
        ("yyyy-MM-dd HH:mm VV", "2019-10-23 11:24 Mars/Olympus"),
        ("yyyy-MM-dd HH:mm VV", "2019-03-31 02:30 Europe/Paris"),  # in the DST gap
        ("dd LLL yyyy G", "03 Jan 2021 BC"),  # year -2020 is outside 1-9999
        ("yyyy-MM-dd", ""),
    ],
)
def test_texts_that_do_not_parse(pattern: str, text: str) -> None:
    assert parsed([text], pattern) == [None]
    assert parse_java(text, plan_for(pattern)) is None


def test_null_text_parses_to_null() -> None:
    assert parsed([None, "2019-10-23"], "yyyy-MM-dd") == [None, utc(2019, 10, 23)]


def test_overlap_reads_the_earlier_offset() -> None:
    # 02:30 happens twice in Paris on 2019-10-27: first at +02:00
    assert parsed(["2019-10-27 02:30 Europe/Paris"], "yyyy-MM-dd HH:mm VV") == [
        utc(2019, 10, 27, 0, 30)
    ]


@pytest.mark.parametrize(
    ("pattern", "message"),
    [
        ("yyyy-MM", "cannot be read into a date"),
        ("HH:mm", "cannot be read into a date"),
        ("yyyy-ww", "cannot be read into a date"),
        ("yyyy-MMMMM-dd", "narrow text ('MMMMM') cannot be parsed"),
        ("EEEEE yyyy-MM-dd", "narrow text ('EEEEE') cannot be parsed"),
    ],
)
def test_patterns_that_cannot_parse_a_date(pattern: str, message: str) -> None:
    with pytest.raises(ExpressionError, match=re.escape(message)):
        plan_for(pattern)


def test_regexes_compile_in_python_and_polars() -> None:
    for pattern in ["yyyy-MM-dd HH:mm VV", "dd.MMM.yyyy G z", "yyyy-MM-dd'T'HH:mm:ss.SSSXXXXX"]:
        plan = plan_for(pattern)
        re.compile(plan.regex)
        pl.select(pl.lit("x").str.contains(plan.regex))


# ---- vectorised against the reference ------------------------------------------------------

ZONES = ["UTC", "Europe/Paris", "America/New_York", "Asia/Kolkata", "Australia/Lord_Howe"]
PRINTABLE = [(letter, count) for letter, most in MAX_COUNT.items() for count in range(1, most + 1)]
PRINTABLE = [
    (letter, count)
    for letter, count in PRINTABLE
    if not (letter == "V" and count != 2) and not (letter == "O" and count not in (1, 4))
]
instants = st.datetimes(
    min_value=dt.datetime(1970, 1, 1), max_value=dt.datetime(2037, 12, 31), timezones=st.just(UTC)
)
fields = st.sampled_from(PRINTABLE).map(lambda lc: lc[0] * lc[1])
separators = st.sampled_from([" ", "-", "/", ":", "'T'", "', '", "."])


@settings(max_examples=100, deadline=None)
@given(
    st.lists(instants, min_size=1, max_size=5),
    st.sampled_from(ZONES),
    st.lists(st.tuples(fields, separators), min_size=1, max_size=6),
)
def test_printing_matches_the_reference(
    values: list[dt.datetime], zone: str, parts: list[tuple[str, str]]
) -> None:
    pattern = "".join(field + separator for field, separator in parts)
    series = pl.Series("d", values, dtype=pl.Datetime("us", "UTC")).dt.convert_time_zone(zone)
    expr = format_datetime(Moment(pl.col("d"), zone), tokenize(pattern))
    got = pl.DataFrame([series]).select(expr).to_series().to_list()
    assert got == [format_java(value.astimezone(ZoneInfo(zone)), pattern) for value in values]


PARSEABLE = [
    "yyyy-MM-dd'T'HH:mm:ss.SSSXXX",
    "yyyy-MM-dd HH:mm:ss Z",
    "dd MMM yyyy hh:mm a z",
    "EEEE d MMMM yy HH:mm O",
    "yyyy-DDD kk:mm:ss.SSSSSS",
    "YYYY-'W'ww-u HH:mm",
    "M/d/yyyy h:mm:ss a x",
    "yyyy-MM-dd HH:mm VV",
    "yyyyMMddHHmmssSSS",
    "dd.MM.yyyy[ HH:mm[:ss]] QQQ",
    "yyyy-MM-dd K a W F G",
    "yyyyMMddHHmmss",
    "M/dd/yyyy hh:mm:ss a",
    "yyyy-MM-dd'T'HH:mm:ss.SSSSSSX",
    "EEE dd.MMM.yyyy HH:mm:ss xx",
]


recent = st.datetimes(
    min_value=dt.datetime(2000, 1, 1), max_value=dt.datetime(2037, 12, 31), timezones=st.just(UTC)
)


@settings(max_examples=100, deadline=None)
@given(st.lists(recent, min_size=1, max_size=5), st.sampled_from(PARSEABLE), st.data())
def test_parsing_matches_the_reference(
    values: list[dt.datetime], pattern: str, data: st.DataObject
) -> None:
    zone = data.draw(st.sampled_from(["UTC", "Europe/Paris", "America/New_York"]))
    texts = [format_java(value.astimezone(ZoneInfo(zone)), pattern) for value in values]
    noise = data.draw(st.lists(st.text(alphabet="0123456789-: TZ+", max_size=12), max_size=3))
    frame = pl.DataFrame({"t": texts + noise}, schema={"t": pl.String})
    got = frame.select(parse_datetime(pl.col("t"), plan_for(pattern))).to_series().to_list()
    assert got == [parse_java(text, plan_for(pattern)) for text in texts + noise]
    assert None not in got[: len(texts)]  # what we print, we read back
    if pattern == PARSEABLE[0]:
        assert got[: len(texts)] == [
            v.replace(microsecond=v.microsecond // 1000 * 1000) for v in values
        ]


def test_iso_fallback_forms() -> None:
    plans = [build_plan(tokens, "ISO-8601") for tokens in ISO_FALLBACKS]
    assert len(plans) == 12
    assert all(plan.chrono is not None for plan in plans)
    texts = [
        "2019-10-23T11:24",
        "2019-10-23 11:24:05.5+05:30",
        "2019-10-23T11:24:05Z",
        "2019-10-23T11:24:05.123456789-0130",
        "2019-10-23T11:24+05",
        "2019-10-23T11:24:05+05:30:10",  # offsets with seconds are not among them
    ]
    frame = pl.DataFrame({"t": texts})
    tries = pl.coalesce([parse_datetime(pl.col("t"), plan) for plan in plans])
    got = frame.select(tries).to_series().to_list()
    assert got == [
        utc(2019, 10, 23, 11, 24),
        utc(2019, 10, 23, 5, 54, 5, 500000),
        utc(2019, 10, 23, 11, 24, 5),
        utc(2019, 10, 23, 12, 54, 5, 123456),
        utc(2019, 10, 23, 6, 24),
        None,
    ]
    reference = [next(filter(None, (parse_java(t, p) for p in plans)), None) for t in texts]
    assert reference == got


@pytest.mark.parametrize(
    ("pattern", "chrono"),
    [
        ("yyyy-MM-dd HH:mm:ss.SSSZ", "%Y-%m-%d %H:%M:%S%.3f%z"),
        ("dd.MMM.yyyy", "%d.%b.%Y"),
        ("M/dd/yyyy hh:mm:ss a", "%m/%d/%Y %I:%M:%S %p"),
        ("EEEE yyyy-DDD HH:mm xxx", "%A %Y-%j %H:%M %:z"),
        ("'%' yyyy-MM-dd", "%% %Y-%m-%d"),
        ("yyyy-MM-dd hh:mm", None),  # a 12-hour clock without AM/PM
        ("yyyy-MM-dd HH", None),  # chrono needs the minutes with the hour
        ("yyyy-MM-dd HH:mm:ssSSS", None),  # a fraction without its dot
        ("yyyy-MM-dd HH:mm:ss.SS", None),
        ("yyyyMdd", None),  # a variable-width month between numbers
        ("yyyy-MM-dd[ HH:mm]", None),
        ("yyyy-MM-dd VV", None),
        ("yy-MM-dd", None),
        ("yyyy-MM-dd D", None),
    ],
)
def test_which_patterns_chrono_reads(pattern: str, chrono: str | None) -> None:
    found = plan_for(pattern).chrono
    assert (found.format if found else None) == chrono


def test_chrono_gates_what_it_would_read_differently() -> None:
    # year 0 (chrono raises), a leap second, an offset past 18 hours, a one-digit MM, and
    # year 1 or 9999 with an offset (refused by every reader: the instant may leave the range)
    texts = [
        "0000-01-01 00:00:00+0000",
        "2019-10-23 10:00:60+0000",
        "2019-10-23 10:00:00+1900",
        "2019-1-23 10:00:00+0000",
        "0001-01-01 00:00:00+0000",
        "2019-10-23 10:00:00+0000",
    ]
    pattern = "yyyy-MM-dd HH:mm:ssZ"
    assert plan_for(pattern).chrono is not None
    assert parsed(texts, pattern) == [None] * 5 + [utc(2019, 10, 23, 10)]
    assert [parse_java(text, plan_for(pattern)) for text in texts] == parsed(texts, pattern)
