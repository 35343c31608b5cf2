"""The auth params of Azure Storage connections: checking them, and parsing their URLs.

The connectors check the params when they are built (``open_connector``): the spec models
accept any text, as the platform's tutorials show placeholders such as ``{URL}``. The checks
raise ``ValueError`` naming the rule, never the value (it may hold a secret), and
:func:`field_errors` turns those into :class:`~headwater.errors.InvalidField`.

Three forms of host are understood in URLs:

* Azure's own, ``{account}.blob.{suffix}`` or ``{account}.dfs.{suffix}`` (``suffix`` is
  ``core.windows.net`` or a sovereign cloud's). Both are read through the **blob** endpoint:
  ADLS Gen2 accounts serve their data through the Blob API too (multi-protocol access), so a
  ``dfs`` URL is mapped to its ``blob`` twin.
* Path-style, for emulators such as Azurite: an IP address or ``localhost``, the account name
  being the first path segment (``http://127.0.0.1:10000/devstoreaccount1``).
* Any other host (a custom domain) is used as it is; the account name is then unknown.

After the account, a URL may name a container (ADLS: a file system) and a folder below it, to
which the connection is then restricted.
"""

from __future__ import annotations

import base64
import binascii
import ipaddress
import re
from collections.abc import Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any, TypeVar
from urllib.parse import parse_qs, unquote, urlsplit

from pydantic import ValidationError

from headwater.connectors._errors import INVALID_VALUE, raise_invalid
from headwater.connectors.spec import AuthParams
from headwater.errors import InvalidField

M = TypeVar("M", bound=AuthParams)

_AZURE_HOST = re.compile(r"^(?P<account>[a-z0-9]+)\.(?P<service>blob|dfs)\.(?P<suffix>.+)$")
_ACCOUNT = re.compile(r"^[A-Za-z0-9]{1,64}$")
# 3-63 lower-case letters, digits and single hyphens; or one of the reserved containers.
_CONTAINER = re.compile(r"^(?:\$root|\$web|\$logs|[a-z0-9](?:[a-z0-9]|-(?!-)){1,61}[a-z0-9])$")
_TENANT = re.compile(r"^[A-Za-z0-9.-]{1,256}$")
_BAD_CHARS = re.compile(r"[\s\x00-\x1f\x7f\\]")


def validate_auth_params(auth_params: Mapping[str, Any], models: Sequence[type[M]]) -> M:
    """Validate ``auth_params`` against the auth model they fit best.

    A connector is given the params, not the auth spec's name: the model sharing the most
    parameter names with them is taken (the first one on a tie).

    Raises:
        InvalidField: as ``validate_auth`` does, never quoting a value.
    """
    given = dict(auth_params)
    model = max(models, key=lambda m: len(given.keys() & _aliases(m)))
    try:
        return model.model_validate(given)
    except ValidationError as exc:
        raise_invalid(exc, prefix="auth.params", model=model)


@dataclass(frozen=True)
class StorageUrl:
    """A parsed storage URL; ``account_url`` is the blob endpoint, without query or container."""

    account_url: str
    account_name: str | None
    container: str | None = None
    folder: str = ""
    query: str = ""
    suffix: str | None = None


def parse_storage_url(url: str) -> StorageUrl:
    """Parse an account, container or folder URL (a SAS token in its query is kept apart).

    Raises:
        ValueError: naming the rule that ``url`` breaks (never quoting it).
    """
    value = url.strip()
    if _BAD_CHARS.search(value):
        raise ValueError("must be a URL without spaces, backslashes or control characters")
    try:
        parts = urlsplit(value)
        port = f":{parts.port}" if parts.port else ""
    except ValueError:
        raise ValueError("must be a valid http:// or https:// URL (check host and port)") from None
    host = (parts.hostname or "").lower()
    if parts.scheme.lower() not in ("http", "https") or not host:
        raise ValueError("must be an http:// or https:// URL of a storage account")
    if "@" in parts.netloc:
        raise ValueError("must not contain a user name or password")
    scheme = parts.scheme.lower()
    segments = [unquote(segment) for segment in parts.path.split("/") if segment]
    azure = _AZURE_HOST.match(host)
    suffix: str | None = None
    if azure is not None:
        account: str | None = azure["account"]
        suffix = azure["suffix"]
        base = f"{scheme}://{account}.blob.{suffix}{port}"
    elif _is_path_style(host):
        if not segments:
            raise ValueError("must name the account after the host: http://{host}:{port}/{account}")
        account = segments.pop(0)
        base = f"{scheme}://{_bracketed(host)}{port}/{account}"
    else:
        account, base = None, f"{scheme}://{host}{port}"
    if account is not None and not _ACCOUNT.match(account):
        raise ValueError("names an invalid storage account (letters and digits only)")
    container = segments[0] if segments else None
    if container is not None and not is_valid_container(container):
        raise ValueError("names an invalid container (3-63 lower-case letters, digits, hyphens)")
    return StorageUrl(base, account, container, "/".join(segments[1:]), parts.query, suffix)


def is_valid_container(name: str) -> bool:
    """Whether ``name`` can be a container (ADLS: file system) name."""
    return bool(_CONTAINER.match(name))


def parse_sas_uri(value: str) -> StorageUrl:
    """Parse a SAS URI; its ``query`` is the shared access signature.

    Raises:
        ValueError: when it is no storage URL, or its query has no signature (``sig``).
    """
    url = parse_storage_url(value)
    if not parse_qs(url.query).get("sig"):
        raise ValueError("must contain a shared access signature (a query with sig=...)")
    return url


def parse_account_url(value: str, *, https: bool = False, named: bool = False) -> StorageUrl:
    """Parse an account URL (``url``): no query, https or the account's name when asked.

    Raises:
        ValueError: naming the rule that ``value`` breaks.
    """
    url = parse_storage_url(value)
    if url.query:
        raise ValueError("must not have a query (?...); a shared access signature goes in sasUri")
    if https and not url.account_url.startswith("https://"):
        raise ValueError("must be an https:// URL (tokens are only sent over https)")
    if named and url.account_name is None:
        raise ValueError("must show the account name: https://{account}.dfs.core.windows.net")
    return url


def check_account_key(value: str) -> str:
    """``value`` without surrounding blanks, when it is base64 (as storage account keys are)."""
    key = value.strip()
    try:
        decoded = base64.b64decode(key, validate=True)
    except (binascii.Error, ValueError):
        decoded = b""
    if not decoded:
        raise ValueError("must be a base64-encoded storage account key")
    return key


def check_connection_string(value: str) -> str:
    """``value`` without surrounding blanks, when it is ``Name=value;...`` settings (an account
    key being base64)."""
    pairs = [part.split("=", 1) for part in value.strip().rstrip(";").split(";")]
    if any(len(pair) != 2 or not pair[0].strip() for pair in pairs):
        raise ValueError("must be a storage connection string: Name=value;Name=value;...")
    settings = {name.strip().lower(): setting for name, setting in pairs}
    if "accountkey" in settings:
        try:
            check_account_key(settings["accountkey"])
        except ValueError:
            raise ValueError("has an AccountKey that is not base64-encoded") from None
    return value.strip()


def check_tenant(value: str) -> str:
    """``value`` without surrounding blanks, when it is a tenant id or a domain name."""
    tenant = value.strip()
    if not _TENANT.match(tenant):
        raise ValueError("must be a tenant id or a domain name (letters, digits, '.' and '-')")
    return tenant


@contextmanager
def field_errors(field: str) -> Iterator[None]:
    """Turn the ``ValueError`` of a check into an :class:`InvalidField` for ``field``."""
    try:
        yield
    except ValueError as exc:
        raise InvalidField(field, str(exc), code=INVALID_VALUE) from None


def _aliases(model: type[AuthParams]) -> set[str]:
    return {info.alias or name for name, info in model.model_fields.items()}


def _is_path_style(host: str) -> bool:
    if host == "localhost":
        return True
    try:
        ipaddress.ip_address(host)
    except ValueError:
        return False
    return True


def _bracketed(host: str) -> str:
    return f"[{host}]" if ":" in host else host
