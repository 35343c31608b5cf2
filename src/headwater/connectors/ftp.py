"""FTP servers."""

from __future__ import annotations

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


class FtpPassword(AuthParams):
    """defines auth params required for connecting to ftp"""

    host: str = param("The name or IP address of the FTP server.")
    user_name: str = param("The user who has access to the FTP server.")
    password: str = secret("The password of the user (userName).")
    port: int = port_param(21, "Port of the FTP server. Default 21.")


SPEC = ConnectorSpec(
    id="fb2e94c9-c031-467d-8103-6bd6e0a432f2",
    name="ftp",
    label="FTP",
    category="CloudStorage",
    provider_id=CLOUD_STORAGE_PROVIDER_ID,
    auth_specs=(AuthSpec("Basic Authentication for FTP", "BasicAuthentication", FtpPassword),),
    source_params=FileSourceParams,
    icon="ftp",
)
