"""Where datasets live: one Delta table per dataset under a root path or object-store URI."""

from __future__ import annotations

import os
import re
from dataclasses import dataclass, field

from headwater.errors import InvalidField

_SEGMENT = re.compile(r"^[A-Za-z0-9@._-]+$")


@dataclass(frozen=True)
class LakeConfig:
    """The lake's location.

    Attributes:
        root: A local directory (``/var/lib/headwater/lake``) or an object-store URI that
            deltalake understands (``s3://bucket/prefix``, ``az://container/prefix``,
            ``gs://bucket/prefix``, ``abfss://…``).
        storage_options: Passed to deltalake as is (``AWS_ENDPOINT_URL``,
            ``AWS_ACCESS_KEY_ID``, ``AZURE_STORAGE_ACCOUNT_NAME``, …); ``None`` for local paths
            or credentials from the environment.
    """

    root: str
    storage_options: dict[str, str] | None = field(default=None, repr=False)


def is_uri(location: str) -> bool:
    """Whether ``location`` names an object store (``scheme://…``) rather than a local path."""
    return "://" in location


def table_uri(config: LakeConfig, org_id: str, sandbox_id: str, dataset_id: str) -> str:
    """The URI of a dataset's table: ``{root}/{org_id}/{sandbox_id}/datasets/{dataset_id}``.

    Raises:
        InvalidField: an id is empty, ``.``/``..``, or holds characters other than letters,
            digits, ``@``, ``.``, ``_`` and ``-`` (so no id can climb out of its folder).
    """
    for name, value in (("orgId", org_id), ("sandboxId", sandbox_id), ("datasetId", dataset_id)):
        if not _SEGMENT.match(value) or value in (".", ".."):
            raise InvalidField(name, f"{value!r} cannot name a lake folder")
    root = config.root if is_uri(config.root) else os.path.abspath(config.root)
    return "/".join([root.rstrip("/"), org_id, sandbox_id, "datasets", dataset_id])
