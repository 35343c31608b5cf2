"""Where a run executes. Only plain, picklable ``RunPlan``s cross this boundary, so a
distributed runtime (a Dask cluster) can take the local one's place."""

from __future__ import annotations

from typing import Protocol

from headwater.engine import RunOutcome, RunPlan


class Runtime(Protocol):
    def execute(self, plan: RunPlan) -> RunOutcome:
        """Run ``plan`` to its end and return what happened."""
        ...

    def warm_up(self) -> None:
        """Prepare to execute plans (called once, in the background, when a server starts)."""
        ...


class LocalRuntime:
    """Runs plans in the calling thread (the scheduler's worker pool bounds concurrency)."""

    def execute(self, plan: RunPlan) -> RunOutcome:
        from headwater.engine.pipeline import execute

        return execute(plan)

    def warm_up(self) -> None:
        """Pay the engine's one-time start-up costs now (imports), not in the first run."""
        from headwater.engine.warm import warm_up

        warm_up()


__all__ = ["LocalRuntime", "Runtime"]
