"""Routes of ``/languages/el`` (reference §6.1): the calculated-field expression language."""

from __future__ import annotations

from typing import Any

from headwater.api.data_prep import router
from headwater.api.data_prep.models import (
    ExpressionRequest,
    ExpressionValidated,
    FunctionInfo,
    OperatorInfo,
)
from headwater.services import data_prep


@router.get(
    "/languages/el/functions",
    response_model=list[FunctionInfo],
    summary="List the functions of the expression language",
)
def list_functions() -> list[dict[str, Any]]:
    return data_prep.list_functions()


@router.get(
    "/languages/el/operators",
    response_model=list[OperatorInfo],
    summary="List the operators of the expression language",
)
def list_operators() -> list[dict[str, Any]]:
    return data_prep.list_operators()


@router.post(
    "/languages/el/validate",
    response_model=ExpressionValidated,
    summary="Validate an expression (400 with the line and column of the problem)",
)
def validate_expression(body: ExpressionRequest) -> dict[str, Any]:
    return data_prep.validate_expression(body.model_dump(exclude_unset=True))
