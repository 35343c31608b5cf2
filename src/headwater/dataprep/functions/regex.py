"""Regular-expression functions (reference §6.4 "Regex"): category ``Regular expression``.

Patterns are Java regular expressions, written as literals; they are translated to Rust's
syntax (:mod:`headwater.dataprep.java_regex`) and checked when the expression is compiled.
``extract_regex`` searches (the first match anywhere); ``matches_regex`` needs the whole
string to match, as Java's ``String.matches``.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import polars as pl

from headwater.dataprep import kinds, reference
from headwater.dataprep.functions.common import BOOLEAN, STRINGS, literal, param, texts
from headwater.dataprep.functions.registry import FunctionDef
from headwater.dataprep.java_regex import checked, python_pattern
from headwater.dataprep.values import Value

CATEGORY = "Regular expression"


def _pattern(args: Sequence[Value], name: str) -> tuple[Value, str, str]:
    (text,) = texts(args[:1], name)
    pattern = literal(args[1], f"The REGEX of {name}")
    if pattern is None:
        pattern = ""
    return text, str(pattern), checked(str(pattern))


def c_extract_regex(args: Sequence[Value]) -> Value:
    text, _, rust = _pattern(args, "extract_regex")
    groups = text.expr.str.extract_groups(f"({rust})")
    names = _group_names(rust)
    # An array, then a list: concat_list of strings is several times slower.
    items = pl.concat_arr([groups.struct.field(name) for name in names]).arr.to_list()
    found = pl.when(groups.struct.field(names[0]).is_not_null()).then(items)
    return Value(found, pl.List(pl.String), text.error)


def s_extract_regex(text: Any, pattern: Any) -> list[str | None] | None:
    if text is None:
        return None
    match = python_pattern(str(pattern or "")).search(reference.value_text(text))
    if match is None:
        return None
    return [match.group(0), *match.groups()]


def c_matches_regex(args: Sequence[Value]) -> Value:
    text, _, rust = _pattern(args, "matches_regex")
    return Value(text.expr.str.contains(f"\\A(?:{rust})\\z"), kinds.BOOLEAN, text.error)


def s_matches_regex(text: Any, pattern: Any) -> bool | None:
    if text is None:
        return None
    return python_pattern(str(pattern or "")).fullmatch(reference.value_text(text)) is not None


def _group_names(rust: str) -> list[str]:
    """The field names ``extract_groups`` gives the groups of ``(rust)``, in order."""
    schema = pl.select(pl.lit("", dtype=pl.String).str.extract_groups(f"({rust})")).schema
    dtype = next(iter(schema.values()))
    assert isinstance(dtype, pl.Struct)
    return [field.name for field in dtype.fields]


_PARAMS = (
    param("STRING", "The string to search."),
    param("REGEX", "A Java regular expression (a literal)."),
)

FUNCTIONS: tuple[FunctionDef, ...] = (
    FunctionDef(
        name="extract_regex",
        category=CATEGORY,
        description="The first match of a regular expression in the string: the whole match, "
        "then each group; null when nothing matches.",
        syntax="String[] extract_regex(String, String)",
        return_type=STRINGS,
        example='extract_regex("E259,E259B_009,1_1", "([^,]+),[^,]*,([^,]+)")',
        result='["E259,E259B_009,1_1", "E259", "1_1"]',
        params=_PARAMS,
        compile=c_extract_regex,
        scalar=s_extract_regex,
    ),
    FunctionDef(
        name="matches_regex",
        category=CATEGORY,
        description="Whether the whole string matches a regular expression.",
        syntax="Boolean matches_regex(String, String)",
        return_type=BOOLEAN,
        example='matches_regex("E259,E259B_009,1_1", "([^,]+),[^,]*,([^,]+)")',
        result="true",
        params=_PARAMS,
        compile=c_matches_regex,
        scalar=s_matches_regex,
    ),
)
