"""Mapping paths: ``a.b``, ``Full\\.Name``, ``emails[0].address``, ``emails[*].address``.

A path is a sequence of steps: a field name, an index into a list (``[n]``) or every element of
a list (``[*]``). A ``.`` inside a field name is escaped with ``\\`` (reference §6.3); other
backslash escapes (``\\[``, ``\\\\``) keep the escaped character.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_SEGMENT = re.compile(r"^(?P<name>(?:[^\[\]\\]|\\.)+)(?P<indexes>(?:\[(?:\*|\d+)\])*)$")
_INDEX = re.compile(r"\[(\*|\d+)\]")


@dataclass(frozen=True)
class Name:
    """A field of an object (or a key of a map)."""

    name: str


@dataclass(frozen=True)
class Index:
    """One element of a list, 0-based."""

    index: int


@dataclass(frozen=True)
class Each:
    """Every element of a list."""


Step = Name | Index | Each


def parse_path(path: str) -> tuple[Step, ...]:
    """The steps of a mapping path.

    Args:
        path: Dot notation with ``\\.`` escapes and ``[n]`` / ``[*]`` after a name.

    Returns:
        The steps, first to last.

    Raises:
        ValueError: the path is empty or malformed.
    """
    if not path or not path.strip():
        raise ValueError("empty path")
    steps: list[Step] = []
    for part in re.split(r"(?<!\\)\.", path):
        match = _SEGMENT.match(part)
        if match is None:
            raise ValueError(f"malformed segment {part!r} in path {path!r}")
        steps.append(Name(re.sub(r"\\(.)", r"\1", match["name"])))
        for index in _INDEX.findall(match["indexes"]):
            steps.append(Each() if index == "*" else Index(int(index)))
    return tuple(steps)


def format_path(steps: tuple[Step, ...]) -> str:
    """The text of a path (the inverse of :func:`parse_path`)."""
    out = ""
    for step in steps:
        if isinstance(step, Name):
            name = re.sub(r"([\\.\[\]])", r"\\\1", step.name)
            out = f"{out}.{name}" if out else name
        elif isinstance(step, Index):
            out += f"[{step.index}]"
        else:
            out += "[*]"
    return out


def escape(name: str) -> str:
    """A field name as one path segment."""
    return format_path((Name(name),))
