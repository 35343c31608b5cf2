"""The compiler: field paths against a schema, operators, errors per row and at compile time."""

from __future__ import annotations

import datetime as dt

import polars as pl
import pytest
from dataprep_cases import agree, error, rows, value, values

from headwater.dataprep import ExpressionError, check_expression, compile_expression

PEOPLE = {
    "name": ["Ada", None, "Grace"],
    "age": ["36", "x", None],
    "n": [4, 0, None],
    "person": [
        {"first": "Ada", "tags": ["a", "b"]},
        None,
        {"first": None, "tags": []},
    ],
    "emails": [
        [{"address": "a@x", "kind": "work"}, {"address": "b@x", "kind": "home"}],
        [],
        None,
    ],
}


def test_fields_nested_fields_and_missing_fields():
    assert values("name", PEOPLE) == ["Ada", None, "Grace"]
    assert values("person.first", PEOPLE) == ["Ada", None, None]
    assert values("missing", PEOPLE) == [None, None, None]
    assert values("missing.deeper[0][*].x", PEOPLE) == [None, None, None]
    assert values("person.nickname", PEOPLE) == [None, None, None]
    assert values('person["first"]', PEOPLE) == ["Ada", None, None]


def test_array_indexes_and_every_element():
    assert values("emails[0].address", PEOPLE) == ["a@x", None, None]
    assert values("emails[1].kind", PEOPLE) == ["home", None, None]
    assert values("emails[5].kind", PEOPLE) == [None, None, None]
    assert values("emails[*].address", PEOPLE) == [["a@x", "b@x"], [], None]
    assert values("person.tags[n - 3]", PEOPLE) == ["b", None, None]
    assert values("person.tags[n - 9]", PEOPLE) == [None, None, None]  # negative: null
    assert values("split(name, 'a')[0]", PEOPLE) == ["Ad", None, "Gr"]


def test_nested_every_element():
    columns = {"orders": [[{"items": [{"sku": "a"}, {"sku": "b"}]}, {"items": []}]]}
    assert value("orders[*].items[*].sku", columns) == [["a", "b"], []]
    assert value("orders[0].items[1].sku", columns) == "b"


def test_names_that_need_wrapping():
    columns = {"First Name": ["Ada"], "a.b": ["dotted"], "if": ["reserved"]}
    assert value("${First Name}", columns) == "Ada"
    assert value("a\\.b", columns) == "dotted"
    assert value("${a\\.b}", columns) == "dotted"
    assert value("${if}", columns) == "reserved"


def test_input_types_become_the_languages_kinds():
    frame = pl.DataFrame(
        {
            "small": pl.Series([7], dtype=pl.Int16),
            "f32": pl.Series([1.5], dtype=pl.Float32),
            "day": [dt.date(2024, 2, 29)],
            "cat": pl.Series(["x"], dtype=pl.Categorical),
        }
    )
    assert compile_expression("small", frame.schema).dtype == pl.Int64
    assert compile_expression("f32", frame.schema).dtype == pl.Float64
    assert compile_expression("day", frame.schema).dtype == pl.Datetime("us", "UTC")
    assert compile_expression("cat", frame.schema).dtype == pl.String
    got = frame.select(compile_expression("small * 2 + f32", frame.schema).expr).item()
    assert got == 15.5


def test_plus_joins_text_when_either_side_is_a_string():
    assert agree('name + " is " + n', PEOPLE) == ["Ada is 4", " is 0", "Grace is "]
    assert agree("name + missing", PEOPLE) == ["Ada", None, "Grace"]  # both null: null
    assert value("1 + 2 + 'x'") == "3x"
    assert value("'x' + 1 + 2") == "x12"
    assert value("'x' + 1.5 + true") == "x1.5true"


def test_arithmetic_promotes_and_truncates_as_java():
    assert value("7 / 2") == 3
    assert value("-7 / 2") == -3
    assert value("7 / -2") == -3
    assert value("-7 % 2") == -1
    assert value("7 % -2") == 1
    assert value("7 div 2 + 7 mod 4") == 6
    assert value("7.0 / 2") == 3.5
    assert value("-7.5 % 2") == -1.5
    assert value("2 * 3 - 1") == 5
    assert compile_expression("2 * 1.5", {}).dtype == pl.Float64
    assert value("-(3)") == -3
    assert value("~5") == -6
    assert agree("n + 1", PEOPLE) == [5, 1, None]


def test_strings_in_arithmetic_are_read_as_numbers():
    assert agree("age * 2", PEOPLE) == [72.0, None, None]
    assert rows("age * 2", PEOPLE)[1] == (None, "'x' is not a number")
    assert value("' 2.5 ' - 1") == 1.5


def test_division_by_zero_is_an_error_on_that_row_only():
    assert rows("12 / n", PEOPLE) == [(3, None), (None, "Division by zero"), (None, None)]
    assert rows("12 % n", PEOPLE)[1] == (None, "Division by zero")
    assert error("1.5 / 0") == "Division by zero"


def test_comparisons():
    assert agree("n == null", PEOPLE) == [False, False, True]
    assert agree("name != null", PEOPLE) == [True, False, True]
    assert agree("missing == null", PEOPLE) == [True, True, True]
    assert agree("n > 1", PEOPLE) == [True, False, None]
    assert agree("age < 100", PEOPLE) == [True, None, None]  # "x" is no number
    assert agree('name == "Ada"', PEOPLE) == [True, False, False]
    assert value("'10' == 10.0") is True
    assert value("'b' > 'a' and 'B' lt 'a'") is True
    assert value("1 == 1.0") is True
    assert value("true != false") is True


def test_logic_uses_jexl_truthiness_and_short_circuits():
    assert agree("name && n", PEOPLE) == [True, False, False]
    assert agree('!name || ""', PEOPLE) == [False, True, False]
    assert value("'false' || 0 || null") is False
    # The right side's error counts only where it is evaluated.
    assert rows("n != null && n != 0 && 8 / n > 1", PEOPLE) == [
        (True, None),
        (False, None),
        (False, None),
    ]
    assert rows("n == 0 || 8 / n > 1", PEOPLE)[1] == (True, None)


def test_conditionals_take_one_branch_and_share_a_type():
    assert agree("n > 1 ? 'big' : n", PEOPLE) == ["big", "0", None]
    assert agree("n != 0 ? 8 / n : -1", PEOPLE) == [2, -1, None]
    assert compile_expression("true ? 1 : 2.5", {}).dtype == pl.Float64


def test_constant_subexpressions_are_folded():
    folded = compile_expression("1 + 2 * 3", {})
    assert folded.is_constant
    assert folded.constant == 7
    assert value('substr("abcdef", 1 + 1, 6 / 3)') == "cd"


def test_the_first_error_of_a_row_is_reported():
    columns = {"a": ["x"], "b": ["y"]}
    assert error("to_integer(a) + to_integer(b)", columns) == "'x' is not an integer"
    assert error("concat(to_integer(b), to_integer(a))", columns) == "'y' is not an integer"


@pytest.mark.parametrize(
    ("text", "message", "position"),
    [
        ("lowr(name)", "Unknown function 'lowr' — did you mean 'lower'?", (1, 1)),
        ("LOWER(name)", "Unknown function 'LOWER' — did you mean 'lower'?", (1, 1)),
        ("frobnicate(1)", "Unknown function 'frobnicate'", (1, 1)),
        ("name.frobnicate()", "Unknown method 'frobnicate'", (1, 6)),
        ("concat()", "concat takes at least 1 argument (STRING), got 0", (1, 1)),
        ("x + lower(a, b)", "lower takes 1 argument (INPUT), got 2", (1, 5)),
        ("substr('a')", "substr takes 3 arguments (INPUT, START_INDEX, LENGTH), got 1", (1, 1)),
        ("instr('a')", "instr takes 2 to 4 arguments", (1, 1)),
        ('"a".equals()', "equals takes 1 argument (STRING2), got 0", (1, 5)),
        ("lower(person)", "Argument 1 of lower must be a string, not an object", (1, 1)),
        ("person + 1", "Operator '+' cannot be applied to an object value", (1, 8)),
        ("person > 1", "Operator '>' cannot compare an object value with an integer", (1, 8)),
        ("name[*]", "[*] needs an array, not a string", (1, 5)),
        ("name.first", "A string has no field 'first'", (1, 6)),
        ("emails.address", "'address' is read from an array", (1, 8)),
        ("emails[*].kind[n]", "After [*], an index must be a literal", (1, 16)),
        ("name[0]", "[...] needs an array, not a string", (1, 5)),
        ("matches_regex(name, name)", "The REGEX of matches_regex must be a literal", (1, 1)),
        ("matches_regex(name, '(?=a)')", "which has no look-ahead", (1, 1)),
        ("extract_regex(name, '(')", "Invalid regular expression '('", (1, 1)),
        ("9223372036854775808", "The integer 9223372036854775808 is too large", (1, 1)),
    ],
)
def test_compile_errors_say_what_and_where(text, message, position):
    with pytest.raises(ExpressionError) as caught:
        compile_expression(text, pl.DataFrame(PEOPLE).schema)
    assert message in caught.value.message
    assert caught.value.position == position


def test_check_expression_needs_no_input():
    check_expression('iif(lower(x) == "a", concat(y, "!"), to_integer(z))')
    with pytest.raises(ExpressionError, match="Unknown function"):
        check_expression("nope(x)")
    # An input type mismatch is only known with the input.
    check_expression("lower(person)")


@pytest.mark.parametrize(
    "text",
    [
        '"" == lpad(s, 0, "x")',
        '"b" < left(s, 1)',
        '"x".equals(lower(s))',
        "3 > iif(s == null, null, 1)",
    ],
)
def test_literals_compared_with_a_batch_of_nulls(text):
    # Polars 2.1 mis-sizes `literal <op> when/then` when the condition is false on every row.
    assert len(values(text, {"s": pl.Series([None, None], dtype=pl.String)})) == 2
