"""Exploring and testing a base connection: ``GET /connections/{id}/explore`` and ``/test``.

The connection is looked up in the caller's organisation and sandbox (another sandbox's id is
not found, ``1101``), its ``auth.params`` are decrypted here and only here, and the connector is
built with :func:`~headwater.connectors.open_connector`; no storage I/O happens while the
metadata transaction is open.

``check_connection`` runs the connector's ``check`` in a daemon thread and waits at most
``timeout`` seconds: a server that never answers makes the test fail with code ``1104`` instead
of holding the request (the abandoned check ends at the connector's own timeouts). A failure's
reason is the connector error's message, which never quotes a credential; the values of the
connection's secret parameters are masked in it all the same.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass
from typing import Any

from cryptography.fernet import Fernet

from headwater import connectors
from headwater.errors import HeadwaterError
from headwater.services.explore.browse import FolderPage
from headwater.services.explore.explore import explore
from headwater.services.explore.query import ExploreQuery
from headwater.services.flow_service import connections
from headwater.services.flow_service import resources as res
from headwater.services.flow_service.secrets import MASK, decrypt_params
from headwater.services.landing_zone.container import CONTAINER_NAME, sandbox_dir
from headwater.settings import Settings
from headwater.store import Connection, Database, Scope

CHECK_TIMEOUT = 20.0
TIMED_OUT = "1104"
_MIN_SECRET = 4  # shorter values would mask ordinary words of a message


@dataclass(frozen=True)
class ConnectionCheck:
    """The outcome of testing a connection: ``result``, and why not with its error code."""

    result: bool
    reason: str | None = None
    code: str | None = None


@dataclass(frozen=True)
class _Opened:
    connector: connectors.Connector
    secrets: tuple[str, ...]


def explore_connection(
    db: Database,
    settings: Settings,
    fernet: Fernet,
    scope: Scope,
    connection_id: str,
    query: ExploreQuery,
) -> FolderPage | dict[str, Any]:
    """Explore a base connection (see :func:`headwater.services.explore.explore`).

    Raises:
        NotFound: ``1101`` when the connection is not in the caller's sandbox.
        ConnectorUnsupported: ``1385`` when its spec cannot be read from.
        HeadwaterError: the errors of :func:`~headwater.services.explore.explore`.
    """
    opened = _open(db, settings, fernet, scope, connection_id)
    return explore(opened.connector, query)


def check_connection(
    db: Database,
    settings: Settings,
    fernet: Fernet,
    scope: Scope,
    connection_id: str,
    *,
    timeout: float = CHECK_TIMEOUT,
) -> ConnectionCheck:
    """Whether the connection's credentials and location work, within ``timeout`` seconds.

    Raises:
        NotFound: ``1101`` when the connection is not in the caller's sandbox.
        ConnectorUnsupported: ``1385`` when its spec cannot be read from (nothing to test).
    """
    opened = _open(db, settings, fernet, scope, connection_id)
    failure = _within(opened.connector.check, timeout)
    if failure is None:
        return ConnectionCheck(result=True)
    if isinstance(failure, TimeoutError):
        reason = f"The storage system did not answer within {timeout:g} seconds."
        return ConnectionCheck(result=False, reason=reason, code=TIMED_OUT)
    return ConnectionCheck(
        result=False, reason=_masked(failure.message, opened.secrets), code=failure.code
    )


def _open(
    db: Database, settings: Settings, fernet: Fernet, scope: Scope, connection_id: str
) -> _Opened:
    with db.transaction() as session:
        record = res.load(session, scope, connections.KIND, connection_id)
        assert isinstance(record, Connection)
        spec_id, ciphertext = record.spec_id, record.auth_ciphertext
        spec_name = (record.body.get("auth") or {}).get("specName")
    params = decrypt_params(fernet, ciphertext)
    spec = connectors.get_spec(spec_id)
    names = connectors.secret_fields(spec, spec_name) if spec_name else frozenset()
    secrets = tuple(str(params[n]) for n in names if len(str(params.get(n) or "")) >= _MIN_SECRET)
    root = str(sandbox_dir(settings, scope) / CONTAINER_NAME)
    connector = connectors.open_connector(spec_id, params, landing_zone_root=root)
    return _Opened(connector, secrets)


def _within(call: Any, timeout: float) -> HeadwaterError | TimeoutError | None:
    """Run ``call`` in a daemon thread; its error, a TimeoutError past ``timeout``, or None."""
    outcome: list[HeadwaterError | None] = []

    def run() -> None:
        try:
            call()
            outcome.append(None)
        except HeadwaterError as exc:
            outcome.append(exc)
        except Exception as exc:  # the connector translates its errors; be safe anyway
            outcome.append(HeadwaterError(f"The check failed ({type(exc).__name__})."))

    thread = threading.Thread(target=run, name="headwater-connection-check", daemon=True)
    thread.start()
    thread.join(timeout)
    return outcome[0] if outcome else TimeoutError()


def _masked(message: str, secrets: tuple[str, ...]) -> str:
    for secret in secrets:
        message = message.replace(secret, MASK)
    return message
