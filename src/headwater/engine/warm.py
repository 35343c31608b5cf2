"""Paying a process's one-time costs before its first run rather than during it.

The first run in a fresh process would otherwise also import Polars, deltalake and s3fs, and
let pyarrow import pandas (it does so lazily the first time it converts a Python object,
~1 s). A server calls :func:`warm_up` once, in the background, when it starts; it ends by
freezing the heap made so far out of the garbage collector's way.
"""

from __future__ import annotations

import atexit
import gc
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
    _freeze_the_heap()


def _freeze_the_heap() -> None:
    """Leave the objects made so far (modules, classes, the app: ~230,000) out of the cyclic
    garbage collector's full passes: each took ~150-200 ms holding Python's lock, stalling a
    run's threads and the API whenever it came (measured in a server between runs)."""
    gc.collect()
    gc.freeze()
    atexit.register(gc.unfreeze)  # collectable again at exit, as native libraries expect
