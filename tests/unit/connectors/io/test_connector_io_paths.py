"""Source paths: parsing, validation and glob patterns."""

from __future__ import annotations

import pytest

from headwater.connectors.errors import InvalidSourcePath
from headwater.connectors.paths import (
    SourcePath,
    compile_pattern,
    needs_recursion,
    parse_path,
    split_segments,
)


@pytest.mark.parametrize(
    ("path", "expected"),
    [
        (
            "/ingestion-demos/leads/tsv_data/*.tsv",
            SourcePath("ingestion-demos/leads/tsv_data", "*.tsv"),
        ),
        ("bucket/leads", SourcePath("bucket/leads")),
        ("//bucket//leads/", SourcePath("bucket/leads")),
        ("/", SourcePath("")),
        ("", SourcePath("")),
        ("b/2024-*/day?/*.csv", SourcePath("b", "2024-*/day?/*.csv")),
        ("b/[ab].csv", SourcePath("b", "[ab].csv")),
        ("b/**", SourcePath("b", "**")),
    ],
)
def test_parse_path(path: str, expected: SourcePath) -> None:
    assert parse_path(path) == expected
    assert parse_path(path).is_glob == (expected.pattern is not None)


@pytest.mark.parametrize(
    "path",
    ["../etc/passwd", "a/../../b", "a/./b", "..", "a\\b", "a\x00b", "a/\nb"],
)
def test_unsafe_paths_are_rejected(path: str) -> None:
    with pytest.raises(InvalidSourcePath) as caught:
        split_segments(path)
    assert caught.value.status == 400


def test_a_non_string_path_is_rejected() -> None:
    with pytest.raises(InvalidSourcePath):
        split_segments(42)  # type: ignore[arg-type]


def test_dots_inside_names_are_fine() -> None:
    assert split_segments("a/..b/c..d/.hidden") == ["a", "..b", "c..d", ".hidden"]


@pytest.mark.parametrize(
    ("pattern", "recursive", "matching", "not_matching"),
    [
        ("*.tsv", False, ["a.tsv", ".tsv"], ["sub/c.tsv", "a.csv", "a.tsv.gz"]),
        ("*.tsv", True, ["a.tsv", "sub/c.tsv", "x/y/z.tsv"], ["a.csv", "sub/c.tsvx"]),
        ("*premium*.csv", False, ["premium.csv", "a-premium-b.csv"], ["sub/premium.csv"]),
        ("**", False, ["a", "a/b/c.csv"], []),
        ("**/*.tsv", False, ["a.tsv", "s/a.tsv", "s/t/a.tsv"], ["a.csv"]),
        ("2024-*/*.csv", False, ["2024-01/a.csv"], ["2024-01/x/a.csv", "2023-01/a.csv"]),
        ("2024-*/*.csv", True, ["2024-01/a.csv", "2024-01/x/a.csv"], ["a.csv"]),
        ("file?.csv", False, ["file1.csv"], ["file10.csv", "file/.csv"]),
        ("[ab].csv", False, ["a.csv", "b.csv"], ["c.csv", "ab.csv"]),
        ("[!ab].csv", False, ["c.csv"], ["a.csv"]),
        ("report[1.csv", False, ["report[1.csv"], ["report1.csv"]),
        ("a+b(1).csv", False, ["a+b(1).csv"], ["aab(1).csv"]),
    ],
)
def test_compile_pattern(
    pattern: str, recursive: bool, matching: list[str], not_matching: list[str]
) -> None:
    regex = compile_pattern(pattern, recursive=recursive)
    for name in matching:
        assert regex.fullmatch(name), name
    for name in not_matching:
        assert not regex.fullmatch(name), name


@pytest.mark.parametrize(
    ("pattern", "recursive", "expected"),
    [
        ("*.tsv", False, False),
        ("*.tsv", True, True),
        ("a*/*.tsv", False, True),
        ("**", False, True),
    ],
)
def test_needs_recursion(pattern: str, recursive: bool, expected: bool) -> None:
    assert needs_recursion(pattern, recursive=recursive) is expected
