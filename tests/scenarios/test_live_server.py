"""The live server fixture itself: a real process that answers with the platform's gateway."""

from __future__ import annotations

import httpx


def test_live_server_serves_the_api_to_a_cli_created_tenant(live_server):
    reply = httpx.get(
        f"{live_server.base_url}/data/foundation/flowservice/connections",
        headers=live_server.headers(),
        timeout=30,
    )
    assert reply.status_code == 200, reply.text
    assert reply.json()["items"] == []
    assert live_server.process.poll() is None


def test_live_server_refuses_calls_without_a_token(live_server):
    headers = {k: v for k, v in live_server.headers().items() if k != "Authorization"}
    reply = httpx.get(
        f"{live_server.base_url}/data/foundation/flowservice/connections",
        headers=headers,
        timeout=30,
    )
    assert reply.status_code == 403
    assert reply.json() == {"error_code": "403010", "message": "Oauth token is missing."}
