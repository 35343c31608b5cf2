"""The data lake target: datasets (Delta tables). A dataset base connection takes no auth."""

from __future__ import annotations

from headwater.connectors.spec import (
    CLOUD_STORAGE_PROVIDER_ID,
    DATA_LAKE_SPEC_ID,
    TARGET_FORMATS,
    ConnectorSpec,
    SourceParams,
    param,
)


class DataLakeTargetParams(SourceParams):
    """Defines params required when the data lake is used as the target of a flow."""

    data_set_id: str = param("Id of the target dataset (Catalog).")


SPEC = ConnectorSpec(
    id=DATA_LAKE_SPEC_ID,
    name="datalake",
    label="Data Lake",
    category="Database",
    provider_id=CLOUD_STORAGE_PROVIDER_ID,
    auth_specs=(),
    source_params=None,
    is_source=False,
    is_target=True,
    formats=TARGET_FORMATS,
    icon="dataLake",
    target_params=DataLakeTargetParams,
)
