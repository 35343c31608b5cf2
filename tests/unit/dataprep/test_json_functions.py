"""json_to_object: typed by the destination or by a constant text; per-row errors."""

from __future__ import annotations

import json
from typing import Any

import polars as pl
import pytest

from headwater.dataprep.functions import function_table
from headwater.dataprep.functions.json import MISFIT, NOT_JSON, NOT_OBJECT, object_type
from headwater.dataprep.values import ExpressionError, Value

JSON_TO_OBJECT = function_table()["json_to_object"]
PERSON = pl.Struct(
    {
        "name": pl.String,
        "age": pl.Int64,
        "tags": pl.List(pl.String),
        "address": pl.Struct({"city": pl.String}),
    }
)


def const(value: Any, dtype: pl.DataType) -> Value:
    return Value(pl.lit(value, dtype=dtype), dtype, constant=value)


def decode(texts: list[str | None], dtype: pl.Struct = PERSON) -> tuple[list[Any], list[Any]]:
    with object_type(dtype):
        value = JSON_TO_OBJECT.compile([Value(pl.col("t"), pl.String())])
    assert value.dtype == dtype and value.error is not None
    frame = pl.DataFrame({"t": texts}, schema={"t": pl.String})
    out = frame.select(value.expr.alias("value"), value.error.alias("error"))
    return out["value"].to_list(), out["error"].to_list()


def test_the_documented_example_is_typed_from_the_constant() -> None:
    text = '{"info":{"firstName":"John","lastName": "Doe"}}'
    value = JSON_TO_OBJECT.compile([const(text, pl.String())])
    assert value.dtype == pl.Struct(
        {"info": pl.Struct({"firstName": pl.String, "lastName": pl.String})}
    )
    assert value.constant == json.loads(text)
    frame = pl.DataFrame({"n": [1, 2]})
    got = frame.select(value.expr.alias("o"), "n")["o"].to_list()
    assert got == [json.loads(text)] * 2
    assert JSON_TO_OBJECT.scalar(text) == json.loads(text)


def test_a_column_is_decoded_to_the_destination_type() -> None:
    texts = [
        '{"name": "Zoë 🌍", "age": 41, "tags": ["a", "b"], "address": {"city": "Köln"}}',
        '  {"age": 3, "unknown": true}  ',
        "{}",
        None,
    ]
    got, errors = decode(texts)
    assert got == [
        {"name": "Zoë 🌍", "age": 41, "tags": ["a", "b"], "address": {"city": "Köln"}},
        {"name": None, "age": 3, "tags": None, "address": None},
        {"name": None, "age": None, "tags": None, "address": None},
        None,
    ]
    assert errors == [None] * 4


def test_bad_rows_are_null_with_an_error_and_the_others_kept() -> None:
    texts = [
        '{"name": "ok"}',
        "not json",
        '{"age": 1} trailing',
        "[1, 2]",
        "42",
        '"text"',
        "null",
        "",
        '{"age": "forty"}',
        '{"address": 3}',
        '{"name": "ok"}',
    ]
    got, errors = decode(texts)
    ok = {"name": "ok", "age": None, "tags": None, "address": None}
    assert got == [ok, *[None] * 9, ok]
    assert errors == [
        None,
        NOT_JSON,
        NOT_JSON,
        NOT_OBJECT,
        NOT_OBJECT,
        NOT_OBJECT,
        None,  # the JSON null is a null object
        NOT_JSON,
        MISFIT,
        MISFIT,
        None,
    ]


def test_the_destination_type_wins_over_the_constants_own() -> None:
    dtype = pl.Struct({"a": pl.Float64})
    with object_type(dtype):
        value = JSON_TO_OBJECT.compile([const('{"a": 1, "b": 2}', pl.String())])
    assert value.dtype == dtype
    assert pl.select(value.expr).to_series().to_list() == [{"a": 1.0}]


def test_an_object_passes_through_and_null_stays_null() -> None:
    struct = Value(pl.col("o"), pl.Struct({"x": pl.Int64}))
    assert JSON_TO_OBJECT.compile([struct]) is struct
    null = JSON_TO_OBJECT.compile([Value(pl.lit(None), pl.Null())])
    assert null.dtype == pl.Null
    with object_type(PERSON):
        typed = JSON_TO_OBJECT.compile([Value(pl.lit(None), pl.Null())])
    assert typed.dtype == PERSON
    assert pl.select(typed.expr).to_series().to_list() == [None]
    assert JSON_TO_OBJECT.scalar(None) is None


@pytest.mark.parametrize(
    ("value", "message"),
    [
        (Value(pl.col("t"), pl.String()), "type of the object is unknown"),
        (Value(pl.col("n"), pl.Int64()), "must be a text"),
        (const("[1]", pl.String()), NOT_OBJECT),
        (const("{oops", pl.String()), NOT_JSON),
        (const('{"a": [1, "x"]}', pl.String()), "does not fit one type"),
    ],
)
def test_what_cannot_compile(value: Value, message: str) -> None:
    with pytest.raises(ExpressionError, match=message):
        JSON_TO_OBJECT.compile([value])


@pytest.mark.parametrize(
    ("text", "expected"),
    [('{"a": [1, {"b": null}]}', {"a": [1, {"b": None}]}), ("[1]", None), ("x", None)],
)
def test_the_reference(text: str, expected: Any) -> None:
    assert JSON_TO_OBJECT.scalar(text) == expected
