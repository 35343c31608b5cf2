"""String functions (reference §6.4 "String"): category ``String``.

Arguments that should be strings accept numbers, booleans and date-times as their text. Null
in gives null out, except where noted: ``concat`` treats a null as empty (all null gives null),
``equals`` is null-safe, ``replacestr`` leaves the input alone when there is nothing to find.
Trimming removes what Java's ``String.trim`` does (every character up to U+0020).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from headwater.dataprep import cast
from headwater.dataprep.functions import string_basics as basics
from headwater.dataprep.functions import string_parts as parts
from headwater.dataprep.functions.common import (
    INTEGER,
    OBJECTS,
    STRING,
    STRINGS,
    param,
)
from headwater.dataprep.functions.registry import FunctionDef, Param
from headwater.dataprep.values import Value

CATEGORY = "String"
_TEXT = (param("INPUT", "The input string."),)


def _string(
    name: str,
    description: str,
    syntax: str,
    example: str,
    result: str,
    params: tuple[Param, ...],
    compile_: Callable[[Sequence[Value]], Value],
    scalar: Callable[..., Any],
    *,
    returns: str = STRING,
    aliases: tuple[str, ...] = (),
) -> FunctionDef:
    return FunctionDef(
        name=name,
        category=CATEGORY,
        description=description,
        syntax=syntax,
        return_type=returns,
        example=example,
        result=result,
        params=params,
        compile=compile_,
        scalar=scalar,
        aliases=aliases,
    )


_TRIM = cast.JAVA_BLANKS
_COUNT = param("COUNT", "How many characters.", INTEGER)
_PAD = (
    param("INPUT", "The string to pad."),
    param("COUNT", "The length of the result (the input is never cut).", INTEGER),
    param("PADDING", "The characters to pad with, repeated as needed (null or empty: a space)."),
)

FUNCTIONS: tuple[FunctionDef, ...] = (
    _string(
        "concat",
        "Concatenates the given strings (a null counts as empty).",
        "String concat(Object...)",
        'concat("Hi, ", "there", "!")',
        '"Hi, there!"',
        (param("STRING", "The strings to concatenate.", OBJECTS, variadic=True),),
        basics.c_concat,
        basics.s_concat,
    ),
    _string(
        "explode",
        "Splits a string by a regular expression (default ','), keeping empty parts.",
        "String[] explode(String, String)",
        'explode("Hi, there!", " ")',
        '["Hi,", "there!"]',
        (
            param("STRING", "The string to split."),
            param("REGEX", "The separator, a regular expression (default ',').", optional=True),
        ),
        parts.c_explode,
        parts.s_explode,
        returns=STRINGS,
    ),
    _string(
        "instr",
        "The 0-based index of an occurrence of a substring (Java's indexOf), -1 when not found.",
        "Integer instr(String, String, Integer, Integer)",
        'instr("adobe.com", "com")',
        "6",
        (
            param("INPUT", "The string to search."),
            param("SUBSTRING", "The string to find."),
            param(
                "START_POSITION",
                "Where to start looking (0-based, default 0).",
                INTEGER,
                optional=True,
            ),
            param("OCCURRENCE", "Which occurrence to find (default 1).", INTEGER, optional=True),
        ),
        parts.c_instr,
        parts.s_instr,
        returns=INTEGER,
    ),
    _string(
        "replacestr",
        "Replaces every occurrence of a string.",
        "String replacestr(String, String, String)",
        'replacestr("This is a string re test", "re", "replace")',
        '"This is a string replace test"',
        (
            param("INPUT", "The input string."),
            param("TO_FIND", "The string to find."),
            param("TO_REPLACE", "The string to put in its place."),
        ),
        basics.c_replacestr,
        basics.s_replacestr,
    ),
    _string(
        "substr",
        "A substring: LENGTH characters from START_INDEX (0-based).",
        "String substr(String, Integer, Integer)",
        'substr("This is a substring test", 7, 8)',
        '" a subst"',
        (
            param("INPUT", "The input string."),
            param("START_INDEX", "Where the substring starts (0-based).", INTEGER),
            param("LENGTH", "How many characters.", INTEGER),
        ),
        basics.c_substr,
        basics.s_substr,
    ),
    _string(
        "lower",
        "The string in lower case.",
        "String lower(String)",
        'lower("HeLLo")',
        '"hello"',
        _TEXT,
        basics.mapped("lower", lambda e: e.str.to_lowercase()),
        basics.py(str.lower),
        aliases=("lcase",),
    ),
    _string(
        "upper",
        "The string in upper case.",
        "String upper(String)",
        'upper("HeLLo")',
        '"HELLO"',
        _TEXT,
        basics.mapped("upper", lambda e: e.str.to_uppercase()),
        basics.py(str.upper),
        aliases=("ucase",),
    ),
    _string(
        "split",
        "Splits a string on any of the separator characters, dropping empty parts.",
        "String[] split(String, String)",
        'split("Hello world", " ")',
        '["Hello", "world"]',
        (
            param("INPUT", "The string to split."),
            param("SEPARATOR", "The characters to split on (empty: whitespace)."),
        ),
        parts.c_split,
        parts.s_split,
        returns=STRINGS,
    ),
    _string(
        "join",
        "Joins values (an array, or several values) with a separator.",
        "String join(String, Object...)",
        'join(" ", to_array(true, "Hello", "world"))',
        '"Hello world"',
        (
            param("SEPARATOR", "Put between the values."),
            param("OBJECTS", "An array, or the values to join.", OBJECTS, variadic=True),
        ),
        parts.c_join,
        parts.s_join,
    ),
    _string(
        "lpad",
        "Pads the left side of a string to COUNT characters.",
        "String lpad(String, Integer, String)",
        'lpad("bat", 8, "yz")',
        '"yzyzybat"',
        _PAD,
        parts.c_lpad,
        parts.s_lpad,
    ),
    _string(
        "rpad",
        "Pads the right side of a string to COUNT characters.",
        "String rpad(String, Integer, String)",
        'rpad("bat", 8, "yz")',
        '"batyzyzy"',
        _PAD,
        parts.c_rpad,
        parts.s_rpad,
    ),
    _string(
        "left",
        "The first COUNT characters.",
        "String left(String, Integer)",
        'left("abcde", 2)',
        '"ab"',
        (param("STRING", "The input string."), _COUNT),
        basics.side("left", left=True),
        basics.s_side(left=True),
    ),
    _string(
        "right",
        "The last COUNT characters.",
        "String right(String, Integer)",
        'right("abcde", 2)',
        '"de"',
        (param("STRING", "The input string."), _COUNT),
        basics.side("right", left=False),
        basics.s_side(left=False),
    ),
    _string(
        "ltrim",
        "Removes leading whitespace.",
        "String ltrim(String)",
        'ltrim("  hello")',
        '"hello"',
        (param("STRING", "The input string."),),
        basics.mapped("ltrim", lambda e: e.str.strip_chars_start(_TRIM)),
        basics.py(lambda s: s.lstrip(_TRIM)),
    ),
    _string(
        "rtrim",
        "Removes trailing whitespace.",
        "String rtrim(String)",
        'rtrim("hello  ")',
        '"hello"',
        (param("STRING", "The input string."),),
        basics.mapped("rtrim", lambda e: e.str.strip_chars_end(_TRIM)),
        basics.py(lambda s: s.rstrip(_TRIM)),
    ),
    _string(
        "trim",
        "Removes leading and trailing whitespace.",
        "String trim(String)",
        'trim("  hello  ")',
        '"hello"',
        (param("STRING", "The input string."),),
        basics.mapped("trim", lambda e: e.str.strip_chars(_TRIM)),
        basics.py(lambda s: s.strip(_TRIM)),
    ),
    _string(
        "equals",
        "Whether two strings are equal (case-sensitive; method syntax STRING1.equals(STRING2)).",
        "Boolean equals(String, String)",
        '"string1".equals("STRING1")',
        "false",
        (param("STRING1", "The first string."), param("STRING2", "The second string.")),
        basics.equals("equals", fold=False),
        basics.s_equals(fold=False),
        returns="java.lang.Boolean",
    ),
    _string(
        "equalsIgnoreCase",
        "Whether two strings are equal, ignoring case (method syntax "
        "STRING1.equalsIgnoreCase(STRING2)).",
        "Boolean equalsIgnoreCase(String, String)",
        '"string1".equalsIgnoreCase("STRING1")',
        "true",
        (param("STRING1", "The first string."), param("STRING2", "The second string.")),
        basics.equals("equalsIgnoreCase", fold=True),
        basics.s_equals(fold=True),
        returns="java.lang.Boolean",
    ),
)
