"""Validating the ``data`` and ``params`` of source and target connections against their spec."""

from __future__ import annotations

from typing import Any

from pydantic import ValidationError

from headwater.connectors._errors import INVALID_VALUE, MISSING, raise_invalid, require_object
from headwater.connectors.spec import DATA_LAKE_SPEC_ID, ConnectorSpec, SourceParams
from headwater.errors import BadRequest, InvalidField

COMPRESSION_TYPES: tuple[str, ...] = ("bzip2", "gzip", "deflate", "zipDeflate", "tarGzip", "tar")
COMPRESSIBLE_FORMATS: tuple[str, ...] = ("delimited", "json")
ENCODINGS: tuple[str, ...] = ("UTF-8", "ISO-8859-1")

INVALID_SPEC = "1413"
TARGET_NOT_DATA_LAKE = "1307"
DATASET_ID_MISSING = "1325"
UNSUPPORTED_FORMAT = "1327"
MULTI_CHAR_DELIMITER = "1331"


def _canonical(value: Any, allowed: tuple[str, ...], field: str, code: str) -> str:
    if isinstance(value, str):
        for option in allowed:
            if option.casefold() == value.strip().casefold():
                return option
    raise InvalidField(field, f"must be one of: {', '.join(allowed)}", code=code)


def _check_delimiter(value: Any, field: str) -> str:
    if not isinstance(value, str) or len(value) != 1:
        size = f" (got {len(value)} characters)" if isinstance(value, str) else ""
        raise InvalidField(
            field,
            "must be a single character, e.g. ',' or a tab" + size,
            code=MULTI_CHAR_DELIMITER,
        )
    return value


def _check_file_options(options: dict[str, Any], prefix: str, file_format: str) -> None:
    """Validate and normalise, in place, the file options found in one container."""
    if "columnDelimiter" in options:
        field = f"{prefix}.columnDelimiter"
        options["columnDelimiter"] = _check_delimiter(options["columnDelimiter"], field)
    if "compressionType" in options:
        field = f"{prefix}.compressionType"
        options["compressionType"] = _canonical(
            options["compressionType"], COMPRESSION_TYPES, field, INVALID_VALUE
        )
        if file_format not in COMPRESSIBLE_FORMATS:
            raise InvalidField(
                field, "is only supported for delimited and json files", code=INVALID_VALUE
            )
    if "encoding" in options:
        field = f"{prefix}.encoding"
        options["encoding"] = _canonical(options["encoding"], ENCODINGS, field, INVALID_VALUE)


def _check_schema(schema: Any) -> None:
    ref = require_object(schema, "data.schema")
    for key in ("id", "version"):
        if key in ref and not isinstance(ref[key], str):
            raise InvalidField(f"data.schema.{key}", "must be a string", code=INVALID_VALUE)


def _validate_params(
    model: type[SourceParams] | None, params: dict[str, Any] | None
) -> dict[str, Any]:
    given = require_object(params, "params")
    if model is None:
        return dict(given)
    try:
        validated = model.model_validate(given)
    except ValidationError as exc:
        raise_invalid(exc, prefix="params", model=model)
    return validated.model_dump(by_alias=True, exclude_unset=True)


def _copy_data(data: dict[str, Any] | None) -> dict[str, Any]:
    copied = dict(require_object(data, "data"))
    if copied.get("properties") is not None:
        copied["properties"] = dict(require_object(copied["properties"], "data.properties"))
    return copied


def validate_source(
    spec: ConnectorSpec, data: dict[str, Any] | None, params: dict[str, Any] | None
) -> tuple[dict[str, Any], dict[str, Any]]:
    """Validate a source connection's ``data`` and ``params`` and return normalised copies.

    ``data.format`` is matched case-insensitively and written in its canonical spelling, as are
    ``compressionType`` and ``encoding``; ``columnDelimiter`` is read from ``data`` (as in the
    tutorials) or ``data.properties``. Fields that were not sent are not added.

    Args:
        spec: The connection spec of the source connection.
        data: ``data`` as sent.
        params: ``params`` as sent.

    Returns:
        ``(data, params)``: new dicts; the caller's are not modified.

    Raises:
        BadRequest: code 1413 when ``spec`` is not a source.
        InvalidField: 1304 missing field, 1327 unsupported format, 1331 multi-character
            delimiter, or another code for an invalid value.
    """
    if not spec.is_source:
        raise BadRequest(
            f"Connection spec '{spec.name}' ({spec.id}) is not a source.", code=INVALID_SPEC
        )
    data_out = _copy_data(data)
    if data_out.get("format") is None:
        raise InvalidField("data.format", "is a mandatory field and is missing", code=MISSING)
    file_format = _canonical(data_out["format"], spec.formats, "data.format", UNSUPPORTED_FORMAT)
    data_out["format"] = file_format
    _check_file_options(data_out, "data", file_format)
    if data_out.get("properties") is not None:
        _check_file_options(data_out["properties"], "data.properties", file_format)
    if "schema" in data_out:
        _check_schema(data_out["schema"])
    return data_out, _validate_params(spec.source_params, params)


def validate_target(
    spec: ConnectorSpec, data: dict[str, Any] | None, params: dict[str, Any] | None
) -> tuple[dict[str, Any], dict[str, Any]]:
    """Validate a target connection's ``data`` and ``params`` and return normalised copies.

    Raises:
        BadRequest: code 1307 when ``spec`` is not the data lake target.
        InvalidField: 1325 when ``params.dataSetId`` is missing, 1327 for an unsupported
            ``data.format``.
    """
    if not spec.is_target:
        raise BadRequest(
            f"The target connection spec must be the data lake ({DATA_LAKE_SPEC_ID}), "
            f"not '{spec.name}' ({spec.id}).",
            code=TARGET_NOT_DATA_LAKE,
        )
    data_out = _copy_data(data)
    if data_out.get("format") is not None:
        fmt = _canonical(data_out["format"], spec.formats, "data.format", UNSUPPORTED_FORMAT)
        data_out["format"] = fmt
    if "schema" in data_out:
        _check_schema(data_out["schema"])
    try:
        params_out = _validate_params(spec.target_params, params)
    except InvalidField as exc:
        if exc.code == MISSING:
            raise InvalidField(
                exc.field, "is a mandatory field and is missing", code=DATASET_ID_MISSING
            ) from None
        raise
    return data_out, params_out
