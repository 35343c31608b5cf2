"""Data Prep: the calculated-field expression language (text → AST → vectorised Polars).

* :func:`parse` — text to a syntax tree (:mod:`headwater.dataprep.ast`), syntax errors with
  their line and column;
* :func:`compile_expression` — a tree or text to one :class:`Value` (a Polars expression, its
  type, its per-row errors) over batches of a given Polars schema; :func:`check_expression`
  checks what does not depend on the input;
* :func:`evaluate` — the plain-Python reference evaluator (one record at a time), for tests;
* :func:`function_catalogue` / :func:`operator_catalogue` — what the language offers, as
  ``GET /languages/el/functions`` and ``/operators`` list it.
"""

from headwater.dataprep.catalogue import function_catalogue, operator_catalogue
from headwater.dataprep.compile import check_expression, compile_expression
from headwater.dataprep.functions.json import object_type
from headwater.dataprep.parse import MAX_LENGTH, parse
from headwater.dataprep.scalar import evaluate
from headwater.dataprep.values import NOT_CONSTANT, ExpressionError, Value

__all__ = [
    "MAX_LENGTH",
    "NOT_CONSTANT",
    "ExpressionError",
    "Value",
    "check_expression",
    "compile_expression",
    "evaluate",
    "function_catalogue",
    "object_type",
    "operator_catalogue",
    "parse",
]
