"""The connector protocol, and the one table of connectors that can read files.

Like fsspec's ``known_implementations``, :data:`known_io` maps a connection spec id to the module
implementing its I/O, imported on first use: opening a landing-zone connector never imports
s3fs. Each module has a ``connect(auth_params, *, landing_zone_root)`` factory. Keep the table
sorted by module path.
"""

from __future__ import annotations

import importlib
from collections.abc import Iterator, Mapping
from typing import Any, BinaryIO, Final, Protocol, runtime_checkable

from headwater.connectors.errors import ConnectorUnsupported
from headwater.connectors.files import BrowseEntry, FileVersion
from headwater.connectors.registry import get_spec

_PACKAGE = "headwater.connectors."

LANDING_ZONE_SPEC_ID: Final = "26f526f2-58f4-4712-961d-e41bf1ccc0e8"

known_io: Final[dict[str, str]] = {
    "b3ba5556-48be-44b7-8b85-ff2b69b46dc4": _PACKAGE + "adls_gen2_io",
    "4c10e202-c428-4796-9208-5f1f5732b1cf": _PACKAGE + "azure_blob_io",
    "be5ec48c-5b78-49d5-b8fa-7c89ec4569b8": _PACKAGE + "azure_file_storage_io",
    "fb2e94c9-c031-467d-8103-6bd6e0a432f2": _PACKAGE + "ftp_io",
    "32e8f412-cdf7-464c-9885-78184cb113fd": _PACKAGE + "gcs_io",
    "54e221aa-d342-4707-bcff-7a4bceef0001": _PACKAGE + "hdfs_io",
    "26f526f2-58f4-4712-961d-e41bf1ccc0e8": _PACKAGE + "landing_zone_io",
    "c85f9425-fb21-426c-ad0b-405e9bd8a46c": _PACKAGE + "oracle_object_storage_io",
    "ecadc60c-7455-4d87-84dc-2a0e293d997b": _PACKAGE + "s3_io",
    "b7bf2577-4520-42c9-bae9-cad01560f7bc": _PACKAGE + "sftp_io",
}


@runtime_checkable
class Connector(Protocol):
    """Read access to the files of one storage location: ``list`` files for runs, ``browse``
    folders for explore, ``open`` a listed file, ``check`` the connection."""

    def list(self, path: str, *, recursive: bool = False) -> Iterator[FileVersion]:
        """List the files (never folders) that ``path`` names, sorted by path, lazily.

        Args:
            path: A file, a folder, or a glob in the last segments (``/bucket/leads/*.tsv``);
                the leading ``/`` is optional.
            recursive: Include sub-folders of a folder, and match a glob's last segment in them.
        """
        ...

    def browse(self, path: str = "", *, start_after: str | None = None) -> Iterator[BrowseEntry]:
        """List one folder's direct children, files and sub-folders, sorted by key, lazily.

        Memory stays bounded by a page (or, for stores that only list whole folders, by the
        folder): callers take what they need with ``itertools.islice`` and resume later.

        Args:
            path: A folder (never a glob: every character is literal); ``""`` or ``"/"`` is the
                connection's root (the buckets of an account, a restricted folder, ...).
            start_after: Only children whose :attr:`BrowseEntry.key` sorts after this one (the
                last key of the previous page).

        Raises:
            SourceNotFound: when ``path`` is missing or is a file (while iterating).
        """
        ...

    def open(self, file: FileVersion, *, sequential: bool = False) -> BinaryIO:
        """Open the listed version of ``file`` as a seekable binary stream (close it after use).

        With ``sequential`` the caller reads it front to back and never seeks: the stream may
        then be forward-only (an object store streams it in one request). Raises
        ``FileChanged`` (transient) when the file is no longer that version.
        """
        ...

    def check(self) -> None:
        """Raise when the credentials are rejected or the connection's location is missing."""
        ...


def open_connector(
    spec_id: str,
    auth_params: Mapping[str, Any],
    *,
    landing_zone_root: str | None = None,
) -> Connector:
    """Build the connector of a base connection (no I/O happens until it is used).

    Args:
        spec_id: The connection spec id.
        auth_params: The connection's ``auth.params``, as validated and decrypted.
        landing_zone_root: The sandbox's landing-zone container folder (Data Landing Zone only).

    Raises:
        NotFound: code 1413 when the spec id is unknown.
        ConnectorUnsupported: code 1385 when the spec exists but cannot be read from.
        InvalidField: when ``auth_params`` do not fit the spec's auth model.
    """
    spec = get_spec(spec_id)
    module_path = known_io.get(spec.id)
    if module_path is None:
        raise ConnectorUnsupported(
            f"Reading from '{spec.name}' ({spec.id}) is not supported.",
            resource_type="connectionSpecs",
            resource_id=spec.id,
        )
    module = importlib.import_module(module_path)
    connector: Connector = module.connect(auth_params, landing_zone_root=landing_zone_root)
    return connector


def check_params(spec_id: str, auth_params: Mapping[str, Any]) -> None:
    """Run a connector's own checks of its parameters (hosts, URLs, keys), without any I/O.

    A connection is checked so when it is created or changed, not only when first used.
    Specs that cannot be read from, and the landing zone (no parameters), have nothing to check.

    Raises:
        InvalidField: a parameter is malformed (the message names it, never its value).
    """
    spec = get_spec(spec_id)
    if spec.id not in known_io or spec.id == LANDING_ZONE_SPEC_ID:
        return
    open_connector(spec.id, auth_params)
