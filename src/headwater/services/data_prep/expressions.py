"""The expression language's endpoints: ``/languages/el/functions``, ``/operators``, ``/validate``.

``validate`` compiles the expression the way a run would, against the fields of
``sampleData`` when given (one JSON record, or a list of them, as an object or its JSON text),
otherwise against an input without fields (types are then only known for literals).
"""

from __future__ import annotations

import json
from typing import Any

import polars as pl

from headwater import dataprep
from headwater.errors import BadRequest, InvalidField

Doc = dict[str, Any]
INVALID_EXPRESSION = "1105"


def list_functions() -> list[Doc]:
    """Every function of the language (``GET /languages/el/functions``)."""
    return dataprep.function_catalogue()


def list_operators() -> list[Doc]:
    """Every operator of the language (``GET /languages/el/operators``)."""
    return dataprep.operator_catalogue()


def validate_expression(body: Any) -> Doc:
    """``{validationStatus: "succeeded", error: "none"}``, or ``BadRequest`` saying where.

    Raises:
        InvalidField: the body has no ``expression`` string.
        BadRequest: the expression does not compile (``details``: line, column, message).
    """
    expression = body.get("expression") if isinstance(body, dict) else None
    if not isinstance(expression, str):
        raise InvalidField("expression", "the expression to validate is required (a string)")
    schema = _sample_schema(body.get("sampleData"))
    try:
        dataprep.compile_expression(expression, schema)
    except dataprep.ExpressionError as error:
        raise expression_problem(expression, error) from None
    return {"validationStatus": "succeeded", "error": "none"}


def expression_problem(expression: str, error: dataprep.ExpressionError) -> BadRequest:
    """The 400 for an expression that does not compile."""
    line, column = error.position or (1, 1)
    return BadRequest(
        f"Invalid expression: {error.located}",
        code=INVALID_EXPRESSION,
        details={
            "expression": expression,
            "line": line,
            "column": column,
            "message": error.message,
        },
    )


def _sample_schema(sample: Any) -> dict[str, pl.DataType]:
    if isinstance(sample, str):
        try:
            sample = json.loads(sample)
        except ValueError:
            raise InvalidField("sampleData", "must be a JSON record (or its text)") from None
    if sample is None:
        return {}
    records = sample if isinstance(sample, list) else [sample]
    if not records or not all(isinstance(one, dict) for one in records):
        raise InvalidField("sampleData", "must be a JSON record or a list of records")
    try:
        return dict(pl.DataFrame(records).schema)
    except (TypeError, ValueError, pl.exceptions.PolarsError) as error:
        raise InvalidField("sampleData", f"its records do not share types: {error}") from None
