"""Time in the units the platform uses (epoch milliseconds for audit fields)."""

from __future__ import annotations

import time


def now_ms() -> int:
    return int(time.time() * 1000)


def now_s() -> int:
    return int(time.time())
