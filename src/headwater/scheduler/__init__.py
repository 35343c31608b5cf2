"""The clock side: start due runs, hand runnable runs to a bounded pool of workers."""

from headwater.scheduler.loop import Scheduler

__all__ = ["Scheduler"]
