"""SFTP servers (password or SSH public key authentication)."""

from __future__ import annotations

from pydantic import Field

from headwater.connectors.spec import (
    CLOUD_STORAGE_PROVIDER_ID,
    AuthParams,
    AuthSpec,
    ConnectorSpec,
    FileSourceParams,
    param,
    port_param,
    secret,
)


class _SftpServer(AuthParams):
    host: str = param("Specify the name or IP address of the SFTP server.")
    port: int = port_param(22, "Port of the SFTP server. Default 22.")
    user_name: str = param("Specify the user who has access to the SFTP server.")
    max_concurrent_connections: int | None = Field(
        None,
        ge=1,
        description="Maximum number of concurrent connections to the server; must be at least 1 "
        "and below the server's limit.",
    )
    folder_path: str | None = param("Folder to restrict access to.", default=None)


class SftpPassword(_SftpServer):
    """defines auth params required for connecting to sftp"""

    password: str = secret("Specify the password for the user (userName).")


class SftpPublicKey(_SftpServer):
    """defines auth params required for connecting to sftp using SSH public key authentication"""

    private_key_content: str = secret(
        "Base64-encoded content of the SSH private key (OpenSSH RSA/DSA key, "
        "-----BEGIN RSA PRIVATE KEY-----)."
    )
    pass_phrase: str | None = secret(
        "Pass phrase of the private key, if it is encrypted.", default=None
    )


SPEC = ConnectorSpec(
    id="b7bf2577-4520-42c9-bae9-cad01560f7bc",
    name="sftp",
    label="SFTP",
    category="CloudStorage",
    provider_id=CLOUD_STORAGE_PROVIDER_ID,
    auth_specs=(
        AuthSpec("Basic Authentication for sftp", "BasicAuthentication", SftpPassword),
        AuthSpec(
            "SSH PublicKey Authentication for sftp", "SSHPublicKeyAuthentication", SftpPublicKey
        ),
    ),
    source_params=FileSourceParams,
    icon="sftp",
)
