"""The scheduler loop. Safe with several instances: every claim is a conditional UPDATE in the
shared database (``services.runs``); this process only remembers what its own pool is running."""

from __future__ import annotations

import logging
import os
import socket
import threading
from concurrent.futures import ThreadPoolExecutor

from headwater import clock
from headwater.runtime import Runtime
from headwater.services import runs
from headwater.services.keys import Keys
from headwater.services.runs import wake
from headwater.settings import Settings
from headwater.store import Database

log = logging.getLogger("headwater.scheduler")


class Scheduler:
    """Every tick: start runs of due flows, then give queued (or orphaned) runs to workers."""

    def __init__(self, db: Database, settings: Settings, keys: Keys, runtime: Runtime) -> None:
        self.db, self.settings, self.keys, self.runtime = db, settings, keys, runtime
        self.worker_id = f"{socket.gethostname()}-{os.getpid()}-{id(self):x}"[:64]
        self._pool = ThreadPoolExecutor(settings.max_parallel_runs, thread_name_prefix="run")
        self._in_flight: set[str] = set()
        self._lock = threading.Lock()
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None

    def start(self) -> None:
        self._pool.submit(self.runtime.warm_up)
        self._thread = threading.Thread(target=self._loop, name="scheduler", daemon=True)
        self._thread.start()

    def stop(self) -> None:
        self._stop.set()
        wake.wake()
        if self._thread is not None:
            self._thread.join(timeout=10)
        self._pool.shutdown(wait=True, cancel_futures=True)

    def tick(self) -> None:
        now = clock.now_s()
        runs.claim_due_flows(self.db, now=now)
        free = self.settings.max_parallel_runs - len(self._in_flight)
        if free <= 0:
            return
        for run_id in runs.runnable_runs(self.db, now=now, limit=free + len(self._in_flight)):
            with self._lock:
                if (
                    run_id in self._in_flight
                    or len(self._in_flight) >= self.settings.max_parallel_runs
                ):
                    continue
                self._in_flight.add(run_id)
            self._pool.submit(self._process, run_id)

    def _loop(self) -> None:
        while not self._stop.is_set():
            wake.wait(self.settings.scheduler_tick_seconds)  # a tick, or sooner when woken
            if self._stop.is_set():
                return
            try:
                self.tick()
            except Exception:  # the loop must survive a bad tick (e.g. the database restarting)
                log.exception("scheduler tick failed")

    def _process(self, run_id: str) -> None:
        try:
            runs.process_run(
                self.db,
                self.settings,
                self.keys,
                run_id,
                worker=self.worker_id,
                execute=self.runtime.execute,
            )
        except Exception:
            log.exception("run %s failed unexpectedly", run_id)
        finally:
            with self._lock:
                self._in_flight.discard(run_id)
