"""Data Landing Zone: the platform's own drop container; no base connection, no credentials."""

from __future__ import annotations

from headwater.connectors.spec import CLOUD_STORAGE_PROVIDER_ID, ConnectorSpec, FileSourceParams

SPEC = ConnectorSpec(
    id="26f526f2-58f4-4712-961d-e41bf1ccc0e8",
    name="landing-zone",
    label="Data Landing Zone",
    category="CloudStorage",
    provider_id=CLOUD_STORAGE_PROVIDER_ID,
    auth_specs=(),
    source_params=FileSourceParams,
    needs_base_connection=False,
    icon="dataLandingZone",
)
