"""A server's warm-up: the engine's libraries imported, the heap left out of full collections."""

from __future__ import annotations

import gc
import sys

from headwater.engine.warm import warm_up


def test_warm_up_imports_the_data_plane_and_freezes_the_heap() -> None:
    gc.unfreeze()
    try:
        warm_up()
        assert {"polars", "deltalake", "pyarrow.compute", "headwater.engine.pipeline"} <= set(
            sys.modules
        )
        assert gc.get_freeze_count() > 10_000  # the modules and classes made so far
    finally:
        gc.unfreeze()
