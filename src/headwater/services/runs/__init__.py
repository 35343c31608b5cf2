"""Run lifecycle: create (scheduled, on demand, re-trigger), process, record, recover."""

from headwater.services.runs.lifecycle import (
    SYSTEM_CLIENT,
    claim_due_flows,
    create_run,
    process_run,
    recover_stale_runs,
    retrigger_run,
    runnable_runs,
)

__all__ = [
    "SYSTEM_CLIENT",
    "claim_due_flows",
    "create_run",
    "process_run",
    "recover_stale_runs",
    "retrigger_run",
    "runnable_runs",
]
