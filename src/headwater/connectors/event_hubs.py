"""Azure Event Hubs (streaming source)."""

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

_NAMESPACE = "The Event Hubs namespace to access."
_HUB = "Name of the event hub the credentials are scoped to."


class EventHubSas(AuthParams):
    """defines auth params required for connecting to eventhub with a shared access key"""

    sas_key_name: str = param("Name of the authorization rule (SAS key name).")
    sas_key: str = secret("The shared access key of the rule.")
    namespace: str = param(_NAMESPACE)
    event_hub_name: str | None = param(_HUB + " Only for SAS keys scoped to one hub.", default=None)
    endpoint: str | None = param(
        "Host of a self-hosted endpoint (e.g. localhost:5672 for the Event Hubs emulator); "
        "defaults to {namespace}.servicebus.windows.net.",
        default=None,
    )


class EventHubAad(AuthParams):
    """defines auth params required for connecting to eventhub with Azure Active Directory"""

    tenant_id: str = param("Tenant (directory) id of the application.")
    client_id: str = param("Application (client) id.")
    client_secret_value: str = secret("Client secret of the application.")
    namespace: str = param(_NAMESPACE)


class EventHubScopedAad(EventHubAad):
    """defines auth params required for connecting to one event hub with Azure Active Directory"""

    event_hub_name: str = param(_HUB)


class EventHubSourceParams(StreamSourceParams):
    """Defines params required when an eventhub connection is used as a source in a flow."""

    event_hub_name: str = param("Name of the event hub to read.")
    consumer_group: str | None = param(
        "Consumer group to read with (one flow per consumer group). Default $Default.",
        default=None,
    )


SPEC = ConnectorSpec(
    id="bf9f5905-92b7-48bf-bf20-455bc6b60a4e",
    name="eventhub",
    label="Azure Event Hubs",
    category="Streaming",
    provider_id=STREAMING_PROVIDER_ID,
    auth_specs=(
        AuthSpec("Azure EventHub authentication credentials", "SasKeyAuthentication", EventHubSas),
        AuthSpec("Event Hub Azure Active Directory Auth", "AzureActiveDirectory", EventHubAad),
        AuthSpec(
            "Event Hub Scoped Azure Active Directory Auth",
            "AzureActiveDirectory",
            EventHubScopedAad,
        ),
    ),
    source_params=EventHubSourceParams,
    is_streaming=True,
    formats=STREAM_FORMATS,
    icon="azureEventHubs",
)
