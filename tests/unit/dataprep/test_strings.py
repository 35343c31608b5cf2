"""String functions: the reference's examples, nulls, empty strings, other types, Unicode.

Every case also runs through the scalar reference (``agree``), which must give the same.
"""

from __future__ import annotations

import pytest
from dataprep_cases import agree, rows

from headwater.dataprep import ExpressionError, compile_expression


@pytest.mark.parametrize(
    ("expression", "expected"),
    [
        ('concat("Hi, ", "there", "!")', "Hi, there!"),
        ('explode("Hi, there!", " ")', ["Hi,", "there!"]),
        ('explode("a,,b,")', ["a", "", "b", ""]),
        ('explode("a1b22c", "\\d+")', ["a", "b", "c"]),
        ('instr("adobe.com", "com")', 6),
        ('instr("adobe.com", "xyz")', -1),
        ('instr("a.b.c.d", ".", 2)', 3),
        ('instr("a.b.c.d", ".", 0, 3)', 5),
        ('instr("aaaa", "aa", 0, 2)', 2),
        (
            'replacestr("This is a string re test", "re", "replace")',
            "This is a string replace test",
        ),
        ('substr("This is a substring test", 7, 8)', " a subst"),
        ('substr("short", 3, 100)', "rt"),
        ('substr("short", 9, 2)', ""),
        ('lower("HeLLo")', "hello"),
        ('lcase("HeLLo")', "hello"),
        ('upper("HeLLo")', "HELLO"),
        ('ucase("straße")', "STRASSE"),
        ('split("Hello world", " ")', ["Hello", "world"]),
        ('split("a,,b;c", ",;")', ["a", "b", "c"]),
        ('split("  a  b ", "")', ["a", "b"]),
        ('join(" ", to_array(true, "Hello", "world"))', "Hello world"),
        ('join("-", split("a b c", " "))', "a-b-c"),
        ('join(", ", "a", 1, true, null)', "a, 1, true, "),
        ('lpad("bat", 8, "yz")', "yzyzybat"),
        ('rpad("bat", 8, "yz")', "batyzyzy"),
        ('lpad("bat", 2, "yz")', "bat"),
        ('lpad("bat", 5, "")', "  bat"),
        ('rpad("bat", 6, null)', "bat   "),
        ('lpad("7", 3, "0")', "007"),
        ('lpad("x", 4, "$0")', "$0$x"),
        ('replacestr("a-b", "-", "$1")', "a$1b"),
        ('left("abcde", 2)', "ab"),
        ('right("abcde", 2)', "de"),
        ('left("abc", 10)', "abc"),
        ('right("abc", -1)', ""),
        ('ltrim("  hi  ")', "hi  "),
        ('rtrim("  hi  ")', "  hi"),
        ('trim("\\t\\n hi \\r")', "hi"),
        ('trim("\\u00a0hi")', "\u00a0hi"),  # Java's trim leaves non-ASCII spaces
        ('"string1".equals("STRING1")', False),
        ('"string1".equalsIgnoreCase("STRING1")', True),
        ('equals("a", "a")', True),
    ],
)
def test_examples(expression, expected):
    assert agree(expression) == [expected]


NAMES = {"name": ["Ada", None, "", "Ægir Þór", "日本語"], "n": [1, 2, None, 4, 5]}


@pytest.mark.parametrize(
    ("expression", "expected"),
    [
        ('concat(name, "!")', ["Ada!", "!", "!", "Ægir Þór!", "日本語!"]),
        ("concat(name, missing)", ["Ada", None, "", "Ægir Þór", "日本語"]),
        ("lower(name)", ["ada", None, "", "ægir þór", "日本語"]),
        ("upper(name)", ["ADA", None, "", "ÆGIR ÞÓR", "日本語"]),
        ("substr(name, 1, 2)", ["da", None, "", "gi", "本語"]),
        ("left(name, n)", ["A", None, None, "Ægir", "日本語"]),
        ("right(name, 2)", ["da", None, "", "ór", "本語"]),
        ('lpad(name, 6, "·")', ["···Ada", None, "······", "Ægir Þór", "···日本語"]),
        ('rpad(name, 5, "ab")', ["Adaab", None, "ababa", "Ægir Þór", "日本語ab"]),
        ('instr(name, "r")', [-1, None, -1, 3, -1]),
        ('instr(name, "語")', [-1, None, -1, -1, 2]),
        ('split(name, " ")', [["Ada"], None, [], ["Ægir", "Þór"], ["日本語"]]),
        ('explode(name, " ")', [["Ada"], None, [""], ["Ægir", "Þór"], ["日本語"]]),
        ('replacestr(name, "r", "R")', ["Ada", None, "", "ÆgiR ÞóR", "日本語"]),
        ("name.equals(missing)", [False, True, False, False, False]),
        ('name.equalsIgnoreCase("ægir þór")', [False, False, False, True, False]),
        ('trim(name) == ""', [False, False, True, False, False]),
        ("concat(n, n)", ["11", "22", None, "44", "55"]),
        ("lower(n > 2)", ["false", "false", None, "true", "true"]),
    ],
)
def test_columns_with_nulls_empty_strings_and_unicode(expression, expected):
    assert agree(expression, NAMES) == expected


def test_numbers_in_count_arguments_may_be_strings_and_bad_ones_are_row_errors():
    columns = {"count": ["2", "x", None]}
    assert rows('left("abcd", count)', columns) == [
        ("ab", None),
        (None, "'x' is not an integer"),
        (None, None),
    ]
    assert agree('left("abcd", count)', columns) == ["ab", None, None]


def test_negative_positions_are_row_errors():
    assert rows('substr("abc", -1, 2)')[0][1] == "The START_INDEX of substr must be 0 or more"
    assert rows('substr("abc", 1, -2)')[0][1] == "The LENGTH of substr must be 0 or more"
    assert rows('instr("abc", "b", -1)')[0][1] == "The START_POSITION of instr must be 0 or more"
    assert rows('instr("abc", "b", 0, 0)')[0][1] == "The OCCURRENCE of instr must be 1 or more"
    assert agree('substr("abc", -1, 2)') == [None]


@pytest.mark.parametrize(
    ("expression", "message"),
    [
        ("lower(to_array(true, 1))", "Argument 1 of lower must be a string, not an array"),
        ('split("a", x)', "The SEPARATOR of split must be a literal"),
        ('explode("a", x)', "The REGEX of explode must be a literal"),
        ('explode("a", "x*")', "must not match an empty string"),
        ('lpad("a", 3, x)', "The PADDING of lpad must be a literal"),
        ('join(x, "a", "b")', "The SEPARATOR of join (with several values) must be a literal"),
    ],
)
def test_wrong_arguments_are_compile_errors(expression, message):
    with pytest.raises(ExpressionError, match=message.replace("(", r"\(").replace(")", r"\)")):
        compile_expression(expression, {})
