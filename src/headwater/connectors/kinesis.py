"""Amazon Kinesis Data Streams (streaming source; also moto's Kinesis)."""

from __future__ import annotations

from headwater.connectors.spec import (
    STREAM_FORMATS,
    STREAMING_PROVIDER_ID,
    AuthParams,
    AuthSpec,
    ConnectorSpec,
    StreamSourceParams,
    param,
    secret,
)


class KinesisCredentials(AuthParams):
    """defines auth params required for connecting to kinesis"""

    access_key_id: str = param("Access key id of the user account.")
    secret_key: str = secret("Secret access key of the user account.")
    region: str = param("AWS region of the stream, e.g. us-east-1.")
    service_url: str | None = param(
        "Kinesis endpoint of a self-hosted service (e.g. http://localhost:5000); defaults to "
        "AWS's endpoint for the region.",
        default=None,
    )


class KinesisSourceParams(StreamSourceParams):
    """Defines params required when a kinesis connection is used as a source in a flow."""

    stream: str = param("Name of the Kinesis data stream to read.")


SPEC = ConnectorSpec(
    id="86043421-563b-46ec-8e6c-e23184711bf6",
    name="kinesis",
    label="Amazon Kinesis",
    category="Streaming",
    provider_id=STREAMING_PROVIDER_ID,
    auth_specs=(
        AuthSpec("Aws Kinesis authentication credentials", "AccessKey", KinesisCredentials),
    ),
    source_params=KinesisSourceParams,
    is_streaming=True,
    formats=STREAM_FORMATS,
    icon="amazonKinesis",
)
