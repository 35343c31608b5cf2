"""Hadoop Distributed File System (through WebHDFS)."""

from __future__ import annotations

from dataclasses import dataclass
from urllib.parse import urlsplit

from headwater.connectors.endpoints import check_host
from headwater.connectors.spec import (
    CLOUD_STORAGE_PROVIDER_ID,
    AuthParams,
    AuthSpec,
    ConnectorSpec,
    FileSourceParams,
    param,
)

# Scheme → whether it is HTTPS; the defaults of Hadoop 3 (dfs.namenode.http(s)-address).
_SCHEMES = {"http": False, "webhdfs": False, "https": True, "swebhdfs": True}
DEFAULT_PORTS = {False: 9870, True: 9871}
API_PATH = "/webhdfs/v1"


class HdfsAnonymous(AuthParams):
    """defines auth params required for connecting to hdfs anonymously"""

    url: str = param(
        "URL of the NameNode's WebHDFS endpoint (or of an HttpFS gateway), e.g. "
        "http://namenode:9870; also webhdfs:// (http) and swebhdfs:// (https). A user name "
        "(http://hdfs@namenode:9870) is sent as user.name, for clusters with simple "
        "authentication (a headwater extension)."
    )


@dataclass(frozen=True)
class HdfsEndpoint:
    """Where a connection's WebHDFS API is, parsed from its ``url`` (an IPv6 host in [])."""

    host: str
    port: int
    https: bool
    user: str | None = None


def parse_hdfs_url(url: str) -> HdfsEndpoint:
    """The endpoint that ``url`` names (see :class:`HdfsAnonymous`).

    Raises:
        ValueError: naming the rule that ``url`` breaks (never quoting it).
    """
    try:
        parts = urlsplit(url.strip())
        port = parts.port
    except ValueError:
        raise ValueError("must be a valid URL (check the host and port)") from None
    https = _SCHEMES.get(parts.scheme.lower())
    if https is None:
        raise ValueError("must start with http://, https://, webhdfs:// or swebhdfs://")
    if parts.password is not None:
        raise ValueError("must not contain a password (WebHDFS simple authentication has none)")
    if parts.query or parts.fragment:
        raise ValueError("must not have a query (?...) or a fragment (#...)")
    if parts.path.rstrip("/") not in ("", API_PATH):
        raise ValueError(f"must have no path other than {API_PATH}")
    if not parts.hostname:
        raise ValueError("must name the NameNode's host, e.g. http://namenode:9870")
    host = check_host(parts.hostname)
    if port == 0:
        raise ValueError("must not use port 0")
    return HdfsEndpoint(
        host=f"[{host}]" if ":" in host else host,
        port=port or DEFAULT_PORTS[https],
        https=https,
        user=parts.username or None,
    )


SPEC = ConnectorSpec(
    id="54e221aa-d342-4707-bcff-7a4bceef0001",
    name="hdfs",
    label="HDFS",
    category="CloudStorage",
    provider_id=CLOUD_STORAGE_PROVIDER_ID,
    auth_specs=(AuthSpec("Anonymous Authentication", "Anonymous", HdfsAnonymous),),
    source_params=FileSourceParams,
    icon="hdfs",
)
