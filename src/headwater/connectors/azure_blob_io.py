"""Reading blobs from Azure Blob Storage (and Azurite) through adlfs and azure-storage-blob.

Auth (``auth.params``): ``connectionString`` (an account key, or a SAS in
``SharedAccessSignature``; ``BlobEndpoint`` for a self-hosted endpoint such as Azurite) or
``sasUri``. Paths start with the container (``/acme/leads/*.csv``) unless the SAS URI names one
(``https://{account}.blob.core.windows.net/acme/leads?sv=...``): paths are then inside it and,
when the URI also names a folder, must lie below that folder.

* Listings stream: one page of up to 1,000 blobs is held at a time. The service returns blobs
  in name order, which is the order of the paths. A folder is one listing with the ``/``
  delimiter; a recursive listing or a glob is one flat listing, filtered here.
* Browsing (explore) lists a folder with the ``/`` delimiter (prefixes are its sub-folders), or
  the account's containers at the root of an account-wide connection. The Blob API cannot start
  a listing after a given name: a browse resumed with ``start_after`` lists the folder from its
  start again, a page at a time, and skips what was already shown.
* Folder markers are never files: zero-byte ``name/`` blobs, and blobs whose metadata says
  ``hdi_isfolder=true`` (the directories of ADLS Gen2 accounts, seen through the Blob API).
* :meth:`~FileSystemConnector.open` is pinned to the listed version: the blob's properties are
  read when it opens (an ETag or size other than the listed one raises ``FileChanged`` at
  once), and every ranged download carries ``If-Match`` (a later change fails with 412, also
  ``FileChanged``); see :mod:`headwater.connectors.azure_fs`.
* Each connector has its own client (credentials never share one) and no listings cache.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence
from typing import Any, Self

from azure.storage.blob import BlobProperties
from azure.storage.blob.aio import BlobServiceClient

from headwater.connectors.azure_blob import BlobConnectionString, BlobSasUri
from headwater.connectors.azure_errors import classify_azure_error
from headwater.connectors.azure_fs import (
    BlobFileSystem,
    blob_entry,
    child_entry,
    client_options,
    connection_string_client,
    in_key_order,
    is_directory_blob,
    sas_client,
)
from headwater.connectors.azure_params import (
    field_errors,
    is_valid_container,
    parse_sas_uri,
    validate_auth_params,
)
from headwater.connectors.errors import InvalidSourcePath
from headwater.connectors.files import BrowseEntry
from headwater.connectors.fsspec_base import Entry, FileSystemConnector, child_key
from headwater.connectors.translate import Problem

CONNECTION_STRING = "auth.params.connectionString"
SAS_URI = "auth.params.sasUri"


class AzureBlobConnector(FileSystemConnector):
    """A connector to one storage account, or to one container (and folder) of it."""

    system = "Azure Blob Storage"
    credentials_hint = (
        "Check the account key in connectionString, or the signature, expiry and permissions "
        "of sasUri."
    )

    def __init__(
        self,
        client: BlobServiceClient,
        *,
        container: str | None = None,
        folder: str = "",
        closables: Sequence[Any] = (),
        page_size: int = 1000,
        block_size: int = 16 * 2**20,
    ) -> None:
        super().__init__(BlobFileSystem(client, block_size=block_size, closables=closables))
        self._container = container
        self._folder = "/".join(s for s in folder.split("/") if s)
        self._page_size = page_size

    @classmethod
    def from_auth(
        cls,
        auth_params: Mapping[str, Any],
        *,
        retries: int = 3,
        connect_timeout: float = 10.0,
        read_timeout: float = 60.0,
        **options: Any,
    ) -> Self:
        """Build a connector from ``auth.params`` (camelCase names, secrets decrypted).

        Args:
            auth_params: ``connectionString``, or ``sasUri``.
            retries: Attempts per request (1 means no retry).
            connect_timeout: Seconds to wait for a connection.
            read_timeout: Seconds to wait between two reads of a response.
            options: Passed to the constructor (``page_size``, ``block_size``).

        Raises:
            InvalidField: when the params fit neither auth spec; never quoting a value.
        """
        params = validate_auth_params(auth_params, (BlobConnectionString, BlobSasUri))
        kwargs = client_options(
            retries=retries, connect_timeout=connect_timeout, read_timeout=read_timeout
        )
        if isinstance(params, BlobConnectionString):
            client = connection_string_client(
                params.connection_string, kwargs, field=CONNECTION_STRING
            )
            return cls(client, **options)
        assert isinstance(params, BlobSasUri)
        with field_errors(SAS_URI):
            url = parse_sas_uri(params.sas_uri)
        return cls(sas_client(url, kwargs), container=url.container, folder=url.folder, **options)

    # -- paths --------------------------------------------------------------------------------

    def _to_fs_path(self, path: str) -> str:
        if self._container is None:
            container = path.split("/", 1)[0]
            if not container:
                raise InvalidSourcePath(
                    f"Paths of {self.system} start with a container name: "
                    "/{container}/{folder}/{file}."
                )
            if not is_valid_container(container):
                raise InvalidSourcePath(f"'{container}' is not a valid container name.")
            return path
        inside = path == self._folder or path.startswith(self._folder + "/")
        if self._folder and not inside:
            raise InvalidSourcePath(
                f"The path '/{path}' is outside the folder '/{self._folder}' that this "
                "connection is restricted to."
            )
        return f"{self._container}/{path}".rstrip("/")

    def _to_public_path(self, fs_path: str) -> str:
        if self._container is not None:
            return "/" + fs_path[len(self._container) + 1 :]
        return "/" + fs_path

    def _location(self) -> str:
        return "/" + "/".join(p for p in (self._container, self._folder) if p)

    # -- listing ------------------------------------------------------------------------------

    def _check(self) -> None:
        if self._container is None:
            self._first(self.fs.service_client.list_containers(results_per_page=1))
            return
        prefix = self._folder + "/" if self._folder else ""
        found = self._first_blob(self._container, prefix) is not None
        if prefix and not found and not self._is_folder_marker(self._container, self._folder):
            raise FileNotFoundError(self._location())

    def _info(self, fs_path: str) -> Entry:
        # A listing, not the blob's properties: the same fields (and precision) as a folder's
        # listing, so a file's version does not depend on how it was listed.
        container, _, key = fs_path.partition("/")
        directory: Entry = {"name": fs_path, "type": "directory", "size": 0}
        first = self._first_blob(container, key)  # raises for a missing container
        if not key:
            return directory
        if first is None:
            raise FileNotFoundError(fs_path)
        if first.name == key:  # the first name with a prefix is the prefix itself, if it exists
            entry = blob_entry(container, first)
            return entry if self._is_file(entry) else directory
        below = (
            first if first.name.startswith(key + "/") else self._first_blob(container, key + "/")
        )
        if below is not None:
            return directory
        raise FileNotFoundError(fs_path)

    def _walk(self, fs_dir: str, *, recursive: bool) -> Iterator[Entry]:
        container, _, key = fs_dir.partition("/")
        prefix = key.rstrip("/") + "/" if key else ""
        client = self.fs.service_client.get_container_client(container)
        options: dict[str, Any] = {
            "name_starts_with": prefix or None,
            "include": ["metadata"],
            "results_per_page": self._page_size,
        }
        paged = client.list_blobs(**options) if recursive else client.walk_blobs(**options)
        found = False
        for page in self.fs.pages(paged):
            found = found or bool(page)
            yield from (blob_entry(container, b) for b in page if isinstance(b, BlobProperties))
        if prefix and not found and not self._is_folder_marker(container, key):
            raise FileNotFoundError(fs_dir)

    def _root_dir(self) -> str:
        return "/".join(p for p in (self._container, self._folder) if p)

    def _browse(self, fs_dir: str, start_after: str | None) -> Iterator[BrowseEntry]:
        # The Blob API cannot start a listing after a name: resuming lists from the start of
        # the folder again, one page at a time, and skips what was already shown.
        if not fs_dir:
            yield from self._browse_containers(start_after)
            return
        container, _, key = fs_dir.partition("/")
        prefix = key.rstrip("/") + "/" if key else ""
        paged = self.fs.service_client.get_container_client(container).walk_blobs(
            name_starts_with=prefix or None, include=["metadata"], results_per_page=self._page_size
        )
        found = False

        def children() -> Iterator[tuple[BrowseEntry, bool]]:
            nonlocal found
            for page in self.fs.pages(paged):
                found = found or bool(page)
                entries = sorted((child_entry(container, item) for item in page), key=child_key)
                for entry in entries:
                    browsed = self._browse_entry(entry)
                    if browsed is not None:
                        yield browsed, bool(entry.get("marker"))

        last = start_after
        for browsed in in_key_order(children()):
            if last is None or browsed.key > last:  # a directory may be a marker and a prefix
                last = browsed.key
                yield browsed
        if prefix and not found and not self._is_folder_marker(container, key):
            raise FileNotFoundError(fs_dir)

    def _browse_containers(self, start_after: str | None) -> Iterator[BrowseEntry]:
        paged = self.fs.service_client.list_containers(results_per_page=self._page_size)
        for page in self.fs.pages(paged):
            for item in page:
                if start_after is None or item.name + "/" > start_after:
                    yield BrowseEntry(item.name, "/" + item.name)

    def _is_file(self, entry: Entry) -> bool:
        return super()._is_file(entry) and not entry.get("folder")

    def _classify_specific(self, exc: BaseException) -> Problem | None:
        return classify_azure_error(exc)

    def _first(self, paged: Any) -> Any:
        return next((page[0] for page in self.fs.pages(paged) if page), None)

    def _first_blob(self, container: str, prefix: str) -> BlobProperties | None:
        client = self.fs.service_client.get_container_client(container)
        paged = client.list_blobs(
            name_starts_with=prefix or None, include=["metadata"], results_per_page=1
        )
        first: BlobProperties | None = self._first(paged)
        return first

    def _is_folder_marker(self, container: str, key: str) -> bool:
        first = self._first_blob(container, key)
        return first is not None and first.name == key and is_directory_blob(first)


def connect(
    auth_params: Mapping[str, Any], *, landing_zone_root: str | None = None
) -> AzureBlobConnector:
    """The factory of the connector table (``landing_zone_root`` is not used)."""
    return AzureBlobConnector.from_auth(auth_params)
