"""Paying a process's one-time costs before its first run rather than during it.

The first run in a fresh process would otherwise also import Polars, deltalake and s3fs, and
let pyarrow import pandas (it does so lazily the first time it converts a Python object,
~1 s). A server calls :func:`warm_up` once, in the background, when it starts.
"""

from __future__ import annotations

import importlib
import logging

log = logging.getLogger(__name__)

_MODULES = ("polars", "deltalake", "pyarrow.compute", "pyarrow.ipc", "s3fs", "duckdb")


def warm_up() -> None:
    """Import the data plane's libraries and run each once on a tiny input (never raises)."""
    try:
        for name in _MODULES:
            importlib.import_module(name)
        import polars as pl
        import pyarrow as pa  # type: ignore[import-untyped]

        from headwater.engine import pipeline  # noqa: F401  (the engine's own modules)

        pl.from_arrow(pa.record_batch({"a": pa.array([1])}))
    except Exception:  # a missing optional library only means no warm-up for it
        log.debug("warm-up incomplete", exc_info=True)
