"""Helpers of the validate stage (:mod:`headwater.engine.validate`): checks and error codes."""

from __future__ import annotations

from headwater.engine.validation.checks import Check, build_checks
from headwater.engine.validation.report import (
    BAD_LENGTH,
    ERRORS_SCHEMA,
    INVALID_DATE,
    NOT_IN_ENUM,
    OUT_OF_BOUNDS,
    PATTERN_MISMATCH,
    REQUIRED_MISSING,
)

__all__ = [
    "BAD_LENGTH",
    "ERRORS_SCHEMA",
    "INVALID_DATE",
    "NOT_IN_ENUM",
    "OUT_OF_BOUNDS",
    "PATTERN_MISMATCH",
    "REQUIRED_MISSING",
    "Check",
    "build_checks",
]
