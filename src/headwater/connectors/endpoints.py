"""Checked types for the auth params that name a server: URLs (``serviceUrl``) and host names.

A connection's endpoint decides where its credentials are sent, so it is checked when the
connection is created (and again when a connector is built):

* :data:`HttpUrl` — an ``http://`` or ``https://`` URL with a host, an optional port and path,
  and nothing else: no user name or password (credentials have parameters of their own, which
  are encrypted and masked), no query or fragment, no spaces or control characters;
* :data:`HostName` — a DNS name or an IP address, without scheme, user, port or path.

Error messages describe the rule, never the value (it may hold a password).
"""

from __future__ import annotations

import ipaddress
import re
from typing import Annotated
from urllib.parse import urlsplit

from pydantic import AfterValidator

_SCHEMES = frozenset({"http", "https"})
_LABEL = r"[A-Za-z0-9_](?:[A-Za-z0-9_-]{0,61}[A-Za-z0-9_])?"
_DNS_NAME = re.compile(rf"^{_LABEL}(?:\.{_LABEL})*\.?$")
_BAD_CHARS = re.compile(r"[\s\x00-\x1f\x7f\\]")
_MAX_NAME = 253


def check_http_url(value: str) -> str:
    """``value`` when it is an http(s) URL of a server (see the module docstring).

    Raises:
        ValueError: naming the rule that ``value`` breaks.
    """
    if _BAD_CHARS.search(value):
        raise ValueError("must be a URL without spaces, backslashes or control characters")
    try:
        parts = urlsplit(value)
        port = parts.port
    except ValueError:
        raise ValueError(
            "must be a valid http:// or https:// URL (check the host and port)"
        ) from None
    if parts.scheme.lower() not in _SCHEMES:
        raise ValueError("must start with http:// or https://")
    if "@" in parts.netloc:
        raise ValueError(
            "must not contain a user name or password; credentials have their own parameters"
        )
    if not parts.hostname or not _is_host(parts.hostname):
        raise ValueError("must name a valid host, e.g. https://s3.us-east-1.amazonaws.com")
    if port == 0:
        raise ValueError("must not use port 0")
    if parts.query or parts.fragment or value.endswith(("?", "#")):
        raise ValueError("must not have a query (?...) or a fragment (#...)")
    return value


def check_host(value: str) -> str:
    """``value`` when it is a host name or an IP address (see the module docstring).

    Raises:
        ValueError: naming the rule that ``value`` breaks.
    """
    host = value.strip()
    if "://" in host:
        raise ValueError("must be a host name or IP address, without a scheme such as sftp://")
    if "@" in host:
        raise ValueError("must be a host name without a user name; use the user parameter")
    if not _is_host(host.removeprefix("[").removesuffix("]")):
        raise ValueError(
            "must be a host name or IP address, without a port or path (the port has its own "
            "parameter)"
        )
    return host


def _is_host(host: str) -> bool:
    try:
        ipaddress.ip_address(host)
    except ValueError:
        return len(host) <= _MAX_NAME and bool(_DNS_NAME.match(host))
    return True


HttpUrl = Annotated[str, AfterValidator(check_http_url)]
HostName = Annotated[str, AfterValidator(check_host)]
