"""Hierarchies - Map: map_get_values, map_has_keys, add_to_map, object_to_map, to_map, ..."""

from __future__ import annotations

from typing import Any

import polars as pl
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from headwater.dataprep.functions import all_functions, maps
from headwater.dataprep.values import ExpressionError, Value

STRINGS = pl.List(pl.String)
INT_MAP = pl.List(pl.Struct({"key": pl.String, "value": pl.Int64}))
# the family's own table: these tests do not depend on the other families importing
FUNCTIONS = {n: f for f in maps.FUNCTIONS for n in (f.name, *f.aliases)}
NULL = Value(pl.lit(None), pl.Null(), constant=None)
ONE_ROW = pl.DataFrame({"row": [0]})
BOOK = pl.Struct({"author": pl.String, "price": pl.Float64, "ISBN": pl.String})
BOOK2 = pl.Struct(
    {"author": pl.String, "price": pl.Float64, "ISBN": pl.String, "publisher": pl.String}
)
ADDRESS = pl.Struct({"line1": pl.String, "City": pl.String, "type": pl.String})
ADDRESSES = [
    {"line1": "345 park ave", "City": "san jose", "type": "home"},
    {"line1": "345 park ave", "City": "san jose", "type": "work"},
    {"line1": "1 rue de l'été", "City": "Paris", "type": "office"},
]


def lit(value: Any, dtype: pl.DataType) -> Value:
    return Value(pl.lit(value, dtype=dtype), dtype, constant=value)


def text(value: str | None) -> Value:
    return lit(value, pl.String())


def col(name: str, dtype: pl.DataType) -> Value:
    return Value(pl.col(name), dtype)


def compile_call(name: str, *args: Value) -> Value:
    return FUNCTIONS[name].compile(list(args))


def evaluate(value: Value, frame: pl.DataFrame = ONE_ROW) -> list[Any]:
    out = frame.select(value.expr.alias("out"))
    assert out.schema["out"] == value.dtype
    return out["out"].to_list()


def as_dict(entries: list[dict[str, Any]] | None) -> dict[str, Any] | None:
    """A map's value as a dict, checking that each key is there once."""
    if entries is None:
        return None
    built = {entry["key"]: entry["value"] for entry in entries}
    assert len(built) == len(entries)
    return built


def one_map(name: str, *args: Value) -> dict[str, Any] | None:
    (result,) = evaluate(compile_call(name, *args))
    return as_dict(result)


def entries(mapping: dict[str, Any]) -> list[dict[str, Any]]:
    return [{"key": key, "value": value} for key, value in mapping.items()]


def scalar(name: str) -> Any:
    reference = FUNCTIONS[name].scalar
    assert reference is not None
    return reference


def book() -> Value:
    details = {"author": "George R. R. Martin", "price": 17.99, "ISBN": "ISBN-978-0553801477"}
    return lit(details, BOOK)


# --- the platform's examples -------------------------------------------------------------


def test_documented_examples() -> None:
    assert one_map("map_get_values", book(), text("author")) == {"author": "George R. R. Martin"}
    (has,) = evaluate(compile_call("map_has_keys", book(), text("author")))
    assert has is True
    details2 = {
        "author": "Neil Gaiman",
        "price": 17.99,
        "ISBN": "ISBN-0-380-97365-0",
        "publisher": "William Morrow",
    }
    merged = one_map("add_to_map", book(), lit(details2, BOOK2))
    # objects of mixed value types become maps of texts; the first occurrence of a key wins
    assert merged == {
        "author": "George R. R. Martin",
        "price": "17.99",
        "ISBN": "ISBN-978-0553801477",
        "publisher": "William Morrow",
    }
    pairs = [text("firstName"), text("John"), text("lastName"), text("Doe")]
    assert one_map("object_to_map", *pairs) == {"firstName": "John", "lastName": "Doe"}
    assert one_map("to_map", *pairs) == {"firstName": "John", "lastName": "Doe"}
    address = {"line1": "345 park ave", "City": "san jose", "type": "office"}
    assert one_map("object_to_map", lit(address, ADDRESS)) == address
    addresses = lit(ADDRESSES, pl.List(ADDRESS))
    by_type = {address["type"]: address for address in ADDRESSES}
    assert one_map("object_to_map", addresses, text("type")) == by_type
    assert one_map("array_to_map", addresses, text("type")) == by_type


def test_the_scalar_references_agree_with_the_examples() -> None:
    details = {"author": "George R. R. Martin", "price": 17.99}
    assert scalar("map_get_values")(details, "author") == {"author": "George R. R. Martin"}
    assert scalar("map_has_keys")(details, ["nope", "author"]) is True
    assert scalar("add_to_map")({"a": 1}, {"a": 2, "b": 3}) == {"a": 1, "b": 3}
    assert scalar("to_map")("firstName", "John", "lastName", "Doe") == {
        "firstName": "John",
        "lastName": "Doe",
    }
    by_type = {address["type"]: address for address in ADDRESSES}
    assert scalar("array_to_map")(ADDRESSES, "type") == by_type
    assert scalar("object_to_map")(ADDRESSES, "type") == by_type


def test_catalogue_entries() -> None:
    listed = {f.name: f for f in all_functions() if f.category == "Hierarchies - Map"}
    assert set(listed) == {
        "map_get_values",
        "map_has_keys",
        "add_to_map",
        "object_to_map",
        "array_to_map",
        "to_map",
    }
    assert (listed["add_to_map"].min_args, listed["add_to_map"].max_args) == (2, None)
    assert (listed["object_to_map"].min_args, listed["object_to_map"].max_args) == (1, None)
    assert (listed["array_to_map"].min_args, listed["array_to_map"].max_args) == (2, 2)
    assert all(f.example and f.result and f.syntax and f.scalar for f in listed.values())


# --- keys, nulls and duplicates ------------------------------------------------------------


def test_maps_are_canonical_no_nulls_and_the_first_key_wins() -> None:
    pairs = [text("ä"), lit(1, pl.Int64()), NULL, lit(2, pl.Int64()), text("b"), NULL]
    pairs += [text("ä"), lit(3, pl.Int64()), lit(7, pl.Int64()), lit(4, pl.Int64())]
    built = compile_call("to_map", *pairs)
    assert built.dtype == INT_MAP
    assert as_dict(evaluate(built)[0]) == {"ä": 1, "7": 4}
    assert one_map(
        "to_map", lit(True, pl.Boolean()), text("yes"), lit(1.5, pl.Float64()), text("x")
    ) == {
        "true": "yes",
        "1.5": "x",
    }


def test_map_get_values_and_has_keys_with_key_arrays() -> None:
    mapping = lit(entries({"a": 1, "b": 2, "ключ": 3, "n": None}), INT_MAP)
    keys = lit(["ключ", "a", "a", "zz"], STRINGS)
    assert one_map("map_get_values", mapping, keys) == {"a": 1, "ключ": 3}
    assert one_map("map_get_values", mapping, lit(["n"], STRINGS)) == {}
    assert one_map("map_get_values", mapping, lit([], STRINGS)) == {}
    assert one_map("map_get_values", lit(None, INT_MAP), text("a")) is None
    has = [
        compile_call("map_has_keys", mapping, lit(["zz", "b"], STRINGS)),
        compile_call("map_has_keys", mapping, text("n")),
        compile_call("map_has_keys", lit(None, INT_MAP), text("a")),
    ]
    assert [evaluate(value)[0] for value in has] == [True, False, False]


def test_numbers_as_keys_read_as_text() -> None:
    mapping = lit(entries({"1": 10, "2": 20}), INT_MAP)
    assert one_map("map_get_values", mapping, lit(2, pl.Int64())) == {"2": 20}
    assert one_map("map_get_values", mapping, lit([1, 3], pl.List(pl.Int64))) == {"1": 10}


def test_per_row_keys() -> None:
    frame = pl.DataFrame(
        {
            "m": [entries({"a": 1, "b": 2}), entries({"a": 3}), None, []],
            "k": ["b", None, "a", "a"],
            "ks": [["b", "a"], None, ["a"], ["a"]],
        },
        schema={"m": INT_MAP, "k": pl.String, "ks": STRINGS},
    )
    m, k, ks = col("m", INT_MAP), col("k", pl.String()), col("ks", STRINGS)
    got = evaluate(compile_call("map_get_values", m, k), frame)
    assert [as_dict(row) for row in got] == [{"b": 2}, {}, None, {}]
    got = evaluate(compile_call("map_get_values", m, ks), frame)
    assert [as_dict(row) for row in got] == [{"a": 1, "b": 2}, {}, None, {}]
    assert evaluate(compile_call("map_has_keys", m, ks), frame) == [True, False, False, False]


def test_add_to_map_nulls_and_value_types() -> None:
    ints = lit(entries({"a": 1}), INT_MAP)
    floats = lit(
        entries({"a": 9.5, "c": 2.5}), pl.List(pl.Struct({"key": pl.String, "value": pl.Float64}))
    )
    assert one_map("add_to_map", ints, floats) == {"a": 1.0, "c": 2.5}
    assert one_map("add_to_map", lit(None, INT_MAP), ints) == {"a": 1}
    assert one_map("add_to_map", lit(None, INT_MAP), NULL) is None


def test_array_to_map_skips_null_keys_and_elements() -> None:
    items = [{"id": 1, "name": "one"}, None, {"id": None, "name": "x"}, {"id": 1, "name": "uno"}]
    shape = pl.List(pl.Struct({"id": pl.Int64, "name": pl.String}))
    assert one_map("array_to_map", lit(items, shape), text("id")) == {"1": {"id": 1, "name": "one"}}
    (result,) = evaluate(compile_call("array_to_map", NULL, text("id")))
    assert result is None
    assert one_map("object_to_map", lit(None, BOOK)) is None


@pytest.mark.parametrize(
    ("name", "args", "message"),
    [
        ("to_map", [text("a"), text("1"), text("b")], "even number"),
        ("to_map", [lit(["a"], STRINGS), text("1")], "keys must be texts"),
        (
            "to_map",
            [text("a"), lit(1, pl.Int64()), text("b"), lit(["x"], STRINGS)],
            "cannot combine",
        ),
        ("object_to_map", [text("a"), text("1"), text("b")], "even number"),
        ("object_to_map", [text("not an object")], "expected a map or an object"),
        ("array_to_map", [lit(ADDRESSES, pl.List(ADDRESS)), text("nope")], "no field 'nope'"),
        ("array_to_map", [lit(ADDRESSES, pl.List(ADDRESS)), col("k", pl.String())], "constant"),
        ("array_to_map", [lit(["a"], STRINGS), text("type")], "array of objects"),
        ("map_get_values", [lit(1, pl.Int64()), text("a")], "expected a map or an object"),
        (
            "map_has_keys",
            [lit(entries({"a": 1}), INT_MAP), lit([["a"]], pl.List(STRINGS))],
            "texts",
        ),
        ("add_to_map", [lit(["a"], STRINGS), NULL], "expected a map or an object"),
    ],
)
def test_compile_time_problems_are_expression_errors(
    name: str, args: list[Value], message: str
) -> None:
    with pytest.raises(ExpressionError, match=message):
        compile_call(name, *args)


# --- vectorised against the plain-Python reference ----------------------------------------

_KEYS = st.sampled_from(["a", "b", "ключ", "😀", "x y", ""])
_MAP = st.one_of(
    st.none(), st.dictionaries(_KEYS, st.one_of(st.none(), st.integers(-9, 9)), max_size=4)
)
_KEY_LIST = st.one_of(st.none(), st.lists(st.one_of(st.none(), _KEYS), max_size=3))
_INT = st.one_of(st.none(), st.integers(-9, 9))
_ROW = st.tuples(_MAP, _MAP, _KEYS, _KEY_LIST, _INT, st.one_of(st.none(), _KEYS))
_SCHEMA = {"m": INT_MAP, "n": INT_MAP, "k": pl.String, "ks": STRINGS, "x": pl.Int64, "j": pl.String}
_ITEM = pl.Struct({"id": pl.String, "v": pl.Int64})


@settings(max_examples=100, deadline=None)
@given(rows=st.lists(_ROW, min_size=1, max_size=8))
def test_vectorised_matches_the_scalar_reference(rows: list[tuple[Any, ...]]) -> None:
    frame = pl.DataFrame(
        [
            (None if m is None else entries(m), None if n is None else entries(n), *rest)
            for m, n, *rest in rows
        ],
        schema=_SCHEMA,
        orient="row",
    )
    frame = frame.with_columns(
        items=pl.concat_list(pl.struct(id="j", v="x"), pl.struct(id="k", v="x"))
    )
    records = [dict(zip(["m", "n", "k", "ks", "x", "j"], row, strict=True)) for row in rows]
    for record, items in zip(records, frame["items"].to_list(), strict=True):
        record["items"] = items
    schema = {**_SCHEMA, "items": pl.List(_ITEM)}
    args = {
        name: col(name, dtype() if isinstance(dtype, type) else dtype)
        for name, dtype in schema.items()
    }
    calls = [
        ("map_get_values", ["m", "k"]),
        ("map_get_values", ["m", "ks"]),
        ("map_has_keys", ["m", "ks"]),
        ("map_has_keys", ["n", "k"]),
        ("add_to_map", ["m", "n"]),
        ("to_map", ["k", "x", "j", "x"]),
        ("object_to_map", ["m"]),
        ("array_to_map", ["items", "id"]),
    ]
    for name, columns in calls:
        values = [args[c] if c in args else text(c) for c in columns]
        got = evaluate(compile_call(name, *values), frame)
        if name != "map_has_keys":
            got = [as_dict(row) for row in got]
        expected = [scalar(name)(*(record.get(c, c) for c in columns)) for record in records]
        assert got == expected, name
