"""Regular expressions: the functions, and Java syntax translated for Rust's engine."""

from __future__ import annotations

import pytest
from dataprep_cases import agree, values

from headwater.dataprep import ExpressionError, compile_expression
from headwater.dataprep.java_regex import translate


def test_reference_examples():
    text = '"E259,E259B_009,1_1"'
    pattern = '"([^,]+),[^,]*,([^,]+)"'
    assert agree(f"extract_regex({text}, {pattern})") == [["E259,E259B_009,1_1", "E259", "1_1"]]
    assert agree(f"matches_regex({text}, {pattern})") == [True]


CODES = {"code": ["ab-123", "no digits", None, "", "x-7 y-8", "été-9"]}


def test_extract_regex_finds_the_first_match_with_its_groups():
    # Java's \w is ASCII: "été" is not a word, so the last code does not match.
    assert agree('extract_regex(code, "(\\w+)-(\\d+)")', CODES) == [
        ["ab-123", "ab", "123"],
        None,
        None,
        None,
        ["x-7", "x", "7"],
        None,
    ]


def test_groups_that_do_not_take_part_are_null_and_named_groups_count():
    assert agree('extract_regex("ab", "(a)(x)?(?<last>b)")') == [["ab", "a", None, "b"]]
    assert agree('extract_regex("abc", "b")') == [["b"]]


def test_matches_regex_needs_the_whole_string():
    assert agree('matches_regex(code, "\\w+-\\d+")', CODES) == [
        True,
        False,
        None,
        False,
        False,
        False,
    ]
    assert agree('matches_regex("ABC", "(?i)abc")') == [True]
    assert agree('matches_regex("a.b", "a\\\\.b") && !matches_regex("axb", "a\\\\.b")') == [True]


def test_posix_classes_are_ascii_as_in_java():
    assert agree('matches_regex("abc", "\\p{Alpha}+") && !matches_regex("é", "\\p{Alpha}")') == [
        True
    ]


def test_unicode_properties_run_on_rust():
    assert values('matches_regex("Été", "\\p{Lu}\\p{L}+")') == [True]


@pytest.mark.parametrize(
    ("java", "rust"),
    [
        ("\\d+", "[0-9]+"),
        ("[\\d.]+", "[[0-9].]+"),
        ("\\W", "[^a-zA-Z0-9_]"),
        ("\\p{Alpha}\\P{Digit}", "[a-zA-Z][^0-9]"),
        ("\\p{IsLatin}", "\\p{Latin}"),
        ("(?<year>\\d{4})", "(?P<year>[0-9]{4})"),
        ("\\Qa.b*\\E+", "a\\.b\\*+"),
        ("(?iu)x", "(?i)x"),
        ("(?U)x", "x"),
        ("\\u00e9", "\\x{e9}"),
        ("\\0101", "\\x{41}"),
        ("\\cA", "\\x{1}"),
        ("a\\z", "a\\z"),
        ("\\e", "\\x1B"),
    ],
)
def test_java_syntax_is_translated(java, rust):
    assert translate(java) == rust


@pytest.mark.parametrize(
    ("java", "words"),
    [
        ("(?=a)", "look-ahead"),
        ("(?<!a)b", "look-behind"),
        ("(a)\\1", "backreferences"),
        ("(?<n>a)\\k<n>", "backreferences"),
        ("a*+", "possessive"),
        ("(?>a)", "atomic groups"),
        ("\\p{InGreek}", "\\p{InGreek}"),
        ("\\G", "'\\G'"),
        ("\\y", "Unknown escape"),
        ("a\\", "lone"),
    ],
)
def test_java_syntax_without_an_equivalent_is_refused_clearly(java, words):
    with pytest.raises(ExpressionError) as caught:
        compile_expression(f'matches_regex("a", "{java.replace(chr(92), chr(92) * 2)}")', {})
    assert words in caught.value.message
