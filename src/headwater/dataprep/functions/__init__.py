"""The one table of functions of the expression language, built from one module per family.

Keep :data:`FAMILIES` sorted. Each module exports ``FUNCTIONS: tuple[FunctionDef, ...]``; a name
or alias defined twice is an error at import time.
"""

from __future__ import annotations

import importlib
from collections.abc import Mapping
from functools import cache

from headwater.dataprep.functions.registry import FunctionDef, Param

_PACKAGE = "headwater.dataprep.functions."

FAMILIES: tuple[str, ...] = (
    "aggregation",
    "arrays",
    "conversion",
    "dates",
    "hashing",
    "json",
    "logical",
    "maps",
    "objects",
    "regex",
    "special",
    "strings",
    "urls",
    "user_agent",
)


@cache
def function_table() -> Mapping[str, FunctionDef]:
    """Every function by name and by alias (names are case-sensitive, as in the platform)."""
    table: dict[str, FunctionDef] = {}
    for family in FAMILIES:
        for function in importlib.import_module(_PACKAGE + family).FUNCTIONS:
            for name in (function.name, *function.aliases):
                if name in table:
                    raise RuntimeError(f"function {name!r} is defined twice")
                table[name] = function
    return table


def all_functions() -> list[FunctionDef]:
    """Every function once (aliases not repeated), in the order of the families."""
    seen: dict[str, FunctionDef] = {}
    for function in function_table().values():
        seen.setdefault(function.name, function)
    return list(seen.values())


__all__ = ["FAMILIES", "FunctionDef", "Param", "all_functions", "function_table"]
