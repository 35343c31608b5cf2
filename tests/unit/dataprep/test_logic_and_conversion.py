"""Logical (iif, decode), aggregation (min, max) and type-conversion functions."""

from __future__ import annotations

import pytest
from dataprep_cases import agree, rows, values

from headwater.dataprep import ExpressionError, compile_expression

STATES = {"state": ["ca", "pa", "ny", None], "n": [3, 0, -2, None]}


def test_iif_reference_example_and_truthiness():
    assert agree('iif("s".equalsIgnoreCase("S"), "True", "False")') == ["True"]
    assert agree('iif(state, "set", "unset")', STATES) == ["set", "set", "set", "unset"]
    assert agree("iif(n, n, 100)", STATES) == [3, 100, -2, 100]


def test_iif_evaluates_only_the_chosen_branch():
    assert rows("iif(n == 0, -1, 6 / n)", STATES) == [
        (2, None),
        (-1, None),
        (-3, None),
        (None, None),
    ]
    assert rows("iif(n != 0, 6 / n, -1)", STATES)[1] == (-1, None)
    assert rows("iif(6 / n > 0, 1, 0)", STATES)[1] == (None, "Division by zero")


def test_iif_results_share_one_type():
    assert agree("iif(n > 0, n, 0.5)", STATES) == [3.0, 0.5, 0.5, 0.5]
    assert agree('iif(n > 0, n, "none")', STATES) == ["3", "none", "none", "none"]
    with pytest.raises(ExpressionError, match="do not mix"):
        compile_expression('iif(true, to_array(true, 1), "x")', {})


def test_decode():
    expression = 'decode(state, "ca", "California", "pa", "Pennsylvania", "N/A")'
    assert agree(expression, STATES) == ["California", "Pennsylvania", "N/A", "N/A"]
    assert agree('decode(state, "ca", 1, "pa", 2)', STATES) == [1, 2, None, None]
    assert agree('decode(state, null, "missing", "ca", "CA")', STATES) == [
        "CA",
        None,
        None,
        "missing",
    ]
    assert agree('decode(n, "3", "three", 0, "zero")', STATES) == ["three", "zero", None, None]
    with pytest.raises(ExpressionError, match="at least one candidate"):
        compile_expression('decode(state, "x")', {})


def test_min_and_max():
    assert agree("min(3, 1, 4)") == [1]
    assert agree("max(3, 1, 4.5)") == [4.5]
    assert agree("min(n, 1)", STATES) == [1, 0, -2, 1]
    assert agree("max(n, missing)", STATES) == [3, 0, -2, None]
    assert agree('max(state, "m")', STATES) == ["m", "pa", "ny", "m"]
    assert agree("min(to_array(true, 5, 2, 9))") == [2]
    assert agree('max(split("b,c,a", ","))') == ["c"]
    with pytest.raises(ExpressionError, match="compares values of one kind"):
        compile_expression('min(1, "a")', {})


CONVERT = {"text": ["12", " -7 ", "1.5", "abc", "", None, "2147483648", "9223372036854775808"]}


def test_to_integer():
    assert agree("to_integer(text)", CONVERT) == [12, -7, None, None, None, None, None, None]
    errors = [e for _, e in rows("to_integer(text)", CONVERT)]
    assert errors == [
        None,
        None,
        "'1.5' is not an integer",
        "'abc' is not an integer",
        "'' is not an integer",
        None,
        "'2147483648' is out of range for an integer",
        "'9223372036854775808' is not an integer",
    ]
    assert agree("to_integer(12.9) + to_integer(-12.9)") == [0]


def test_to_bigint():
    assert agree("to_bigint(text)", CONVERT) == [12, -7, None, None, None, None, 2147483648, None]
    assert agree('to_bigint("1000000")') == [1000000]


@pytest.mark.parametrize("name", ["to_decimal", "to_float"])
def test_to_decimal_and_to_float(name):
    assert agree(f"{name}(text)", CONVERT) == [
        12.0,
        -7.0,
        1.5,
        None,
        None,
        None,
        2147483648.0,
        9223372036854775808.0,
    ]
    assert values(f'{name}("1e3") + {name}(" 2.5 ")') == [1002.5]
    assert rows(f'{name}("1,000")')[0] == (None, "'1,000' is not a number")
    assert rows(f'{name}("2.5d")')[0] == (None, "'2.5d' is not a number")  # no type suffixes
    assert rows(f'{name}("NaN")')[0] == (None, "'NaN' is not a number")


def test_conversions_refuse_objects():
    with pytest.raises(ExpressionError, match="must be an integer, not a boolean"):
        compile_expression("to_integer(true)", {})
