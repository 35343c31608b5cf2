"""JSON: ``json_to_object(STRING)`` turns the text of a JSON object into an object.

An object is a ``pl.Struct``, and a column has one type that must be known when the expression
compiles (later calls such as ``.get("key")`` are typed against it). It comes from, first:

1. the destination: the mapping compiler knows the XDM type of the field an expression writes
   and compiles an expression whose outermost call is ``json_to_object`` inside
   ``with object_type(dtype):``. Fields of the JSON that the type lacks are dropped, missing
   ones are null, as XDM ingestion does anyway;
2. else a constant text: parsed when the expression compiles, its type inferred by Polars
   (``json_to_object("{\\"a\\": 1}")``);
3. an argument that already is an object is returned as it is.

A column of texts with neither is an :class:`ExpressionError`. We chose not to infer the type
from the data of each batch: fields absent from one batch would change the type from batch to
batch (and file to file), and the compiled expression could not be typed at all.

Per row, null stays null (the JSON ``null`` too), and a text that is not JSON, JSON that is not
an object, or a value that does not fit its field's type (text where a number is expected)
gives null and an error. A batch is decoded at once by Polars; only when that fails are its
distinct texts decoded one by one to find the rows at fault.
"""

from __future__ import annotations

import json
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from contextvars import ContextVar
from functools import partial
from typing import Any

import polars as pl

from headwater.dataprep.functions._kernels import map_distinct
from headwater.dataprep.functions.registry import FunctionDef, Param
from headwater.dataprep.values import ExpressionError, Value

CATEGORY = "JSON"
NOT_JSON = "the text is not JSON"
NOT_OBJECT = "the JSON is not an object"
MISFIT = "a value of the JSON does not fit the type of its field"
_NOT_JSON = object()
_OBJECT_TYPE: ContextVar[pl.Struct | None] = ContextVar("json_object_type", default=None)


@contextmanager
def object_type(dtype: pl.Struct) -> Iterator[None]:
    """Compile the ``json_to_object`` calls inside to objects of type ``dtype``.

    Args:
        dtype: The type of the destination the expression writes.
    """
    token = _OBJECT_TYPE.set(dtype)
    try:
        yield
    finally:
        _OBJECT_TYPE.reset(token)


def _compile(args: Sequence[Value]) -> Value:
    arg, dtype = args[0], _OBJECT_TYPE.get()
    if isinstance(arg.dtype, pl.Struct):
        return arg
    if arg.dtype == pl.Null:
        return arg if dtype is None else Value(pl.lit(None, dtype=dtype), dtype)
    if arg.dtype != pl.String:
        raise ExpressionError(f"json_to_object: STRING must be a text, not {arg.dtype}")
    if arg.is_constant:
        return _constant(arg.constant, dtype)
    if dtype is None:
        raise ExpressionError(
            "json_to_object: the type of the object is unknown; give a constant JSON text or "
            "map the result to an object field"
        )
    kernel = partial(_decode_batch, dtype=dtype)
    result = arg.expr.map_batches(kernel, _result_dtype(dtype), is_elementwise=True)
    return Value(result.struct.field("value"), dtype, error=result.struct.field("error"))


def _constant(text: str | None, dtype: pl.Struct | None) -> Value:
    parsed = None if text is None else _loads(text)
    if parsed is _NOT_JSON:
        raise ExpressionError(f"json_to_object: {NOT_JSON}")
    if parsed is not None and not isinstance(parsed, dict):
        raise ExpressionError(f"json_to_object: {NOT_OBJECT}")
    try:
        series = pl.Series([parsed], dtype=dtype)
    except (pl.exceptions.PolarsError, TypeError, ValueError) as exc:
        reason = str(exc).splitlines()[0]
        raise ExpressionError(
            f"json_to_object: the object does not fit one type: {reason}"
        ) from exc
    return Value(pl.lit(series).first(), series.dtype, constant=parsed)


def _result_dtype(dtype: pl.DataType) -> pl.Struct:
    return pl.Struct({"value": dtype, "error": pl.String})


def _decode_batch(texts: pl.Series, dtype: pl.Struct) -> pl.Series:
    frame = texts.rename("text").to_frame()
    json_text = pl.col("text").str.json_path_match("$")
    is_null = pl.col("text").str.strip_chars() == "null"
    is_object = pl.col("text").str.strip_chars_start().str.starts_with("{")
    checked = frame.select(
        text=pl.when(json_text.is_not_null() & is_object).then(pl.col("text")),
        error=pl.when(json_text.is_null() & ~is_null)
        .then(pl.lit(NOT_JSON))
        .when(json_text.is_not_null() & ~is_object)
        .then(pl.lit(NOT_OBJECT)),
    )
    text, error = checked.get_column("text"), checked.get_column("error")
    try:
        value = text.str.json_decode(dtype)
    except pl.exceptions.ComputeError:
        decoded = map_distinct(text, partial(_decode_one, dtype=dtype), _result_dtype(dtype))
        value = decoded.struct.field("value")
        error = error.fill_null(decoded.struct.field("error"))
    return pl.DataFrame({"value": value, "error": error}).to_struct(texts.name)


def _decode_one(text: str, dtype: pl.Struct) -> dict[str, Any]:
    try:
        value = pl.Series([text]).str.json_decode(dtype).item()
    except pl.exceptions.ComputeError:
        return {"value": None, "error": MISFIT}
    return {"value": value, "error": None}


def _loads(text: str) -> Any:
    try:
        return json.loads(text)
    except ValueError:
        return _NOT_JSON


def _scalar(text: str | None) -> dict[str, Any] | None:
    """The object a JSON text stands for; None for null, non-JSON or non-object texts."""
    if text is None:
        return None
    parsed = _loads(text)
    return parsed if isinstance(parsed, dict) else None


_EXAMPLE = r'json_to_object("{\"info\": {\"firstName\": \"John\", \"lastName\": \"Doe\"}}")'
FUNCTIONS: tuple[FunctionDef, ...] = (
    FunctionDef(
        name="json_to_object",
        category=CATEGORY,
        description="Deserialize JSON content from the given string.",
        syntax="Object json_to_object(String)",
        return_type="java.lang.Object",
        example=_EXAMPLE,
        result='{"info": {"firstName": "John", "lastName": "Doe"}}',
        params=(Param("STRING", "The JSON string to be deserialized."),),
        compile=_compile,
        scalar=_scalar,
    ),
)
