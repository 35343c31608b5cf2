"""The checks a resolved schema asks for, as Polars expressions over mapped rows.

One :class:`Check` per constraint of a field (``field_paths``): ``required`` (only where the
field's object is present: a required field inside an absent optional object is fine),
``enum``, ``pattern``, ``minLength``/``maxLength``, ``minimum``/``maximum``, and valid
dates/date-times. Fields inside arrays (``a[*].b``) are checked in every element, and fields
inside the values of maps (``identityMap.*[*].authenticatedState``) in every value; a row
violates a check when any element or value does.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from typing import Any

import polars as pl
import pyarrow as pa  # type: ignore[import-untyped]

from headwater.engine.validation.report import (
    BAD_LENGTH,
    INVALID_DATE,
    NOT_IN_ENUM,
    OUT_OF_BOUNDS,
    PATTERN_MISMATCH,
    REQUIRED_MISSING,
    ROW_COLUMN,
    shown,
)
from headwater.errors import BadRequest
from headwater.xdm import Field, arrow_schema, field_paths, flatten, split_path

EACH = None  # a step into every element of a list
VALUES = "*"  # a step into every value of a map (``*`` in a field's path; never a field name)
Steps = tuple[str | None, ...]
Test = Callable[[pl.Expr], pl.Expr]
UNSUPPORTED_PATTERN = "1110"


@dataclass(frozen=True)
class Check:
    """One constraint of one field: which rows break it, and what to tell about each."""

    field: str
    code: str
    violated: pl.Expr  # Boolean, never null
    message: pl.Expr


def build_checks(resolved: dict[str, Any], present: pa.Schema | None = None) -> list[Check]:
    """Every check of a resolved schema, parents' before their children's.

    Args:
        resolved: The dataset's resolved schema.
        present: The columns the rows have (default: every field of the schema). A field the
            rows lack is null: only its ``required`` check can fail.

    Raises:
        BadRequest: a ``pattern`` is not a regular expression Polars can run.
    """
    full = pa.struct(list(arrow_schema(resolved)))
    root = full if present is None else pa.struct([f for f in present if f.name != ROW_COLUMN])
    checks: list[Check] = []
    for field in _with_map_values(field_paths(resolved).values()):
        steps = _steps(field.path)
        kind = _arrow_at(root, steps)
        if kind is not None:
            checks.extend(_field_checks(field, steps, kind))
        elif field.required and _arrow_at(full, steps) is not None:
            checks.extend(_absent_required(field, steps, root))
    return checks


def _with_map_values(fields: Iterable[Field]) -> Iterator[Field]:
    """The fields, each map followed by the fields of its values (``field_paths`` lists a map
    as one field)."""
    for field in fields:
        yield field
        if field.xdm_type == "map" and field.item is not None:
            yield from _with_map_values(flatten((field.item,)))


def _absent_required(field: Field, steps: Steps, root: pa.DataType) -> list[Check]:
    """The check of a required field the rows lack: broken wherever its object is present."""
    parent = steps[:-1]
    text = pl.lit(f"The required field {field.path} is missing or null")
    if not parent:
        violated = pl.col(ROW_COLUMN).is_not_null()  # every row
    elif _arrow_at(root, parent) is not None:
        violated = _walk(parent, lambda p: p.is_not_null())
    else:
        return []  # its object is absent too: nothing is required of it
    return [Check(field.path, REQUIRED_MISSING, violated, text)]


def _steps(path: str) -> Steps:
    out: list[str | None] = []
    for name, indexes in split_path(path):
        out.append(name)
        out.extend([EACH] * indexes)
    return tuple(out)


def _arrow_at(kind: pa.DataType, steps: Steps) -> pa.DataType | None:
    for step in steps:
        if step is EACH and pa.types.is_list(kind):
            kind = kind.value_type
        elif step == VALUES and pa.types.is_map(kind):
            kind = kind.item_type
        elif step is not EACH and pa.types.is_struct(kind) and kind.get_field_index(step) >= 0:
            kind = kind.field(step).type
        else:
            return None
    return kind


def _field_checks(field: Field, steps: Steps, kind: pa.DataType) -> list[Check]:
    checks = [_required(field, steps)] if field.required else []
    for code, test, text in _value_tests(field, kind):
        violated = _walk(steps, _when_present(test))
        checks.append(Check(field.path, code, violated, _message(field.path, steps, text)))
    return checks


def _when_present(test: Test) -> Test:
    return lambda value: value.is_not_null() & test(value)


def _required(field: Field, steps: Steps) -> Check:
    *parent, last = steps
    assert last is not EACH
    text = f"The required field {field.path} is missing or null"
    if not parent:
        violated = pl.col(last).is_null()
    else:
        violated = _walk(tuple(parent), lambda p: p.is_not_null() & p.struct.field(last).is_null())
    return Check(field.path, REQUIRED_MISSING, violated, pl.lit(text))


def _walk(steps: Steps, test: Test) -> pl.Expr:
    def down(expr: pl.Expr | None, rest: Steps) -> pl.Expr:
        if not rest:
            assert expr is not None
            return test(expr)
        head, tail = rest[0], rest[1:]
        if head is EACH or head == VALUES:
            assert expr is not None
            items = expr if head is EACH else expr.map.values()
            return items.list.eval(down(pl.element(), tail)).list.any()
        return down(pl.col(head) if expr is None else expr.struct.field(head), tail)

    return down(None, steps).fill_null(False)


def _message(path: str, steps: Steps, text: str) -> pl.Expr:
    if EACH in steps or VALUES in steps:
        return pl.lit(f"{path}: a value {text}")
    names = [step for step in steps if step is not EACH]
    value = pl.col(names[0])
    for name in names[1:]:
        value = value.struct.field(name)
    return pl.concat_str([pl.lit(f"{path}: the value '"), shown(value), pl.lit(f"' {text}")])


def _value_tests(field: Field, kind: pa.DataType) -> list[tuple[str, Test, str]]:
    tests = _enum(field, kind) + _temporal(field, kind)
    if kind == pa.string():
        tests += _pattern(field) + _lengths(field)
    if pa.types.is_integer(kind) or pa.types.is_floating(kind):
        tests += _bounds(field)
    return tests


def _enum(field: Field, kind: pa.DataType) -> list[tuple[str, Test, str]]:
    if not field.enum:
        return []
    shown_values = ", ".join(str(one) for one in field.enum[:12])
    text = "is not one of " + shown_values + (", …" if len(field.enum) > 12 else "")
    if kind == pa.string():
        allowed = pl.Series([v for v in field.enum if isinstance(v, str)], dtype=pl.String)
        return [(NOT_IN_ENUM, lambda v: ~v.is_in(pl.lit(allowed).implode()), text)]
    if pa.types.is_integer(kind) or pa.types.is_floating(kind):
        numbers = [
            float(v) for v in field.enum if isinstance(v, int | float) and not isinstance(v, bool)
        ]
        allowed = pl.Series(numbers, dtype=pl.Float64)
        return [(NOT_IN_ENUM, lambda v: ~v.cast(pl.Float64).is_in(pl.lit(allowed).implode()), text)]
    return []


def _pattern(field: Field) -> list[tuple[str, Test, str]]:
    pattern = field.pattern
    if not isinstance(pattern, str):
        return []
    try:
        pl.select(pl.lit("").str.contains(pattern))
    except pl.exceptions.PolarsError:
        raise BadRequest(
            f"{field.path}: the pattern {pattern!r} uses regular-expression features "
            "headwater cannot evaluate (look-around or back-references)",
            code=UNSUPPORTED_PATTERN,
        ) from None
    return [
        (
            PATTERN_MISMATCH,
            lambda v: ~v.str.contains(pattern),
            f"does not match the pattern {pattern}",
        )
    ]


def _lengths(field: Field) -> list[tuple[str, Test, str]]:
    tests: list[tuple[str, Test, str]] = []
    low, high = field.min_length, field.max_length
    if isinstance(low, int):
        tests.append(
            (BAD_LENGTH, lambda v: v.str.len_chars() < low, f"is shorter than {low} characters")
        )
    if isinstance(high, int):
        tests.append(
            (BAD_LENGTH, lambda v: v.str.len_chars() > high, f"is longer than {high} characters")
        )
    return tests


def _bounds(field: Field) -> list[tuple[str, Test, str]]:
    tests: list[tuple[str, Test, str]] = []
    low, high = field.minimum, field.maximum
    if isinstance(low, int | float):
        tests.append((OUT_OF_BOUNDS, lambda v: v < low, f"is less than the minimum {low}"))
    if isinstance(high, int | float):
        tests.append((OUT_OF_BOUNDS, lambda v: v > high, f"is more than the maximum {high}"))
    return tests


def _temporal(field: Field, kind: pa.DataType) -> list[tuple[str, Test, str]]:
    if pa.types.is_date32(kind) or pa.types.is_timestamp(kind):
        return [
            (
                INVALID_DATE,
                lambda v: ~v.dt.year().is_between(1, 9999),
                "is not a valid date (year 1 to 9999)",
            )
        ]
    if kind != pa.string() or field.format not in ("date", "date-time"):
        return []
    if field.format == "date":
        parsed: Test = lambda v: v.str.strptime(pl.Date, "%Y-%m-%d", strict=False)  # noqa: E731
    else:
        parsed = lambda v: v.str.strptime(  # noqa: E731
            pl.Datetime("us", "UTC"), "%Y-%m-%dT%H:%M:%S%.f%#z", strict=False
        )
    return [
        (INVALID_DATE, lambda v: parsed(v).is_null(), f"is not a valid {field.format} (RFC 3339)")
    ]
