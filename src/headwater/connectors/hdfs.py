"""Hadoop Distributed File System (through WebHDFS)."""

from __future__ import annotations

from headwater.connectors.spec import (
    CLOUD_STORAGE_PROVIDER_ID,
    AuthParams,
    AuthSpec,
    ConnectorSpec,
    FileSourceParams,
    param,
)


class HdfsAnonymous(AuthParams):
    """defines auth params required for connecting to hdfs anonymously"""

    url: str = param("URL of the HDFS (WebHDFS) endpoint, e.g. http://namenode:9870.")


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
