"""The map stage: input record batches to the dataset's XDM shape, vectorised.

Compile a mapping set once per run with :func:`compile_mapping` (``None`` for XDM-shaped
input), then :meth:`CompiledMapping.apply` each Arrow batch: the result's ``rows`` have exactly
the dataset's Arrow schema plus ``_hw_row``, and ``errors`` lists row problems with the
codes in :mod:`headwater.engine.mapping.errors`. Values convert to their field's XDM type with
the rules in :mod:`headwater.engine.mapping.coerce` and :mod:`headwater.engine.mapping.temporal`.
"""

from __future__ import annotations

from headwater.engine.mapping.compile import CompiledMapping, compile_mapping
from headwater.engine.mapping.errors import (
    CONVERSION_FAILED,
    ERRORS_SCHEMA,
    EXPRESSION_FAILED,
    OUT_OF_RANGE,
    ROW_COLUMN,
    TYPE_MISMATCH,
)
from headwater.engine.mapping.rules import MappingRule, RuleKind, rule_kind, rules_from_mapping_set
from headwater.engine.mapping.run import MappedBatch
from headwater.engine.mapping.sources import SOURCE_COMPILERS

__all__ = [
    "CONVERSION_FAILED",
    "ERRORS_SCHEMA",
    "EXPRESSION_FAILED",
    "OUT_OF_RANGE",
    "ROW_COLUMN",
    "SOURCE_COMPILERS",
    "TYPE_MISMATCH",
    "CompiledMapping",
    "MappedBatch",
    "MappingRule",
    "RuleKind",
    "compile_mapping",
    "rule_kind",
    "rules_from_mapping_set",
]
