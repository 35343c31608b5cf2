"""Scenario tests run against a real ``headwater serve`` process (see ``support.live_server``)."""

from support.fixtures import live_server, live_tenant

__all__ = ["live_server", "live_tenant"]
