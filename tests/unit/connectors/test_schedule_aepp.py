"""Schedules as the aepp SDK sends them."""

from __future__ import annotations

from headwater.connectors import CLOUD_STORAGE_FLOW_SPEC_ID, get_flow_spec, validate_schedule


def test_once_with_zero_interval_means_no_interval():
    spec = get_flow_spec(CLOUD_STORAGE_FLOW_SPEC_ID)
    schedule = validate_schedule(
        spec, {"startTime": "1700000000", "frequency": "once", "interval": 0}
    )
    assert schedule == {"startTime": 1700000000, "frequency": "once"}
