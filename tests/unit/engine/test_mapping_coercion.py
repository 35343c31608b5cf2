"""Every coercion of the platform's matrix, and which failures warn and which reject."""

from __future__ import annotations

import datetime as dt
import decimal
from typing import Any

import pyarrow as pa
import pytest
from engine_cases import RICH, batch, errors, records

from headwater.engine.mapping import ERRORS_SCHEMA as MAPPING_ERRORS
from headwater.engine.mapping import MappingRule, compile_mapping
from headwater.engine.validation import ERRORS_SCHEMA as VALIDATION_ERRORS

UTC = dt.UTC


def convert(values: list[Any] | pa.Array, destination: str) -> tuple[list[Any], pa.Table]:
    mapping = compile_mapping([MappingRule("ATTRIBUTE", "v", destination)], RICH)
    out = mapping.apply(batch({"v": values}))
    assert out.rows.schema.equals(mapping.output_schema)
    return [row[destination] for row in records(out.rows, destination)], out.errors


@pytest.mark.parametrize(
    "word", ["true", "TRUE", "True", "yes", "YES", "Yes", "y", "Y", "on", "ON", "On"]
)
def test_strings_that_mean_true(word: str) -> None:
    assert convert([word], "flag")[0] == [True]


@pytest.mark.parametrize("word", ["false", "FALSE", "no", "NO", "n", "N", "off", "OFF", "oFf"])
def test_strings_that_mean_false(word: str) -> None:
    assert convert([word], "flag")[0] == [False]


@pytest.mark.parametrize("word", ["1", "0", "t", "f", "", " true", "truthy"])
def test_other_strings_are_not_booleans(word: str) -> None:
    values, errs = convert([word], "flag")
    assert values == [None]
    assert errors(errs) == [(1, "flag", "MAPPER-3700-400", "warning")]


def test_strings_to_integer_types_are_range_checked_per_xdm_type() -> None:
    values, errs = convert(
        ["12", "+7", "-32768", "32767", "32768", "-40000", "1.5", "x", None], "count"
    )
    assert values == [12, 7, -32768, 32767, None, None, None, None, None]
    assert errors(errs) == [
        (5, "count", "MAPPER-3701-400", "warning"),
        (6, "count", "MAPPER-3701-400", "warning"),
        (7, "count", "MAPPER-3700-400", "warning"),
        (8, "count", "MAPPER-3700-400", "warning"),
    ]
    message = errs.filter(pa.compute.equal(errs["row"], 5))["message"][0].as_py()
    assert message == "The value '32768' of 'v' is out of range for short (-32768 to 32767)"


@pytest.mark.parametrize(
    ("destination", "low", "high"),
    [
        ("tiny", -128, 127),
        ("whole", -2147483648, 2147483647),
        ("big", -9007199254740991, 9007199254740991),
    ],
)
def test_integer_ranges(destination: str, low: int, high: int) -> None:
    values, errs = convert([str(low), str(high), str(low - 1), str(high + 1)], destination)
    assert values == [low, high, None, None]
    assert [row[2] for row in errors(errs)] == ["MAPPER-3701-400"] * 2


def test_numbers_convert_between_numeric_types() -> None:
    assert convert(pa.array([1.0, 2.5, None, 1e10], pa.float64()), "count")[0] == [
        1,
        None,
        None,
        None,
    ]
    assert convert(pa.array([3, -4], pa.int64()), "amount")[0] == [3.0, -4.0]
    assert convert(pa.array([3, 200], pa.int32()), "tiny")[0] == [3, None]
    values, errs = convert(["1.5", "1e3", "-0.25", "inf", "NaN", "abc"], "amount")
    assert values == [1.5, 1000.0, -0.25, None, None, None]
    assert len(errs) == 3


def test_values_of_other_types_become_strings() -> None:
    assert convert(pa.array([12, None], pa.int64()), "_id")[0] == ["12", None]
    assert convert(pa.array([True, False]), "_id")[0] == ["true", "false"]
    assert convert(pa.array([dt.date(2024, 1, 2)]), "_id")[0] == ["2024-01-02"]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2024-01-02", dt.date(2024, 1, 2)),
        ("2024/01/02", dt.date(2024, 1, 2)),
        ("2024.01.02", dt.date(2024, 1, 2)),
        ("2024-Jan-02", dt.date(2024, 1, 2)),
        ("20240102", dt.date(2024, 1, 2)),
        ("01-02-2024", dt.date(2024, 1, 2)),
        ("01022024", dt.date(2024, 1, 2)),
        ("1/02/2024", dt.date(2024, 1, 2)),
        ("2.1.2024", dt.date(2024, 1, 2)),
        ("02.JAN.2024", dt.date(2024, 1, 2)),
        ("02-jan-2024", dt.date(2024, 1, 2)),
        ("2024-01-02T23:30:00-02:00", dt.date(2024, 1, 3)),  # its UTC date
    ],
)
def test_date_formats(text: str, expected: dt.date) -> None:
    assert convert([text], "day")[0] == [expected]


@pytest.mark.parametrize("text", ["2024-02-30", "2024-13-01", "02/30/2024", "yesterday", "2024"])
def test_bad_dates_warn_and_become_null(text: str) -> None:
    values, errs = convert([text], "day")
    assert values == [None]
    assert errors(errs) == [(1, "day", "MAPPER-3700-400", "warning")]
    assert f"'{text}'" in errs["message"][0].as_py()


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2024-01-02T03:04:05Z", dt.datetime(2024, 1, 2, 3, 4, 5, tzinfo=UTC)),
        ("2024-01-02T03:04:05.123Z", dt.datetime(2024, 1, 2, 3, 4, 5, 123000, tzinfo=UTC)),
        ("2024-01-02T03:04:05+02:00", dt.datetime(2024, 1, 2, 1, 4, 5, tzinfo=UTC)),
        ("2024-01-02T03:04:05.5-0130", dt.datetime(2024, 1, 2, 4, 34, 5, 500000, tzinfo=UTC)),
        ("2024-01-02T03:04:05", dt.datetime(2024, 1, 2, 3, 4, 5, tzinfo=UTC)),
        ("2024-01-02 03:04:05+0100", dt.datetime(2024, 1, 2, 2, 4, 5, tzinfo=UTC)),
        ("2024-01-02 03:04:05.250", dt.datetime(2024, 1, 2, 3, 4, 5, 250000, tzinfo=UTC)),
        ("2024-01-02T03:04+05:30", dt.datetime(2024, 1, 1, 21, 34, tzinfo=UTC)),
        ("1/02/2024 01:02:03 PM", dt.datetime(2024, 1, 2, 13, 2, 3, tzinfo=UTC)),
        ("2024-01-02", dt.datetime(2024, 1, 2, tzinfo=UTC)),
    ],
)
def test_date_times_become_utc(text: str, expected: dt.datetime) -> None:
    values, errs = convert([text], "at")
    assert values == [expected]
    assert errs.num_rows == 0


def test_epoch_milliseconds_for_integer_sources() -> None:
    millis = pa.array([1571829875000, 0, None, 10**17], pa.int64())
    stamps, errs = convert(millis, "at")
    assert stamps == [
        dt.datetime(2019, 10, 23, 11, 24, 35, tzinfo=UTC),
        dt.datetime(1970, 1, 1, tzinfo=UTC),
        None,
        None,
    ]
    assert errors(errs) == [(4, "at", "MAPPER-3700-400", "warning")]
    assert convert(millis.slice(0, 2), "day")[0] == [dt.date(2019, 10, 23), dt.date(1970, 1, 1)]


def test_typed_dates_and_date_times_convert_to_each_other() -> None:
    local = dt.datetime(2024, 1, 2, 0, 30, tzinfo=dt.timezone(dt.timedelta(hours=1)))
    paris = pa.array([local], pa.timestamp("ms", tz="Europe/Paris"))
    assert convert(paris, "at")[0] == [dt.datetime(2024, 1, 1, 23, 30, tzinfo=UTC)]
    assert convert(paris, "day")[0] == [dt.date(2024, 1, 1)]
    naive = pa.array([dt.datetime(2024, 1, 2, 0, 30)], pa.timestamp("ns"))
    assert convert(naive, "at")[0] == [dt.datetime(2024, 1, 2, 0, 30, tzinfo=UTC)]
    assert convert(pa.array([dt.date(2024, 1, 2)]), "at")[0] == [
        dt.datetime(2024, 1, 2, tzinfo=UTC)
    ]


@pytest.mark.parametrize(
    ("values", "destination"),
    [
        (pa.array([True, None, False]), "count"),  # booleans are never converted
        (pa.array([1, None, 0], pa.int64()), "flag"),  # nor made from numbers
        (pa.array([1.5, None, 2.0]), "day"),
        (pa.array([["a"], None, []]), "_id"),  # arrays are never converted
        (pa.array([{"a": 1}, None, {"a": 2}]), "count"),
        (pa.array(["a", None, "b"]), "tags"),  # nor made from scalars
    ],
)
def test_incompatible_types_are_errors_that_reject_the_row(
    values: pa.Array, destination: str
) -> None:
    got, errs = convert(values, destination)
    assert got == [None, None, None]
    assert errors(errs) == [
        (1, destination, "MAPPER-3702-400", "error"),
        (3, destination, "MAPPER-3702-400", "error"),
    ]
    assert "cannot be converted" in errs["message"][0].as_py()


def test_an_all_null_json_column_maps_to_nulls_without_errors() -> None:
    got, errs = convert(pa.nulls(2), "count")
    assert got == [None, None]
    assert errs.num_rows == 0


def test_errors_name_the_source_row_numbers() -> None:
    mapping = compile_mapping([MappingRule("ATTRIBUTE", "v", "count")], RICH)
    out = mapping.apply(batch({"v": ["1", "x", "2", "y"]}, first_row=1001))
    assert sorted(out.errors["row"].to_pylist()) == [1002, 1004]
    assert out.errors.schema.names == ["row", "field", "code", "message", "severity"]


def test_decimals_dictionaries_and_other_string_encodings() -> None:
    cents = pa.array([decimal.Decimal("1.50"), decimal.Decimal("2")], pa.decimal128(5, 2))
    assert convert(cents, "amount")[0] == [1.5, 2.0]
    assert convert(cents, "count")[0] == [None, 2]
    assert convert(pa.array(["yes", "no"]).dictionary_encode(), "flag")[0] == [True, False]
    assert convert(pa.array(["a"], pa.large_string()), "_id")[0] == ["a"]
    assert convert(pa.array(["7"], pa.string_view()), "count")[0] == [7]


def test_both_stages_report_errors_in_one_table_shape() -> None:
    assert MAPPING_ERRORS.equals(VALIDATION_ERRORS)
