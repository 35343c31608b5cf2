"""Hierarchies - Objects: building objects and reading their keys and values.

An object is a ``pl.Struct``, so its keys are known when the expression compiles: ``to_object``
and ``arrays_to_object`` need constant keys, and a key given twice keeps its first value.
``arrays_to_object`` zips parallel arrays into an array of objects as long as the longest one
(shorter arrays pad with null; a null array reads as empty; all null gives null). An object's
null field counts as absent (``get_keys``, ``is_empty``), as in the JSON the platform writes.
``str_to_object`` parses keys that only the data knows, so it returns a map (see
``_key_value_text``); ``x.get("k")``, compiled as ``get(x, "k")``, reads an object's field (null
when it has none), a map's key or an array's index. ``contains_key`` checks a source path given
as a constant text (``a.b.c``, ``\\.`` escapes a dot) in the whole input row: true where the
value there is set (not null), false where it is null or the input has no such field.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from functools import partial
from typing import Any

import polars as pl

from headwater.dataprep.functions import _key_value_text as text
from headwater.dataprep.functions._hierarchy import (
    canonical_map,
    is_map,
    lookup,
    lookup_scalar,
    map_keys,
    size_expr,
    size_scalar,
    zip_lists,
)
from headwater.dataprep.functions._hierarchy_types import (
    constant_key,
    define,
    fields_of,
    java_str,
    list_inner,
    or_empty,
)
from headwater.dataprep.functions.registry import FunctionDef, Param
from headwater.dataprep.values import ExpressionError, Value

CATEGORY = "Hierarchies - Objects"
_OBJECT = "java.lang.Object"
_STRING = "java.lang.String"
_MAP = "java.util.Map"


def _pairs(args: Sequence[Value], *, function: str) -> dict[str, Value]:
    """Constant keys and their values, each key once (the first wins)."""
    if len(args) % 2:
        raise ExpressionError(f"{function}: expects key and value pairs (an even number)")
    pairs: dict[str, Value] = {}
    for key, value in zip(args[::2], args[1::2], strict=True):
        pairs.setdefault(constant_key(key, function=function), value)
    return pairs


def _pairs_scalar(args: Sequence[Any]) -> dict[str, Any]:
    pairs: dict[str, Any] = {}
    for key, value in zip(args[::2], args[1::2], strict=True):
        pairs.setdefault(java_str(key), value)
    return pairs


def _to_object(args: Sequence[Value]) -> Value:
    pairs = _pairs(args, function="to_object")
    fields = [value.expr.alias(name) for name, value in pairs.items()]
    return Value(pl.struct(fields), pl.Struct({k: v.dtype for k, v in pairs.items()}))


def _to_object_scalar(*args: Any) -> dict[str, Any]:
    return _pairs_scalar(args)


def _arrays_to_object(args: Sequence[Value]) -> Value:
    pairs = _pairs(args, function="arrays_to_object")
    names = list(pairs)
    inners = [list_inner(v, function="arrays_to_object", what=n) for n, v in pairs.items()]
    lists = [or_empty(v.expr, t) for v, t in zip(pairs.values(), inners, strict=True)]
    every_null = pl.all_horizontal([value.expr.is_null() for value in pairs.values()])
    zipped = pl.when(every_null).then(None).otherwise(zip_lists(names, lists, inners))
    return Value(zipped, pl.List(pl.Struct(dict(zip(names, inners, strict=True)))))


def _arrays_to_object_scalar(*args: Any) -> list[dict[str, Any]] | None:
    pairs = _pairs_scalar(args)
    if all(items is None for items in pairs.values()):
        return None
    width = max(len(items or ()) for items in pairs.values())
    return [
        {k: items[i] if items and i < len(items) else None for k, items in pairs.items()}
        for i in range(width)
    ]


def _is_empty(args: Sequence[Value]) -> Value:
    (value,) = args
    if value.dtype.is_nested() or value.dtype in (pl.String, pl.Null):
        return Value(size_expr(value, function="is_empty") == 0, pl.Boolean())
    return Value(value.expr.is_null(), pl.Boolean())


def _is_empty_scalar(value: Any) -> bool:
    if isinstance(value, str | list | dict) or value is None:
        return size_scalar(value) == 0
    return False


def _get_keys(args: Sequence[Value]) -> Value:
    (value,) = args
    if is_map(value.dtype):
        keys = map_keys(canonical_map(value.expr))
    elif isinstance(value.dtype, pl.Struct) and fields_of(value.dtype):
        names = [
            pl.when(value.expr.struct.field(name).is_not_null()).then(pl.lit(name))
            for name in fields_of(value.dtype)
        ]
        keys = (
            pl.when(value.expr.is_null())
            .then(None)
            .otherwise(pl.concat_list(names).list.drop_nulls())
        )
    elif value.dtype == pl.Null:
        keys = pl.lit(None)
    else:
        raise ExpressionError(f"get_keys: expected an object or a map, not {value.dtype}")
    return Value(keys, pl.List(pl.String))


def _get_keys_scalar(value: dict[str, Any] | None) -> list[str] | None:
    return None if value is None else [key for key, item in value.items() if item is not None]


_SEGMENT = re.compile(r"(?:\\.|[^.\\])+")


def _contains_key(args: Sequence[Value]) -> Value:
    # The input row as JSON, read with a JSON path: a path the input lacks at any depth is
    # simply not found, where pl.col / struct.field would fail on a schema without it.
    path = constant_key(args[0], function="contains_key", what="path")
    segments = [segment.replace("\\.", ".") for segment in _SEGMENT.findall(path)]
    if not segments:
        raise ExpressionError("contains_key: the path is empty")
    json_path = "$" + "".join("['" + s.replace("'", "\\'") + "']" for s in segments)
    row = pl.struct(pl.all()).struct.json_encode()
    return Value(row.str.json_path_match(json_path).is_not_null(), pl.Boolean())


def _nullify(args: Sequence[Value]) -> Value:
    return Value(pl.lit(None), pl.Null(), constant=None)


def _nullify_scalar() -> None:
    return None


def _get(args: Sequence[Value]) -> Value:
    return lookup(args[0], args[1])


_define = partial(define, CATEGORY)


_PAIRS = Param(
    "keysAndValues", "Keys and values, alternating", "[Ljava.lang.Object;", variadic=True
)
_VALUE_DELIMITER = Param(
    "valueDelimiter", 'The delimiter between a key and its value (default ":")', optional=True
)
_FIELD_DELIMITER = Param(
    "fieldDelimiter", 'The delimiter between key/value pairs (default ",")', optional=True
)

FUNCTIONS: tuple[FunctionDef, ...] = (
    _define(
        "is_empty",
        (
            "Function to check whether an object, array, map or text is empty (or null).",
            "boolean is_empty(Object)",
            "is_empty([1, null, 2, 3])",
            "false",
        ),
        (Param("input", "The value to check", _OBJECT),),
        _is_empty,
        _is_empty_scalar,
        return_type="java.lang.Boolean",
    ),
    _define(
        "arrays_to_object",
        (
            "Function to zip parallel arrays into a list of objects, one key per array.",
            "List arrays_to_object(Object...)",
            "arrays_to_objects('sku', explode(\"id1|id2\", '\\\\|'), 'price', [22.5, 14.35])",
            '[{"sku": "id1", "price": 22.5}, {"sku": "id2", "price": 14.35}]',
        ),
        (_PAIRS,),
        _arrays_to_object,
        _arrays_to_object_scalar,
        return_type="java.util.List",
        aliases=("arrays_to_objects",),
    ),
    _define(
        "to_object",
        (
            "Function to create an object from flat key/value pairs.",
            "Map to_object(Object...)",
            'to_object("firstName", "John", "lastName", "Doe")',
            '{"firstName": "John", "lastName": "Doe"}',
        ),
        (_PAIRS,),
        _to_object,
        _to_object_scalar,
        return_type=_MAP,
    ),
    _define(
        "str_to_object",
        (
            "Function to create an object (a map of texts) from a text of key/value pairs.",
            "Map str_to_object(String, String, String)",
            'str_to_object("firstName=John,lastName=Doe,phone=123 456 7890", "=", ",")',
            '{"firstName": "John", "lastName": "Doe", "phone": "123 456 7890"}',
        ),
        (Param("input", "The text to parse"), _VALUE_DELIMITER, _FIELD_DELIMITER),
        text.str_to_object,
        text.parse_scalar,
        return_type=_MAP,
    ),
    _define(
        "get",
        (
            "Function to read the value of a key of an object or map (or an element of an array).",
            "Object get(Object, Object)",
            'str_to_object("firstName - John ; phone - 123", "-", ";").get("firstName")',
            '"John"',
        ),
        (Param("input", "The object, map or array", _OBJECT), Param("key", "The key", _OBJECT)),
        _get,
        lookup_scalar,
        return_type=_OBJECT,
    ),
    _define(
        "contains_key",
        (
            "Function to check whether a path exists (is set) in the source data.",
            "boolean contains_key(String)",
            'contains_key("evars.evar.field1")',
            "true",
        ),
        (Param("input", "The path to check"),),
        _contains_key,
        None,
        return_type="java.lang.Boolean",
    ),
    _define(
        "nullify",
        (
            "Function to set the value of the attribute to null (do not copy the field).",
            "Object nullify()",
            "nullify()",
            "null",
        ),
        (),
        _nullify,
        _nullify_scalar,
        return_type=_OBJECT,
    ),
    _define(
        "get_keys",
        (
            "Function to return the keys of an object or map.",
            "List get_keys(Object)",
            'get_keys({"book1": "Pride and Prejudice", "book2": "1984"})',
            '["book1", "book2"]',
        ),
        (Param("input", "The object or map", _OBJECT),),
        _get_keys,
        _get_keys_scalar,
        return_type="java.util.List",
    ),
    _define(
        "get_values",
        (
            "Function to parse key/value pairs in a text and return the value of the given key.",
            "String get_values(String, String, String, String)",
            'get_values("firstName - John , lastName - Cena , phone - 555 420 8692", '
            '"firstName", "-", ",")',
            '"John"',
        ),
        (
            Param("input", "The text to parse"),
            Param("key", "The key whose value to return"),
            Param("valueDelimiter", 'The delimiter between a key and its value (null: ":")'),
            _FIELD_DELIMITER,
        ),
        text.get_values,
        text.get_values_scalar,
        return_type=_STRING,
    ),
)
