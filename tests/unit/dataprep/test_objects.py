"""Hierarchies - Objects: is_empty, arrays_to_object, to_object, str_to_object, get, ..."""

from __future__ import annotations

from typing import Any

import polars as pl
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from headwater.dataprep.functions import all_functions, function_table, objects
from headwater.dataprep.values import ExpressionError, Value

INTS = pl.List(pl.Int64)
STRINGS = pl.List(pl.String)
FLOATS = pl.List(pl.Float64)
TEXT_MAP = pl.List(pl.Struct({"key": pl.String, "value": pl.String}))
# the family's own table: these tests do not depend on the other families importing
FUNCTIONS = {n: f for f in objects.FUNCTIONS for n in (f.name, *f.aliases)}
NULL = Value(pl.lit(None), pl.Null(), constant=None)
ONE_ROW = pl.DataFrame({"row": [0]})


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


def one(name: str, *args: Value) -> Any:
    (result,) = evaluate(compile_call(name, *args))
    return result


def as_dict(entries: list[dict[str, Any]] | None) -> dict[str, Any] | None:
    """A map column's value as a dict (keys are unique in maps built by these functions)."""
    if entries is None:
        return None
    built = {entry["key"]: entry["value"] for entry in entries}
    assert len(built) == len(entries)
    return built


def scalar(name: str) -> Any:
    reference = FUNCTIONS[name].scalar
    assert reference is not None
    return reference


# --- the platform's examples -------------------------------------------------------------


def test_documented_examples() -> None:
    assert one("is_empty", lit([1, None, 2, 3], INTS)) is False
    zipped = one(
        "arrays_to_objects",
        text("sku"),
        lit(["id1", "id2"], STRINGS),
        text("price"),
        lit([22.5, 14.35], FLOATS),
    )
    assert zipped == [{"sku": "id1", "price": 22.5}, {"sku": "id2", "price": 14.35}]
    person = one("to_object", text("firstName"), text("John"), text("lastName"), text("Doe"))
    assert person == {"firstName": "John", "lastName": "Doe"}
    parsed = one(
        "str_to_object",
        text("firstName=John,lastName=Doe,phone=123 456 7890"),
        text("="),
        text(","),
    )
    assert as_dict(parsed) == {"firstName": "John", "lastName": "Doe", "phone": "123 456 7890"}
    books = pl.Struct({"book1": pl.String, "book2": pl.String})
    assert one("get_keys", lit({"book1": "Pride and Prejudice", "book2": "1984"}, books)) == [
        "book1",
        "book2",
    ]
    line = "firstName - John , lastName - Cena , phone - 555 420 8692"
    assert one("get_values", text(line), text("firstName"), text("-"), text(",")) == "John"
    assert one("nullify") is None


def test_str_to_object_then_get_reads_a_key() -> None:
    line = text("firstName - John ; lastName - ; phone - 123 456 7890")
    parsed = compile_call("str_to_object", line, text("-"), text(";"))
    assert one("get", parsed, text("firstName")) == "John"
    assert one("get", parsed, text("lastName")) == ""
    assert one("get", parsed, text("phone")) == "123 456 7890"
    assert one("get", parsed, text("missing")) is None


def test_the_scalar_references_agree_with_the_examples() -> None:
    assert scalar("to_object")("firstName", "John", "lastName", "Doe") == {
        "firstName": "John",
        "lastName": "Doe",
    }
    assert scalar("arrays_to_object")("sku", ["id1", "id2"], "price", [22.5, 14.35]) == [
        {"sku": "id1", "price": 22.5},
        {"sku": "id2", "price": 14.35},
    ]
    assert scalar("str_to_object")("a=1,b=2", "=", ",") == {"a": "1", "b": "2"}
    assert scalar("get_values")("firstName - John , x - y", "firstName", "-", ",") == "John"
    assert scalar("get_keys")({"book1": "P", "book2": "1984"}) == ["book1", "book2"]
    assert scalar("is_empty")([1, None, 2, 3]) is False


def test_catalogue_entries() -> None:
    listed = {f.name: f for f in all_functions() if f.category == "Hierarchies - Objects"}
    assert set(listed) == {
        "is_empty",
        "arrays_to_object",
        "to_object",
        "str_to_object",
        "get",
        "contains_key",
        "nullify",
        "get_keys",
        "get_values",
    }
    assert function_table()["arrays_to_objects"] is listed["arrays_to_object"]
    assert (listed["nullify"].min_args, listed["nullify"].max_args) == (0, 0)
    assert (listed["str_to_object"].min_args, listed["str_to_object"].max_args) == (1, 3)
    assert (listed["get_values"].min_args, listed["get_values"].max_args) == (3, 4)
    assert listed["to_object"].params[0].data_type == "[Ljava.lang.Object;"
    assert all(f.example and f.result and f.syntax for f in listed.values())


# --- objects -------------------------------------------------------------------------------


def test_to_object_keeps_the_first_value_of_a_repeated_key_and_any_value_type() -> None:
    built = compile_call(
        "to_object", text("名前"), text("値"), lit(1, pl.Int64()), NULL, text("名前"), text("x")
    )
    assert built.dtype == pl.Struct({"名前": pl.String, "1": pl.Null})
    assert evaluate(built) == [{"名前": "値", "1": None}]


def test_arrays_to_object_pads_shorter_arrays_and_reads_null_arrays_as_empty() -> None:
    frame = pl.DataFrame(
        {"a": [[1, 2, 3], None, None, []], "b": [["x"], ["y"], None, []]},
        schema={"a": INTS, "b": STRINGS},
    )
    zipped = compile_call(
        "arrays_to_object", text("n"), col("a", INTS), text("s"), col("b", STRINGS)
    )
    assert evaluate(zipped, frame) == [
        [{"n": 1, "s": "x"}, {"n": 2, "s": None}, {"n": 3, "s": None}],
        [{"n": None, "s": "y"}],
        None,
        [],
    ]


def test_get_reads_fields_map_keys_and_array_indexes() -> None:
    person = lit({"name": "Zoë", "age": 7}, pl.Struct({"name": pl.String, "age": pl.Int64}))
    assert one("get", person, text("name")) == "Zoë"
    assert one("get", person, text("nope")) is None
    assert one("get", lit(["a", "b"], STRINGS), lit(1, pl.Int64())) == "b"
    assert one("get", lit(["a", "b"], STRINGS), lit(-1, pl.Int64())) is None
    assert one("get", lit(["a", "b"], STRINGS), lit(5, pl.Int64())) is None
    assert one("get", NULL, text("k")) is None


def test_get_with_a_per_row_key_on_a_map() -> None:
    frame = pl.DataFrame({"s": ["ключ:значение,😀:smile", "a:1", None], "k": ["😀", "b", "a"]})
    parsed = compile_call("str_to_object", col("s", pl.String()))
    assert evaluate(compile_call("get", parsed, col("k", pl.String())), frame) == [
        "smile",
        None,
        None,
    ]
    values = compile_call("get_values", col("s", pl.String()), col("k", pl.String()), NULL)
    assert evaluate(values, frame) == ["smile", None, None]


def test_str_to_object_edge_cases() -> None:
    assert one("str_to_object", NULL) is None
    assert as_dict(one("str_to_object", text(""))) == {}
    odd = "novalue, =empty key , k : v : w ,k:second,  spaced  :  out  "
    assert as_dict(one("str_to_object", text(odd))) == {"k": "v : w", "spaced": "out"}
    # null or empty delimiters mean the defaults
    assert as_dict(one("str_to_object", text("a:1|b:2"), NULL, text("|"))) == {"a": "1", "b": "2"}
    assert as_dict(one("str_to_object", text("a:1,b:2"), text(""), text(""))) == {
        "a": "1",
        "b": "2",
    }
    # delimiters are plain text, not regular expressions
    assert as_dict(one("str_to_object", text("a.1|b.2"), text("."), text("|"))) == {
        "a": "1",
        "b": "2",
    }


def test_get_keys_and_is_empty_treat_null_fields_as_absent() -> None:
    shape = pl.Struct({"a": pl.Int64, "ü": pl.String})
    frame = pl.DataFrame(
        {"o": [{"a": 1, "ü": "x"}, {"a": None, "ü": "y"}, {"a": None, "ü": None}, None]},
        schema={"o": shape},
    )
    obj = col("o", shape)
    assert evaluate(compile_call("get_keys", obj), frame) == [["a", "ü"], ["ü"], [], None]
    assert evaluate(compile_call("is_empty", obj), frame) == [False, False, True, True]
    parsed = compile_call("str_to_object", text("x:1,y:2"))
    assert one("get_keys", parsed) == ["x", "y"]


def test_is_empty_on_each_kind() -> None:
    assert one("is_empty", NULL) is True
    assert one("is_empty", text("")) is True
    assert one("is_empty", text(" ")) is False
    assert one("is_empty", lit([], INTS)) is True
    assert one("is_empty", lit(None, INTS)) is True
    assert one("is_empty", lit(0, pl.Int64())) is False
    assert one("is_empty", lit(None, pl.Float64())) is True


def test_contains_key_checks_a_source_path() -> None:
    evars = pl.Struct({"evar": pl.Struct({"field1": pl.Int64})})
    frame = pl.DataFrame(
        {
            "evars": [{"evar": {"field1": 1}}, {"evar": {"field1": None}}, None],
            "a.b": [1, None, 3],
            "it's": ["é", None, ""],
            "list": [[1], [], None],
        },
        schema={"evars": evars, "a.b": pl.Int64, "it's": pl.String, "list": pl.List(pl.Int64)},
    )

    def contains(path: str) -> list[Any]:
        return evaluate(compile_call("contains_key", text(path)), frame)

    assert contains("evars.evar.field1") == [True, False, False]
    assert contains("evars") == [True, True, False]
    assert contains("a\\.b") == [True, False, True]
    assert contains("it's") == [True, False, True]
    assert contains("list") == [True, True, False]
    # paths the input does not have at all, at any depth, are simply not set
    assert contains("nope") == [False, False, False]
    assert contains("evars.evar.nope.deeper") == [False, False, False]
    assert contains("a") == [False, False, False]


@pytest.mark.parametrize(
    ("name", "args", "message"),
    [
        ("to_object", [text("a"), text("1"), text("b")], "even number"),
        ("to_object", [col("k", pl.String()), text("1")], "must be a constant"),
        ("to_object", [NULL, text("1")], "text or a number"),
        ("arrays_to_object", [text("a"), text("not an array")], "must be an array"),
        ("str_to_object", [lit(1, pl.Int64())], "expected a text"),
        ("str_to_object", [text("a:1"), col("d", pl.String())], "constants"),
        ("get", [lit({"a": 1}, pl.Struct({"a": pl.Int64})), col("k", pl.String())], "constant"),
        ("get", [text("abc"), text("a")], "cannot read"),
        ("get_keys", [lit([1], INTS)], "expected an object or a map"),
        ("contains_key", [col("p", pl.String())], "constant"),
        ("contains_key", [text("")], "empty"),
    ],
)
def test_compile_time_problems_are_expression_errors(
    name: str, args: list[Value], message: str
) -> None:
    with pytest.raises(ExpressionError, match=message):
        compile_call(name, *args)


# --- vectorised against the plain-Python reference ----------------------------------------

_PIECES = st.sampled_from(["a", "b", "ключ", "😀", " ", ":", ",", "=", ";", "x y", ""])
_TEXT = st.one_of(st.none(), st.lists(_PIECES, max_size=10).map("".join))
_WORDS = st.sampled_from(["a", " a ", "b", "ключ", "😀", "x y", "", " "])
_DELIMITERS = [(None, None), ("=", ";"), (":", ","), ("x", " "), ("::", ", ")]


@st.composite
def _pair_text(draw: st.DrawFn, value_delimiter: str, field_delimiter: str) -> str | None:
    """Mostly well-formed pair texts (repeated keys, empty parts) with some noise mixed in."""
    fields = draw(
        st.lists(
            st.one_of(
                st.tuples(_WORDS, _WORDS).map(lambda kv: f"{kv[0]}{value_delimiter}{kv[1]}"),
                _TEXT.filter(bool),
            ),
            max_size=5,
        )
    )
    return draw(st.one_of(st.none(), st.just(field_delimiter.join(fields))))


@settings(max_examples=100, deadline=None)
@given(delimiters=st.sampled_from(_DELIMITERS), data=st.data())
def test_str_to_object_and_get_values_match_the_scalar_reference(
    delimiters: tuple[str | None, str | None], data: st.DataObject
) -> None:
    texts = _pair_text(delimiters[0] or ":", delimiters[1] or ",")
    rows = data.draw(st.lists(st.tuples(texts, _WORDS), min_size=1, max_size=8))
    frame = pl.DataFrame(rows, schema={"s": pl.String, "k": pl.String}, orient="row")
    value_delimiter, field_delimiter = (text(d) for d in delimiters)
    s, k = col("s", pl.String()), col("k", pl.String())
    parsed = evaluate(compile_call("str_to_object", s, value_delimiter, field_delimiter), frame)
    expected = [scalar("str_to_object")(row[0], *delimiters) for row in rows]
    assert [as_dict(entries) for entries in parsed] == expected
    got = evaluate(compile_call("get_values", s, k, value_delimiter, field_delimiter), frame)
    assert got == [scalar("get_values")(*row, *delimiters) for row in rows]


_SHAPE = pl.Struct({"a": pl.Int64, "名": pl.String})
_OBJECT = st.one_of(
    st.none(),
    st.fixed_dictionaries(
        {
            "a": st.one_of(st.none(), st.integers(-9, 9)),
            "名": st.one_of(st.none(), st.text(max_size=3)),
        }
    ),
)
_LIST = st.one_of(st.none(), st.lists(st.one_of(st.none(), st.integers(-9, 9)), max_size=4))


@settings(max_examples=100, deadline=None)
@given(rows=st.lists(st.tuples(_OBJECT, _LIST, _LIST, _TEXT), min_size=1, max_size=8))
def test_object_functions_match_the_scalar_reference(rows: list[tuple[Any, ...]]) -> None:
    schema = {"o": _SHAPE, "a": INTS, "b": INTS, "s": pl.String}
    frame = pl.DataFrame(rows, schema=schema, orient="row")
    records = frame.to_dicts()
    o, a, b, s = (
        col(name, dtype)
        for name, dtype in [("o", _SHAPE), ("a", INTS), ("b", INTS), ("s", pl.String())]
    )
    calls: list[tuple[str, list[Value], list[Any]]] = [
        ("get_keys", [o], ["o"]),
        ("is_empty", [o], ["o"]),
        ("is_empty", [a], ["a"]),
        ("is_empty", [s], ["s"]),
        ("get", [o, text("名")], ["o", "名"]),
        ("get", [a, lit(1, pl.Int64())], ["a", 1]),
        ("arrays_to_object", [text("x"), a, text("y"), b], ["x", "a", "y", "b"]),
        ("to_object", [text("k"), s, text("obj"), o], ["k", "s", "obj", "o"]),
    ]
    for name, args, spec in calls:
        got = evaluate(compile_call(name, *args), frame)
        columns = {"o", "a", "b", "s"}
        expected = [
            scalar(name)(*(record[c] if isinstance(c, str) and c in columns else c for c in spec))
            for record in records
        ]
        assert got == expected, name
