"""Reading files from SFTP servers through sshfs (asyncssh), with a password or an SSH key.

Paths are absolute paths on the server (``/upload/leads/*.tsv``); with ``folderPath`` they must
lie at or below that folder (``..`` segments are refused everywhere).

* Authentication is exactly the one the connection names: a password (``password``), or a
  private key (``privateKeyContent``: the base64 of an OpenSSH or PEM key file, or the file's
  text itself; ``passPhrase`` when it is encrypted). The SSH agent, the local ``~/.ssh`` keys
  and config, keyboard-interactive and GSS authentication are never used. Encrypted keys in the
  OpenSSH format need ``bcrypt``, which is not a dependency: they are refused with a message
  that says how to convert them to PEM.
* Host keys are not verified (any host key is accepted), as the platform does: a connection
  names a host and credentials, never a host key to pin.
* One SSH connection per connector, opened on first use and again after a connection failure;
  ``maxConcurrentConnections`` bounds the SFTP channels opened on it (default 8).
* Timeouts: connecting and logging in are bounded (``connect_timeout``), and SSH keepalives
  (every ``keepalive_interval`` seconds) detect a server that stopped answering in the middle of
  a read, which then fails as a transient :class:`SourceUnavailable`.
* A file's version is its size and modification time. SFTP version 3 (OpenSSH's) gives times in
  whole seconds, so a rewrite of the same size within the same second keeps its version.
* Listings skip symbolic links to folders (no cycles) and list links to files under their own
  names, with their targets' size and time.
"""

from __future__ import annotations

import base64
import binascii
from collections.abc import Iterator, Mapping
from typing import Any

import asyncssh
import sshfs  # type: ignore[import-untyped]
from pydantic import ValidationError

from headwater.connectors._errors import INVALID_VALUE, raise_invalid
from headwater.connectors._remote import RemoteConnector, check_host, classify_network
from headwater.connectors.errors import InvalidSourcePath
from headwater.connectors.fsspec_base import Entry
from headwater.connectors.paths import split_segments
from headwater.connectors.sftp import SftpPassword, SftpPublicKey
from headwater.connectors.translate import Problem
from headwater.errors import InvalidField

DEFAULT_CHANNELS = 8
_SHELL_CHANNELS = 2  # sshfs reserves two channels for shell commands (never opened here)

_KEY_ERRORS = (asyncssh.KeyImportError, asyncssh.KeyEncryptionError)
_DISCONNECT_TRANSIENT = {
    asyncssh.DISC_TOO_MANY_CONNECTIONS: "the server has too many connections",
    asyncssh.DISC_SERVICE_NOT_AVAILABLE: "the service is not available",
    asyncssh.DISC_CONNECTION_LOST: "the connection was lost",
    asyncssh.DISC_BY_APPLICATION: "the server closed the connection",
}


class SftpConnector(RemoteConnector):
    """A connector to one SFTP server, authenticated by password."""

    system = "The SFTP server"
    credentials_hint = "Check userName and password."

    def __init__(
        self,
        params: SftpPassword | SftpPublicKey,
        *,
        connect_timeout: float = 30.0,
        keepalive_interval: float = 15.0,
        keepalive_count_max: int = 4,
    ) -> None:
        super().__init__()
        self._params = params
        self._host = check_host(params.host)
        self._folder = _folder(params.folder_path)
        self._key = (
            _key_bytes(params.private_key_content) if isinstance(params, SftpPublicKey) else None
        )
        self._options: dict[str, Any] = {
            "connect_timeout": connect_timeout,
            "login_timeout": connect_timeout,
            "keepalive_interval": keepalive_interval,
            "keepalive_count_max": keepalive_count_max,
        }

    @classmethod
    def from_auth(cls, auth_params: Mapping[str, Any], **options: Any) -> SftpConnector:
        """Build a connector from ``auth.params`` (camelCase names, secrets decrypted).

        The params of SSH public key authentication are those with ``privateKeyContent``.
        """
        model: type[SftpPassword | SftpPublicKey]
        model = SftpPublicKey if "privateKeyContent" in auth_params else SftpPassword
        try:
            params = model.model_validate(dict(auth_params))
        except ValidationError as exc:
            raise_invalid(exc, prefix="auth.params", model=model)
        if isinstance(params, SftpPublicKey):
            return SftpKeyConnector(params, **options)
        return cls(params, **options)

    def _connect(self) -> Any:
        channels = self._params.max_concurrent_connections or DEFAULT_CHANNELS
        return sshfs.SSHFileSystem(
            self._host,
            port=self._params.port,
            username=self._params.user_name,
            known_hosts=None,  # host keys are not verified (see the module docstring)
            config=[],
            agent_path=None,
            kbdint_auth=False,
            gss_auth=False,
            max_sessions=channels + _SHELL_CHANNELS,
            timeout=2 * float(self._options["connect_timeout"]) + 5,
            skip_instance_cache=True,
            **self._options,
            **self._credentials(),
        )

    def _credentials(self) -> dict[str, Any]:
        if self._key is None:
            assert isinstance(self._params, SftpPassword)
            return {"password": self._params.password, "client_keys": None}
        assert isinstance(self._params, SftpPublicKey)
        try:
            key = asyncssh.import_private_key(self._key, self._params.pass_phrase)
        except _KEY_ERRORS as exc:
            if "bcrypt" not in str(exc):
                raise
            raise InvalidField(
                "auth.params.privateKeyContent",
                "is an encrypted key in the OpenSSH format, which needs the 'bcrypt' package "
                "(not installed); convert it to PEM (ssh-keygen -p -m PEM -f KEY)",
                code=INVALID_VALUE,
            ) from None
        return {"client_keys": [key], "password_auth": False}

    def _disconnect(self, fs: Any) -> None:
        fs.loop.call_soon_threadsafe(fs.client.close)

    def _to_fs_path(self, path: str) -> str:
        inside = path == self._folder or path.startswith(self._folder + "/")
        if self._folder and not inside:
            raise InvalidSourcePath(
                f"The path '/{path}' is outside the folder '/{self._folder}' that this "
                "connection is restricted to."
            )
        return "/" + path

    def _to_public_path(self, fs_path: str) -> str:
        return "/" + fs_path.strip("/")

    def _location(self) -> str:
        return "/" + self._folder

    def _check(self) -> None:
        if self._info(self._location()).get("type") != "directory":
            raise NotADirectoryError(self._location())

    def _walk(self, fs_dir: str, *, recursive: bool) -> Iterator[Entry]:
        for entry in super()._walk(fs_dir, recursive=recursive):
            if entry.get("type") != "link":
                yield entry
                continue
            try:
                target = self._info(entry["name"])
            except FileNotFoundError:  # a dangling link
                continue
            if target.get("type") == "file":
                yield {**target, "name": entry["name"]}

    def _classify_specific(self, exc: BaseException) -> Problem | None:
        return _classify(exc) or classify_network(exc)


class SftpKeyConnector(SftpConnector):
    """A connector to one SFTP server, authenticated by an SSH key."""

    credentials_hint = "Check userName, privateKeyContent and passPhrase."


def _classify(exc: BaseException) -> Problem | None:
    if isinstance(exc, _KEY_ERRORS):
        return Problem("auth", "the private key could not be read or decrypted")
    if isinstance(exc, asyncssh.PermissionDenied):
        return Problem("auth", "the user name or its password or key was refused")
    if isinstance(exc, asyncssh.SFTPPermissionDenied):
        return Problem("auth", "permission denied")
    if isinstance(exc, (asyncssh.SFTPNoSuchFile, asyncssh.SFTPNoSuchPath)):
        return Problem("not_found", "no such file or folder")
    if isinstance(exc, asyncssh.SFTPNotADirectory):
        return Problem("not_found", "a file is where a folder was expected")
    if isinstance(exc, (asyncssh.SFTPConnectionLost, asyncssh.SFTPNoConnection)):
        return Problem("transient", "the connection was lost")
    if isinstance(exc, asyncssh.DisconnectError) and exc.code in _DISCONNECT_TRANSIENT:
        return Problem("transient", _DISCONNECT_TRANSIENT[exc.code])
    return None


def _folder(folder_path: str | None) -> str:
    try:
        return "/".join(split_segments(folder_path or ""))
    except InvalidSourcePath as exc:
        raise InvalidField("auth.params.folderPath", exc.message, code=INVALID_VALUE) from None


def _key_bytes(content: str) -> bytes:
    text = content.strip()
    if text.startswith("-----BEGIN") or text.startswith("PuTTY-User-Key-File"):
        return text.encode()
    try:
        return base64.b64decode("".join(text.split()), validate=True)
    except (binascii.Error, ValueError):
        raise InvalidField(
            "auth.params.privateKeyContent",
            "must be the base64-encoded content of an SSH private key file",
            code=INVALID_VALUE,
        ) from None


def connect(
    auth_params: Mapping[str, Any], *, landing_zone_root: str | None = None
) -> SftpConnector:
    """The factory of the connector table (``landing_zone_root`` is not used)."""
    return SftpConnector.from_auth(auth_params)
