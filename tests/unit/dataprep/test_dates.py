"""Date/time functions: the platform's examples, every default format, zones, errors.

Each function is compiled directly over ``Value``s of DataFrame columns and literals (no parser)
and checked against fixed results and, with hypothesis, against its scalar reference.
"""

from __future__ import annotations

import datetime as dt
import time
from typing import Any
from zoneinfo import ZoneInfo

import polars as pl
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from headwater.dataprep import kinds
from headwater.dataprep.functions import function_table
from headwater.dataprep.functions.date_args import PARTS, SETTABLE
from headwater.dataprep.functions.date_patterns import DEFAULT_FORMATS, Field, Text, tokenize
from headwater.dataprep.reference import RowError
from headwater.dataprep.values import ExpressionError, Value

UTC = ZoneInfo("UTC")
PARIS = ZoneInfo("Europe/Paris")
LA = ZoneInfo("America/Los_Angeles")
NAMES = [
    "now", "timestamp", "format", "dformat", "date", "date_part", "set_date_part",
    "make_date_time", "zone_date_to_utc", "zone_date_to_zone",
]  # fmt: skip


def utc(year: int, month: int, day: int, *time_: int, zone: ZoneInfo = UTC) -> dt.datetime:
    hour, minute, second, micros = (*time_, 0, 0, 0, 0)[:4]
    return dt.datetime(year, month, day, hour, minute, second, micros, tzinfo=zone)


def lit(value: Any, dtype: Any = None) -> Value:
    """A literal argument (a constant the compiler knows)."""
    if dtype is None:
        dtype = {str: pl.String(), int: pl.Int64()}.get(type(value), pl.Null())
    if isinstance(value, dt.datetime):
        dtype = pl.Datetime("us", str(value.tzinfo))
    return Value(pl.lit(value, dtype=dtype), dtype, constant=value)


def col(name: str, dtype: Any) -> Value:
    return Value(pl.col(name), dtype)


def run(
    name: str, args: list[Value], frame: pl.DataFrame | None = None, *, raw: bool = False
) -> list[tuple[Any, Any]]:
    """(value, error) per row of ``frame`` (one row when there is none).

    Date-times come back in UTC unless ``raw``: a wall-clock time that happens twice (DST)
    loses which one it was on its way to a Python ``datetime``.
    """
    value = function_table()[name].compile(args)
    error = pl.lit(None, dtype=pl.String) if value.error is None else value.error
    out = (frame if frame is not None else pl.DataFrame({"_": [0]})).select(
        value.expr.alias("value"), error.alias("error")
    )
    assert out.schema["value"] == value.dtype
    if isinstance(value.dtype, pl.Datetime) and not raw:
        out = out.with_columns(pl.col("value").dt.convert_time_zone("UTC"))
    return list(zip(out["value"].to_list(), out["error"].to_list(), strict=True))


def one(name: str, *args: Value, raw: bool = False) -> Any:
    [(value, error)] = run(name, list(args), raw=raw)
    assert error is None, error
    return value


def texts(values: list[str | None]) -> tuple[Value, pl.DataFrame]:
    return col("t", pl.String()), pl.DataFrame({"t": values}, schema={"t": pl.String})


def dates(values: list[dt.datetime | None], zone: str = "UTC") -> tuple[Value, pl.DataFrame]:
    dtype = pl.Datetime("us", zone)
    frame = pl.DataFrame({"d": pl.Series(values, dtype=pl.Datetime("us", "UTC"))})
    return col("d", dtype), frame.with_columns(pl.col("d").dt.convert_time_zone(zone))


# ---- catalogue ----------------------------------------------------------------------------


def test_catalogue_entries() -> None:
    table = function_table()
    for name in NAMES:
        function = table[name]
        assert function.category == "Date / Time"
        assert function.syntax.split("(")[0].endswith(name)
        assert (function.scalar is None) == (name in ("now", "timestamp"))
        assert function.example and function.result
    date = table["date"]
    assert date.syntax == "ZonedDateTime date(String, String, ZonedDateTime)"
    assert date.return_type == "java.time.ZonedDateTime"
    assert (date.min_args, date.max_args) == (1, 3)
    assert table["make_timestamp"] is table["make_date_time"]
    assert table["make_date_time"].min_args == 8


# ---- now, timestamp -----------------------------------------------------------------------


def test_now_and_timestamp_are_the_current_time() -> None:
    before = time.time()
    now = one("now")
    stamp = one("timestamp")
    after = time.time()
    assert isinstance(now, dt.datetime)
    assert before - 1 <= now.timestamp() <= after + 1
    assert before * 1000 - 1000 <= stamp <= after * 1000 + 1000
    assert function_table()["now"].compile([]).dtype == kinds.DATE_TIME


# ---- format, dformat ----------------------------------------------------------------------


def test_format_documented_example() -> None:
    date = lit(utc(2019, 10, 23, 11, 24, 35))
    assert one("format", date, lit("yyyy-MM-dd HH:mm:ss")) == "2019-10-23 11:24:35"


def test_format_prints_in_the_dates_zone() -> None:
    value, frame = dates(
        [utc(2019, 10, 23, 11, 24), utc(2019, 12, 23, 11, 24), None], "Europe/Paris"
    )
    rows = run("format", [value, lit("yyyy-MM-dd HH:mm XXX z")], frame)
    assert [v for v, _ in rows] == [
        "2019-10-23 13:24 +02:00 CEST",
        "2019-12-23 12:24 +01:00 CET",
        None,
    ]


def test_format_reads_dates_and_zone_less_columns_as_utc() -> None:
    frame = pl.DataFrame({"d": [dt.date(2021, 1, 3)], "n": [dt.datetime(2021, 1, 3, 4, 5)]})
    assert run("format", [col("d", pl.Date()), lit("yyyy-MM-dd HH:mm VV")], frame) == [
        ("2021-01-03 00:00 UTC", None)
    ]
    assert run("format", [col("n", pl.Datetime("us")), lit("HH:mm X")], frame) == [
        ("04:05 Z", None)
    ]


def test_format_nulls_and_compile_errors() -> None:
    assert one("format", lit(None), lit("yyyy")) is None
    assert one("format", lit(utc(2019, 1, 1)), lit(None)) is None
    with pytest.raises(ExpressionError, match="must be a date-time, not a string"):
        function_table()["format"].compile([lit("2019-01-01"), lit("yyyy")])
    with pytest.raises(ExpressionError, match="must be a literal"):
        function_table()["format"].compile([lit(utc(2019, 1, 1)), col("f", pl.String())])
    with pytest.raises(ExpressionError, match="unknown pattern letter 'b'"):
        function_table()["format"].compile([lit(utc(2019, 1, 1)), lit("b")])


def test_dformat() -> None:
    pattern = lit("yyyy-MM-dd'T'HH:mm:ss.SSSX")
    assert one("dformat", lit(1571829875000), pattern) == "2019-10-23T11:24:35.000Z"
    assert one("dformat", lit("1571829875123"), pattern) == "2019-10-23T11:24:35.123Z"
    assert one("dformat", lit(-1), pattern) == "1969-12-31T23:59:59.999Z"
    assert one("dformat", lit(None), pattern) is None
    [(value, error)] = run("dformat", [lit(10**15), pattern])
    assert value is None
    assert error == "'1000000000000000' is not a time in the years 1-9999"
    [(value, error)] = run("dformat", [lit("soon"), pattern])
    assert (value, error) == (None, "'soon' is not an integer")


# ---- date ---------------------------------------------------------------------------------


def test_date_documented_examples() -> None:
    expected = utc(2019, 10, 23, 11, 24)
    now = function_table()["now"].compile([])
    assert one("date", lit("2019-10-23 11:24"), lit("yyyy-MM-dd HH:mm"), now) == expected
    assert one("date", lit("2019-10-23 11:24"), lit("yyyy-MM-dd HH:mm")) == expected
    assert one("date", lit("2019-10-23 11:24")) == expected
    assert one("date", lit("2019-10-17 11:55:12")) == utc(2019, 10, 17, 11, 55, 12)
    assert one("date", lit("2016-11-09T11:44:44.797")) == utc(2016, 11, 9, 11, 44, 44, 797000)


DEFAULT_EXAMPLES = [
    ("2019-10-23 11:24:35+0200", utc(2019, 10, 23, 9, 24, 35)),
    ("2019-10-23 11:24:35.123-0130", utc(2019, 10, 23, 12, 54, 35, 123000)),
    ("2019-10-23 11:24:35.123", utc(2019, 10, 23, 11, 24, 35, 123000)),
    ("2019-10-23T11:24:35.123+05", utc(2019, 10, 23, 6, 24, 35, 123000)),
    ("2019-10-23T11:24:35Z", utc(2019, 10, 23, 11, 24, 35)),
    ("2019-10-23", utc(2019, 10, 23)),
    ("2019/10/23", utc(2019, 10, 23)),
    ("2019.10.23", utc(2019, 10, 23)),
    ("2019-Oct-23", utc(2019, 10, 23)),
    ("20191023", utc(2019, 10, 23)),
    ("10-23-2019", utc(2019, 10, 23)),
    ("10232019", utc(2019, 10, 23)),
    ("1/23/2019", utc(2019, 1, 23)),
    ("23.1.2019", utc(2019, 1, 23)),
    ("1/23/2019 01:02:03 PM", utc(2019, 1, 23, 13, 2, 3)),
    ("23.1.2019 12:02:03 AM", utc(2019, 1, 23, 0, 2, 3)),
    ("23.Jan.2019", utc(2019, 1, 23)),
    ("23-Jan-2019", utc(2019, 1, 23)),
]


def test_every_default_format_in_order() -> None:
    assert len(DEFAULT_EXAMPLES) == len(DEFAULT_FORMATS)
    value, frame = texts([text for text, _ in DEFAULT_EXAMPLES])
    assert run("date", [value], frame) == [(expected, None) for _, expected in DEFAULT_EXAMPLES]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("12112020", utc(2020, 12, 11)),  # MMddyyyy, as the platform warns
        ("20201011", utc(2020, 10, 11)),  # yyyyMMdd comes first
        ("10232019", utc(2019, 10, 23)),  # not yyyyMMdd (month 23): the next format
        ("2019-10-23T11:24", utc(2019, 10, 23, 11, 24)),  # ISO-8601 forms come last
        ("2019-10-23 11:24:05.5+05:30", utc(2019, 10, 23, 5, 54, 5, 500000)),
        ("2019-10-23T11:24:05.123456789Z", utc(2019, 10, 23, 11, 24, 5, 123456)),
    ],
)
def test_first_matching_default_format_wins(text: str, expected: dt.datetime) -> None:
    assert one("date", lit(text)) == expected


def test_date_nulls_blanks_and_failures() -> None:
    value, frame = texts([None, "", "  ", "not a date", "2019-02-30", "2019-10-23"])
    assert run("date", [value], frame) == [
        (None, None),
        (None, None),
        (None, None),
        (None, "'not a date' does not match any default date format"),
        (None, "'2019-02-30' does not match any default date format"),
        (utc(2019, 10, 23), None),
    ]
    with_format = run("date", [value, lit("yyyy-MM-dd")], frame)
    assert with_format[3] == (None, "'not a date' does not match the format 'yyyy-MM-dd'")


def test_date_messages_cut_long_texts_and_skip_control_blanks() -> None:
    long, lines = "9" * 61, "a\nb" * 30  # 61 characters; 90 across lines
    value, frame = texts(["\x00\t\x1f ", "é" * 60, long, lines])
    cut = "' does not match the format 'yyyy-MM-dd'"
    assert run("date", [value, lit("yyyy-MM-dd")], frame) == [
        (None, None),
        (None, "'" + "é" * 60 + cut),
        (None, "'" + "9" * 60 + "…" + cut),
        (None, "'" + lines[:60] + "…" + cut),
    ]


def test_date_default_replaces_null_and_unparseable_input() -> None:
    value, frame = texts([None, "", "nope", "2019-10-23"])
    default = lit(utc(2000, 1, 1, 1, zone=PARIS))
    rows = run("date", [value, lit("yyyy-MM-dd"), default], frame)
    fallback = utc(2000, 1, 1, 0)  # the default, in UTC like the parsed dates
    assert rows == [(fallback, None)] * 3 + [(utc(2019, 10, 23), None)]
    assert run("date", [value, lit(None), lit(None)], frame)[3] == (utc(2019, 10, 23), None)


def test_date_of_a_date_time_keeps_it() -> None:
    value, frame = dates([utc(2019, 10, 23, 11), None], "Europe/Paris")
    rows = run("date", [value, lit("ignored"), lit(utc(2000, 1, 1))], frame, raw=True)
    assert rows == [(utc(2019, 10, 23, 11), None), (utc(2000, 1, 1), None)]
    assert rows[0][0].tzinfo == PARIS


def test_date_compile_errors() -> None:
    compile_ = function_table()["date"].compile
    with pytest.raises(ExpressionError, match="must be a literal"):
        compile_([lit("2019-10-23"), col("f", pl.String())])
    with pytest.raises(ExpressionError, match="must be a date-time, not an integer"):
        compile_([lit(20191023)])
    with pytest.raises(ExpressionError, match="DEFAULT_DATE of date must be a date-time"):
        compile_([lit("2019-10-23"), lit("yyyy-MM-dd"), lit("2000-01-01")])
    with pytest.raises(ExpressionError, match="cannot be read into a date"):
        compile_([lit("2019-10"), lit("yyyy-MM")])


# ---- date_part, set_date_part -------------------------------------------------------------


def test_date_part_documented_example() -> None:
    date = function_table()["date"].compile([lit("2019-10-17 11:55:12")])
    assert one("date_part", lit("MM"), date) == 10


WHEN = utc(2019, 10, 17, 23, 55, 12, 345678)  # a Thursday
PART_VALUES = {
    "y": 2019, "Q": 4, "M": 10, "D": 290, "d": 17, "w": 42, "E": 4, "H": 23, "h": 11,
    "m": 55, "s": 12, "ms": 345,
}  # fmt: skip


@pytest.mark.parametrize("name", sorted(PARTS))
def test_every_date_part_component(name: str) -> None:
    assert one("date_part", lit(name), lit(WHEN)) == PART_VALUES[PARTS[name]]
    assert one("date_part", lit(name.upper()), lit(WHEN)) == PART_VALUES[PARTS[name]]


def test_date_part_in_the_dates_zone_and_nulls() -> None:
    value, frame = dates([WHEN, None], "Europe/Paris")
    assert run("date_part", [lit("day"), value], frame) == [(18, None), (None, None)]
    assert run("date_part", [lit("hour"), value], frame)[0] == (1, None)
    with pytest.raises(ExpressionError, match="'decade' is not one of"):
        function_table()["date_part"].compile([lit("decade"), lit(WHEN)])
    with pytest.raises(ExpressionError, match="must be a literal"):
        function_table()["date_part"].compile([col("c", pl.String()), lit(WHEN)])


def test_set_date_part_documented_example() -> None:
    date = function_table()["date"].compile([lit("2016-11-09T11:44:44.797")])
    assert one("set_date_part", lit("m"), lit(4), date) == utc(2016, 4, 9, 11, 44, 44, 797000)


@pytest.mark.parametrize(
    ("name", "value", "expected"),
    [
        ("year", 2020, utc(2020, 1, 31, 10, 20, 30)),
        ("yy", 2021, utc(2021, 1, 31, 10, 20, 30)),
        ("month", 2, utc(2020, 2, 29, 10, 20, 30)),  # the day stays within February
        ("mm", 4, utc(2020, 4, 30, 10, 20, 30)),
        ("day", 1, utc(2020, 1, 1, 10, 20, 30)),
        ("hh", 0, utc(2020, 1, 31, 0, 20, 30)),
        ("mi", 59, utc(2020, 1, 31, 10, 59, 30)),
        ("n", 0, utc(2020, 1, 31, 10, 0, 30)),
        ("s", 5, utc(2020, 1, 31, 10, 20, 5)),
    ],
)
def test_set_date_part_components(name: str, value: int, expected: dt.datetime) -> None:
    assert (
        one("set_date_part", lit(name), lit(value), lit(utc(2020, 1, 31, 10, 20, 30))) == expected
    )


def test_set_date_part_invalid_values_are_row_errors() -> None:
    base = lit(utc(2019, 2, 10))
    cases = [
        ("day", 29, "'29' is not a valid day (a day of that month)"),
        ("month", 13, "'13' is not a valid month (1-12)"),
        ("hour", 24, "'24' is not a valid hour (0-23)"),
        ("second", -1, "'-1' is not a valid second (0-59)"),
        ("year", 10000, "'10000' is not a valid year (1-9999)"),
    ]
    for name, value, message in cases:
        assert run("set_date_part", [lit(name), lit(value), base]) == [(None, message)]
    assert run("set_date_part", [lit("day"), lit(None), base]) == [(None, None)]
    assert run("set_date_part", [lit("day"), lit(1), lit(None)]) == [(None, None)]
    with pytest.raises(ExpressionError, match="'quarter' is not one of"):
        function_table()["set_date_part"].compile([lit("quarter"), lit(1), base])


def test_set_date_part_across_daylight_saving() -> None:
    value, frame = dates([utc(2019, 3, 31, 0, 30)], "Europe/Paris")  # 01:30 CET
    # 02:30 does not exist that night: Java moves it an hour later
    assert run("set_date_part", [lit("hour"), lit(2), value], frame) == [
        (utc(2019, 3, 31, 1, 30), None)
    ]
    # 02:30 happens twice on 2019-10-27: keep the offset the date had
    summer, frame = dates([utc(2019, 10, 27, 0, 10), utc(2019, 10, 27, 1, 10)], "Europe/Paris")
    rows = run("set_date_part", [lit("minute"), lit(30), summer], frame)
    assert rows == [(utc(2019, 10, 27, 0, 30), None), (utc(2019, 10, 27, 1, 30), None)]


# ---- make_date_time, zones ----------------------------------------------------------------


def make(
    *parts: Any, zone: Any = "America/Los_Angeles", raw: bool = False
) -> list[tuple[Any, Any]]:
    return run("make_date_time", [*(lit(p) for p in parts), lit(zone)], raw=raw)


def test_make_date_time_documented_example() -> None:
    [(value, error)] = make(2019, 10, 17, 11, 55, 12, 999, raw=True)
    assert error is None
    assert value == utc(2019, 10, 17, 11, 55, 12, zone=LA)
    assert value.utcoffset() == dt.timedelta(hours=-7)
    assert make(2019, 10, 17, 11, 55, 12, 999_999_999)[0][0].microsecond == 999_999
    alias = run("make_timestamp", [*(lit(p) for p in (2019, 1, 2, 3, 4, 5, 0)), lit("UTC")])
    assert alias == [(utc(2019, 1, 2, 3, 4, 5), None)]


@pytest.mark.parametrize(
    ("parts", "message"),
    [
        ((0, 1, 1, 0, 0, 0, 0), "'0' is not a valid YEAR (1-9999)"),
        ((2019, 13, 1, 0, 0, 0, 0), "'13' is not a valid MONTH (1-12)"),
        ((2019, 2, 29, 0, 0, 0, 0), "'29' is not a valid DAY (a day of that month)"),
        ((2019, 1, 32, 0, 0, 0, 0), "'32' is not a valid DAY (1-31)"),
        ((2019, 1, 1, 24, 0, 0, 0), "'24' is not a valid HOUR (0-23)"),
        ((2019, 1, 1, 0, 60, 0, 0), "'60' is not a valid MINUTE (0-59)"),
        ((2019, 1, 1, 0, 0, 60, 0), "'60' is not a valid SECOND (0-59)"),
        ((2019, 1, 1, 0, 0, 0, 10**9), "'1000000000' is not a valid NANOSECOND (0-999999999)"),
    ],
)
def test_make_date_time_ranges(parts: tuple[int, ...], message: str) -> None:
    assert make(*parts) == [(None, message)]


def test_make_date_time_nulls_strings_and_zones() -> None:
    assert make(2019, None, 1, 0, 0, 0, 0) == [(None, None)]
    assert make("2019", "1", "2", 3, 4, 5, 6, zone="UTC") == [(utc(2019, 1, 2, 3, 4, 5), None)]
    assert make(2019, 1, 2, 3, 4, 5, 0, zone="Z", raw=True)[0][0].tzinfo == UTC
    plus_two = make(2019, 1, 2, 3, 0, 0, 0, zone="+02:00")[0][0]
    assert plus_two.astimezone(UTC) == utc(2019, 1, 2, 1)
    # a time in the spring gap moves an hour later; one in the autumn overlap is the earlier
    assert make(2019, 3, 31, 2, 30, 0, 0, zone="Europe/Paris")[0][0] == utc(2019, 3, 31, 1, 30)
    assert make(2019, 10, 27, 2, 30, 0, 0, zone="Europe/Paris")[0][0] == utc(2019, 10, 27, 0, 30)
    for zone, message in [
        ("Mars/Olympus", "unknown time zone 'Mars/Olympus'"),
        ("+05:30", "only whole-hour offsets"),
        (None, "must be a time-zone ID"),
    ]:
        with pytest.raises(ExpressionError, match=message):
            make(2019, 1, 1, 0, 0, 0, 0, zone=zone)


def test_zone_conversions() -> None:
    made = function_table()["make_date_time"].compile(
        [*(lit(p) for p in (2019, 10, 17, 11, 55, 12, 0)), lit("America/Los_Angeles")]
    )
    assert one("zone_date_to_utc", made) == utc(2019, 10, 17, 18, 55, 12)
    paris = one("zone_date_to_zone", made, lit("Europe/Paris"), raw=True)
    assert paris == utc(2019, 10, 17, 20, 55, 12, zone=PARIS)
    assert paris.utcoffset() == dt.timedelta(hours=2)
    value, frame = dates([utc(2019, 3, 31, 0, 59), utc(2019, 3, 31, 1), None])
    rows = run(
        "format",
        [
            function_table()["zone_date_to_zone"].compile([value, lit("Europe/Paris")]),
            lit("HH:mm XXX"),
        ],
        frame,
    )
    assert rows == [("01:59 +01:00", None), ("03:00 +02:00", None), (None, None)]
    with pytest.raises(ExpressionError, match="must be a literal"):
        function_table()["zone_date_to_zone"].compile([value, col("z", pl.String())])
    with pytest.raises(ExpressionError, match="unknown time zone"):
        function_table()["zone_date_to_zone"].compile([value, lit("Nowhere")])
    assert one("zone_date_to_utc", lit(None)) is None


def test_arguments_of_the_wrong_kind() -> None:
    table = function_table()
    flag = Value(pl.lit(True), pl.Boolean(), constant=True)
    record = col("o", pl.Struct({"a": pl.Int64}))
    when = lit(utc(2019, 1, 1))
    with pytest.raises(ExpressionError, match="must be a date-time, not a string"):
        table["date_part"].compile([lit("year"), lit("2019-01-01")])
    with pytest.raises(ExpressionError, match="must be a date-time, not an object"):
        table["zone_date_to_utc"].compile([record])
    with pytest.raises(ExpressionError, match="must be an integer, not a boolean"):
        table["set_date_part"].compile([lit("year"), flag, when])
    with pytest.raises(ExpressionError, match="must be an integer, not an object"):
        table["make_date_time"].compile([record, *(lit(1) for _ in range(6)), lit("UTC")])
    with pytest.raises(ExpressionError, match="must be an integer, not a boolean"):
        table["dformat"].compile([flag, lit("yyyy")])
    with pytest.raises(ExpressionError, match="FORMAT of format must be a string literal"):
        table["format"].compile([when, lit(5)])
    # a VALUE or a number held in a string that is not an integer is a row error
    assert run("set_date_part", [lit("year"), lit("twenty"), when]) == [
        (None, "'twenty' is not an integer")
    ]


# ---- vectorised against the scalar references -----------------------------------------------

instants = st.datetimes(
    min_value=dt.datetime(1971, 1, 1), max_value=dt.datetime(2037, 12, 31), timezones=st.just(UTC)
)
zones = st.sampled_from(["UTC", "Europe/Paris", "America/New_York", "Australia/Lord_Howe"])


def scalar_rows(name: str, rows: list[tuple[Any, ...]]) -> list[tuple[Any, Any]]:
    """What the scalar reference gives per row: (value, None) or (None, message)."""
    reference = function_table()[name].scalar
    assert reference is not None
    out: list[tuple[Any, Any]] = []
    for row in rows:
        try:
            found = reference(*row)
        except RowError as error:
            out.append((None, str(error)))
            continue
        out.append((found.astimezone(UTC) if isinstance(found, dt.datetime) else found, None))
    return out


date_like = st.one_of(
    st.builds(
        lambda v, pattern: v.strftime(pattern),
        instants,
        st.sampled_from(
            ["%Y-%m-%d", "%m/%d/%Y", "%d.%m.%Y", "%Y%m%d", "%Y-%m-%d %H:%M:%S%z", "%d-%b-%Y"]
        ),
    ),
    st.text(alphabet="0123456789-/. :TZ+APM", max_size=22),
)


@settings(max_examples=100, deadline=None)
@given(st.lists(st.none() | date_like, min_size=1, max_size=6))
def test_date_matches_the_reference(values: list[str | None]) -> None:
    value, frame = texts(values)
    assert run("date", [value], frame) == scalar_rows("date", [(v,) for v in values])


def _digits(low: int, high: int, width: int) -> st.SearchStrategy[str]:
    return st.integers(low, high).map(lambda n: f"{n:0{width}d}")


_OFFSET_HOURS = _digits(0, 20, 2)
# What each letter of the default formats becomes: values in and out of range (month 00-13,
# day 00-32, a leap second, offsets past 18 hours, years 0000, 0001, 9999...).
_SHAPES: dict[tuple[str, int], st.SearchStrategy[str]] = {
    ("y", 4): st.sampled_from(["0000", "0001", "2020", "9999"]) | _digits(0, 9999, 4),
    ("M", 1): _digits(0, 13, 1),
    ("M", 2): _digits(0, 13, 2),
    ("M", 3): st.sampled_from(["Jan", "FEB", "dec", "Sept", "Foo"]),
    ("d", 2): _digits(0, 32, 2),
    ("H", 2): _digits(0, 24, 2),
    ("h", 2): _digits(0, 13, 2),
    ("m", 2): _digits(0, 60, 2),
    ("s", 2): _digits(0, 60, 2),
    ("S", 3): _digits(0, 999, 3) | st.just("12"),
    ("a", 1): st.sampled_from(["AM", "pm", "XM"]),
    ("Z", 1): st.builds("{}{}{}".format, st.sampled_from("+-"), _OFFSET_HOURS, _digits(0, 60, 2)),
    ("X", 1): st.just("Z") | st.builds("{}{}".format, st.sampled_from("+-"), _OFFSET_HOURS),
}


@st.composite
def shaped(draw: st.DrawFn) -> str:
    """A text laid out like one of the default formats, its fields drawn from _SHAPES."""
    pattern = draw(st.sampled_from(DEFAULT_FORMATS))
    out = []
    for token in tokenize(pattern):
        if isinstance(token, Field):
            out.append(draw(_SHAPES[(token.letter, token.count)]))
        else:
            assert isinstance(token, Text)
            out.append(token.text)
    return "".join(out)


@settings(max_examples=100, deadline=None)
@given(st.lists(shaped(), min_size=1, max_size=8))
def test_date_on_format_shaped_texts_matches_the_reference(values: list[str]) -> None:
    value, frame = texts(list(values))
    assert run("date", [value], frame) == scalar_rows("date", [(v,) for v in values])


@settings(max_examples=100, deadline=None)
@given(st.lists(st.none() | instants, min_size=1, max_size=6), zones, st.data())
def test_date_functions_match_the_references(
    values: list[dt.datetime | None], zone: str, data: st.DataObject
) -> None:
    value, frame = dates(values, zone)
    local = [None if v is None else v.astimezone(ZoneInfo(zone)) for v in values]
    part = data.draw(st.sampled_from(sorted(PARTS)))
    assert run("date_part", [lit(part), value], frame) == scalar_rows(
        "date_part", [(part, v) for v in local]
    )
    settable = data.draw(st.sampled_from(sorted(SETTABLE)))
    new = data.draw(st.integers(-1, 61))
    assert run("set_date_part", [lit(settable), lit(new), value], frame) == scalar_rows(
        "set_date_part", [(settable, new, v) for v in local]
    )
    target = data.draw(zones)
    assert run("zone_date_to_zone", [value, lit(target)], frame) == scalar_rows(
        "zone_date_to_zone", [(v, target) for v in local]
    )
    assert run("zone_date_to_utc", [value], frame) == scalar_rows(
        "zone_date_to_utc", [(v,) for v in local]
    )
    pattern = data.draw(
        st.sampled_from(["yyyy-MM-dd'T'HH:mm:ss.SSSXXX", "EEE d MMM yy h a z", "YYYY-'W'ww-u"])
    )
    assert run("format", [value, lit(pattern)], frame) == scalar_rows(
        "format", [(v, pattern) for v in local]
    )


@settings(max_examples=100, deadline=None)
@given(
    st.lists(
        st.tuples(
            st.integers(1969, 2040), st.integers(0, 13), st.integers(0, 32), st.integers(-1, 24),
            st.integers(-1, 60), st.integers(0, 60), st.integers(0, 10**9),
        ),
        min_size=1,
        max_size=6,
    ),
    zones,
)  # fmt: skip
def test_make_date_time_matches_the_reference(rows: list[tuple[int, ...]], zone: str) -> None:
    names = ["y", "mo", "d", "h", "mi", "s", "ns"]
    frame = pl.DataFrame(rows, schema=names, orient="row")
    args = [col(name, pl.Int64()) for name in names] + [lit(zone)]
    assert run("make_date_time", args, frame) == scalar_rows(
        "make_date_time", [(*row, zone) for row in rows]
    )


@settings(max_examples=100, deadline=None)
@given(
    st.lists(
        st.none() | st.integers(-(2**62), 2**62) | st.integers(0, 2**41), min_size=1, max_size=6
    )
)
def test_dformat_matches_the_reference(stamps: list[int | None]) -> None:
    frame = pl.DataFrame({"ms": stamps}, schema={"ms": pl.Int64})
    pattern = "yyyy-MM-dd HH:mm:ss.SSS"
    assert run("dformat", [col("ms", pl.Int64()), lit(pattern)], frame) == scalar_rows(
        "dformat", [(ms, pattern) for ms in stamps]
    )
