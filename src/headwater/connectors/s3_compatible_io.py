"""Reading from stores that speak the S3 API but are not Amazon S3 (GCS interop, Oracle, ...).

:class:`S3CompatibleConnector` is the S3 connector (:mod:`headwater.connectors.s3_io`) with two
differences that such stores need:

* botocore (since 1.36) adds AWS-only checksum headers to requests and validates checksums in
  responses whenever an operation supports it; Google Cloud Storage rejects some of them
  (``SignatureDoesNotMatch``) and other stores do the same, so checksums are used only where an
  operation requires them, as before;
* a store may need path-style URLs (``https://host/bucket/key``) or a signing region that the
  S3 connector cannot guess from a non-AWS URL.

A backend validates its own ``auth.params`` model and maps it onto :class:`S3AccessKey`.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from pydantic import BaseModel, ValidationError

from headwater.connectors._errors import raise_invalid
from headwater.connectors.s3 import S3AccessKey
from headwater.connectors.s3_io import S3Connector

_Model = TypeVar("_Model", bound=BaseModel)


class S3CompatibleConnector(S3Connector):
    """An S3 connector to a store other than Amazon S3."""

    def __init__(
        self,
        params: S3AccessKey,
        *,
        region: str | None = None,
        path_style: bool = False,
        **options: Any,
    ) -> None:
        super().__init__(params, **options)
        # s3fs builds its client on first use, from these settings.
        self.fs.config_kwargs.update(
            request_checksum_calculation="when_required",
            response_checksum_validation="when_required",
        )
        if path_style:
            self.fs.config_kwargs["s3"] = {"addressing_style": "path"}
        if region:
            self.fs.client_kwargs["region_name"] = region


def validated(model: type[_Model], auth_params: Mapping[str, Any]) -> _Model:
    """``auth_params`` checked against ``model`` (errors name the field, never the value).

    Raises:
        InvalidField: when a parameter is missing, unknown or invalid.
    """
    try:
        return model.model_validate(dict(auth_params))
    except ValidationError as exc:
        raise_invalid(exc, prefix="auth.params", model=model)


def s3_params(**values: str | None) -> S3AccessKey:
    """The :class:`S3AccessKey` of another store's params (field names in snake case).

    Raises:
        InvalidField: when a value breaks a rule of the S3 model (e.g. ``serviceUrl`` is not an
            http(s) URL); the field is named by its S3 name, which is the same for the fields
            these stores share (``serviceUrl``, ``bucketName``, ``folderPath``).
    """
    fields = S3AccessKey.model_fields
    try:
        return S3AccessKey.model_validate({fields[k].alias or k: v for k, v in values.items()})
    except ValidationError as exc:
        raise_invalid(exc, prefix="auth.params", model=S3AccessKey)
