"""Hierarchies - Arrays: coalesce, first, last, add_to_array, join_arrays, to_array, size_of."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any
from zoneinfo import ZoneInfo

import polars as pl
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from headwater.dataprep.functions import all_functions, arrays
from headwater.dataprep.values import ExpressionError, Value

INTS = pl.List(pl.Int64)
STRINGS = pl.List(pl.String)
# the family's own table: these tests do not depend on the other families importing
FUNCTIONS = {n: f for f in arrays.FUNCTIONS for n in (f.name, *f.aliases)}
NULL = Value(pl.lit(None), pl.Null(), constant=None)
ONE_ROW = pl.DataFrame({"row": [0]})


def lit(value: Any, dtype: pl.DataType) -> Value:
    return Value(pl.lit(value, dtype=dtype), dtype, constant=value)


def col(name: str, dtype: pl.DataType) -> Value:
    return Value(pl.col(name), dtype)


def evaluate(name: str, args: list[Value], frame: pl.DataFrame = ONE_ROW) -> list[Any]:
    """Compile ``name(args)``, check its declared type against Polars', return the column."""
    value = FUNCTIONS[name].compile(args)
    out = frame.select(value.expr.alias("out"))
    assert out.schema["out"] == value.dtype
    return out["out"].to_list()


def one(name: str, *args: Value) -> Any:
    (result,) = evaluate(name, list(args))
    return result


def scalar(name: str) -> Any:
    reference = FUNCTIONS[name].scalar
    assert reference is not None
    return reference


# --- the platform's examples -------------------------------------------------------------


def test_documented_examples() -> None:
    nulls = [NULL, NULL, NULL]
    assert (
        one("coalesce", *nulls, lit("first", pl.String()), NULL, lit("second", pl.String()))
        == "first"
    )
    digits = [lit(d, pl.String()) for d in ("1", "2", "3")]
    assert one("first", *digits) == "1"
    assert one("last", *digits) == "3"
    ab = lit(["a", "b"], STRINGS)
    assert one("add_to_array", ab, lit("c", pl.String()), lit("d", pl.String())) == [
        "a",
        "b",
        "c",
        "d",
    ]
    joined = one("join_arrays", ab, lit(["c"], STRINGS), lit(["d", "e"], STRINGS))
    assert joined == ["a", "b", "c", "d", "e"]
    ints = [lit(1, pl.Int64()), NULL, lit(2, pl.Int64()), lit(3, pl.Int64())]
    assert one("to_array", lit(False, pl.Boolean()), *ints) == [1, 2, 3]
    assert one("to_array", lit(True, pl.Boolean()), *ints) == [1, None, 2, 3]
    assert one("size_of", lit([1, 2, 3, 4], INTS)) == 4
    assert one("upsert_array_append", lit([123, 456], INTS)) == [123, 456]
    assert one("upsert_array_replace", lit([123, 456], INTS), lit(1, pl.Int64())) == [123, 456]


def test_the_scalar_references_agree_with_the_examples() -> None:
    assert scalar("coalesce")(None, None, "first", "second") == "first"
    assert scalar("first")("1", "2", "3") == "1"
    assert scalar("last")("1", "2", "3") == "3"
    assert scalar("add_to_array")(["a", "b"], "c", "d") == ["a", "b", "c", "d"]
    assert scalar("join_arrays")(["a", "b"], ["c"], ["d", "e"]) == ["a", "b", "c", "d", "e"]
    assert scalar("to_array")(False, 1, None, 2, 3) == [1, 2, 3]
    assert scalar("size_of")([1, 2, 3, 4]) == 4


def test_catalogue_entries() -> None:
    listed = {f.name: f for f in all_functions() if f.category == "Hierarchies - Arrays"}
    assert set(listed) == {
        "coalesce",
        "first",
        "last",
        "add_to_array",
        "join_arrays",
        "to_array",
        "size_of",
        "upsert_array_append",
        "upsert_array_replace",
    }
    first = listed["first"]
    assert first.syntax == "T first(T...)"
    assert first.return_type == "java.lang.Object"
    assert first.params[0].data_type == "[Ljava.lang.Object;"
    assert (first.min_args, first.max_args) == (0, None)
    assert (listed["to_array"].min_args, listed["to_array"].max_args) == (2, None)
    assert (listed["size_of"].min_args, listed["size_of"].max_args) == (1, 1)
    assert all(f.example and f.result and f.scalar for f in listed.values())


# --- nulls, empties and one-array forms ----------------------------------------------------


def test_first_last_and_coalesce_look_inside_a_single_array() -> None:
    frame = pl.DataFrame({"a": [[None, 2, 3], [], None]}, schema={"a": INTS})
    a = col("a", INTS)
    assert evaluate("first", [a], frame) == [None, None, None]
    assert evaluate("last", [a], frame) == [3, None, None]
    assert evaluate("coalesce", [a], frame) == [2, None, None]


def test_no_argument_and_all_null_arguments_give_null() -> None:
    assert one("first") is None
    assert one("last") is None
    assert one("coalesce", NULL, NULL) is None


def test_a_null_array_reads_as_empty_when_arrays_are_combined() -> None:
    assert one("add_to_array", NULL, lit("c", pl.String())) == ["c"]
    assert one("add_to_array", lit(None, STRINGS), lit("c", pl.String())) == ["c"]
    assert one("add_to_array", lit(None, STRINGS)) is None
    assert one("add_to_array", lit([1], INTS), NULL) == [1, None]
    assert one("join_arrays", lit(None, INTS), lit([1], INTS)) == [1]
    assert one("join_arrays", lit(None, INTS), NULL) is None
    assert one("join_arrays", lit([], INTS), lit([], INTS)) == []


def test_to_array_with_a_per_row_include_nulls() -> None:
    frame = pl.DataFrame({"keep": [True, False, None], "x": [None, None, 1]})
    args = [col("keep", pl.Boolean()), col("x", pl.Int64()), lit(7, pl.Int64())]
    assert evaluate("to_array", args, frame) == [[None, 7], [7], [1, 7]]


def test_size_of_counts_each_kind() -> None:
    assert one("size_of", lit("héllo😀", pl.String())) == 6
    assert one("size_of", lit([None, None], INTS)) == 2
    assert one("size_of", NULL) == 0
    assert one("size_of", lit(None, INTS)) == 0
    person = pl.Struct({"name": pl.String, "age": pl.Int64})
    assert one("size_of", lit({"name": "Zoë", "age": None}, person)) == 1
    entries = pl.List(pl.Struct({"key": pl.String, "value": pl.Int64}))
    mapping = [{"key": "a", "value": 1}, {"key": "b", "value": None}]
    assert one("size_of", lit(mapping, entries)) == 1


# --- types ---------------------------------------------------------------------------------


def test_mixed_numbers_promote_and_other_mixes_become_text() -> None:
    yes = lit(True, pl.Boolean())
    assert one("to_array", yes, lit(1, pl.Int64()), lit(2.5, pl.Float64())) == [1.0, 2.5]
    mixed = one(
        "to_array", yes, lit(1, pl.Int64()), lit("a", pl.String()), lit(False, pl.Boolean())
    )
    assert mixed == ["1", "a", "false"]
    assert one("coalesce", NULL, lit(1, pl.Int32()), lit(2.0, pl.Float64())) == 1.0
    assert one("add_to_array", lit([1, 2], INTS), lit(0.5, pl.Float64())) == [1.0, 2.0, 0.5]


def test_date_times_in_a_mixed_array_become_iso_text_in_utc() -> None:
    paris = pl.Datetime("us", "Europe/Paris")
    frame = pl.DataFrame({"t": [datetime(2019, 10, 23, 11, 24, tzinfo=UTC)]}).with_columns(
        pl.col("t").dt.convert_time_zone("Europe/Paris")
    )
    args = [lit(True, pl.Boolean()), col("t", paris), lit("x", pl.String())]
    assert evaluate("to_array", args, frame) == [["2019-10-23T11:24:00Z", "x"]]
    same_zone = evaluate("to_array", [lit(True, pl.Boolean()), col("t", paris), NULL], frame)
    assert same_zone == [[datetime(2019, 10, 23, 13, 24, tzinfo=ZoneInfo("Europe/Paris")), None]]


def test_objects_in_one_array_merge_their_fields() -> None:
    yes = lit(True, pl.Boolean())
    left = lit({"a": 1}, pl.Struct({"a": pl.Int64}))
    right = lit({"a": 2.5, "b": "x"}, pl.Struct({"a": pl.Float64, "b": pl.String}))
    assert one("to_array", yes, left, right) == [{"a": 1.0, "b": None}, {"a": 2.5, "b": "x"}]


def test_a_scalar_cannot_share_an_array_with_an_array() -> None:
    with pytest.raises(ExpressionError, match="cannot combine"):
        evaluate("to_array", [lit(True, pl.Boolean()), lit(1, pl.Int64()), lit([1], INTS)])


@pytest.mark.parametrize(
    ("name", "args"),
    [
        ("add_to_array", [lit("x", pl.String()), lit(1, pl.Int64())]),
        ("join_arrays", [lit([1], INTS), lit(2, pl.Int64())]),
        ("to_array", [lit("yes", pl.String()), lit(1, pl.Int64())]),
        ("size_of", [lit(1, pl.Int64())]),
        ("upsert_array_append", [lit(1, pl.Int64())]),
    ],
)
def test_wrong_argument_types_are_expression_errors(name: str, args: list[Value]) -> None:
    with pytest.raises(ExpressionError, match=name):
        evaluate(name, args)


# --- vectorised against the plain-Python reference ----------------------------------------

_INT = st.one_of(st.none(), st.integers(-1000, 1000))
_LIST = st.one_of(st.none(), st.lists(_INT, max_size=4))
_ROWS = st.lists(
    st.tuples(_LIST, _LIST, _INT, _INT, st.one_of(st.none(), st.booleans())), min_size=1, max_size=8
)
_SCHEMA = {"a": INTS, "b": INTS, "x": pl.Int64, "y": pl.Int64, "keep": pl.Boolean}
_COLUMNS = {
    name: col(name, dtype() if isinstance(dtype, type) else dtype)
    for name, dtype in _SCHEMA.items()
}

_CALLS = [
    ("coalesce", ["x", "y"]),
    ("coalesce", ["a"]),
    ("first", ["x", "y"]),
    ("first", ["b"]),
    ("last", ["x", "y"]),
    ("last", ["a"]),
    ("add_to_array", ["a", "x", "y"]),
    ("add_to_array", ["a"]),
    ("join_arrays", ["a", "b"]),
    ("to_array", ["keep", "x", "y"]),
    ("size_of", ["a"]),
]


@pytest.mark.parametrize(("name", "columns"), _CALLS)
@settings(max_examples=100, deadline=None)
@given(rows=_ROWS)
def test_vectorised_matches_the_scalar_reference(
    name: str, columns: list[str], rows: list[tuple[Any, ...]]
) -> None:
    frame = pl.DataFrame(rows, schema=_SCHEMA, orient="row")
    got = evaluate(name, [_COLUMNS[c] for c in columns], frame)
    records = frame.to_dicts()
    assert got == [scalar(name)(*(record[c] for c in columns)) for record in records]
