"""The contract every file connector honours, as a base class of tests (fsspec ``tests/abstract``).

A connector's test module subclasses :class:`ConnectorContract` and provides the fixtures:

* ``tree`` → :class:`PreparedTree`: a connector over a fresh copy of :data:`TREE` plus an empty
  folder (``leads/empty``, a zero-byte ``leads/empty/`` marker on object stores);
* ``wrong_credentials`` → ``(connector, secret)``: a connector whose credentials are wrong, and
  the secret that must never appear in a message (``pytest.skip`` when there are none);
* ``unreachable`` → a connector whose server is down (``pytest.skip`` when there is none);
* ``missing_paths`` → paths that do not exist (a missing bucket, a missing folder, ...).

Browsing (``Connector.browse``, what explore lists) is part of the contract: a folder's files and
sub-folders by key, the same file versions as listings, resuming after a key.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import pytest

from headwater.connectors.errors import (
    ConnectorAuthError,
    FileChanged,
    SourceNotFound,
    SourceUnavailable,
)
from headwater.connectors.files import FileVersion
from headwater.connectors.protocol import Connector
from headwater.errors import Forbidden, NotFound, ServiceUnavailable

TREE: dict[str, bytes] = {
    "root.csv": b"id,name\n1,root\n",
    "leads/a.tsv": b"id\tname\n1\ta\n",
    "leads/b.tsv": b"id\tname\n2\tbb\n",
    "leads/sub/c.tsv": b"id\tname\n3\tccc\n",
    "leads/premium-x.csv": b"id,name\n4,premium\n",
}
EMPTY_FOLDER = "leads/empty"
# What browsing leads/ shows, by key (folders end with '/'), in order.
BROWSED_LEADS = ["a.tsv", "b.tsv", "empty/", "premium-x.csv", "sub/"]


@dataclass
class PreparedTree:
    """A connector over :data:`TREE`; ``base`` is the public path of the tree's root."""

    connector: Connector
    base: str
    write: Callable[[str, bytes], None]

    def path(self, relative: str = "") -> str:
        return f"{self.base}/{relative}" if relative else self.base

    def names(self, path: str, *, recursive: bool = False) -> list[str]:
        """The listed paths, relative to the tree's root."""
        return [self.relative(f) for f in self.connector.list(path, recursive=recursive)]

    def relative(self, file: FileVersion) -> str:
        assert file.path.startswith(self.base + "/"), file.path
        return file.path[len(self.base) + 1 :]

    def version(self, relative: str) -> FileVersion:
        (file,) = self.connector.list(self.path(relative))
        return file


class ConnectorContract:
    """Tests every connector inherits; see the module docstring for the fixtures to provide."""

    # -- listing ------------------------------------------------------------------------------

    def test_lists_one_file(self, tree: PreparedTree) -> None:
        assert tree.names(tree.path("leads/a.tsv")) == ["leads/a.tsv"]

    def test_lists_the_files_of_a_folder(self, tree: PreparedTree) -> None:
        expected = ["leads/a.tsv", "leads/b.tsv", "leads/premium-x.csv"]
        assert tree.names(tree.path("leads")) == expected

    def test_lists_a_folder_recursively(self, tree: PreparedTree) -> None:
        expected = ["leads/a.tsv", "leads/b.tsv", "leads/premium-x.csv", "leads/sub/c.tsv"]
        assert tree.names(tree.path("leads"), recursive=True) == expected

    def test_lists_the_whole_tree_sorted(self, tree: PreparedTree) -> None:
        assert tree.names(tree.path(), recursive=True) == sorted(TREE)

    def test_an_empty_folder_lists_nothing(self, tree: PreparedTree) -> None:
        assert tree.names(tree.path(EMPTY_FOLDER)) == []
        assert tree.names(tree.path(EMPTY_FOLDER), recursive=True) == []

    def test_trailing_and_leading_slashes_are_optional(self, tree: PreparedTree) -> None:
        bare = tree.path("leads").lstrip("/")
        for path in (bare, "/" + bare, bare + "/", "/" + bare + "//"):
            assert tree.names(path) == ["leads/a.tsv", "leads/b.tsv", "leads/premium-x.csv"]

    def test_glob_on_the_file_name(self, tree: PreparedTree) -> None:
        assert tree.names(tree.path("leads/*.tsv")) == ["leads/a.tsv", "leads/b.tsv"]

    def test_glob_recursive(self, tree: PreparedTree) -> None:
        expected = ["leads/a.tsv", "leads/b.tsv", "leads/sub/c.tsv"]
        assert tree.names(tree.path("leads/*.tsv"), recursive=True) == expected
        assert tree.names(tree.path("leads/**/*.tsv")) == expected

    def test_glob_inside_the_name(self, tree: PreparedTree) -> None:
        assert tree.names(tree.path("leads/*premium*.csv")) == ["leads/premium-x.csv"]

    def test_glob_in_a_folder_segment(self, tree: PreparedTree) -> None:
        assert tree.names(tree.path("lead?/s*/*.tsv")) == ["leads/sub/c.tsv"]

    def test_glob_matching_nothing_lists_nothing(self, tree: PreparedTree) -> None:
        assert tree.names(tree.path("leads/*.parquet"), recursive=True) == []

    def test_file_versions_describe_the_file(self, tree: PreparedTree) -> None:
        file = tree.version("leads/b.tsv")
        assert file.size == len(TREE["leads/b.tsv"])
        assert file.modified > 1_000_000_000
        assert file.etag is None or not file.etag.startswith('"')

    def test_a_file_listed_by_name_or_by_folder_is_the_same_version(
        self, tree: PreparedTree
    ) -> None:
        by_folder = {tree.relative(f): f for f in tree.connector.list(tree.path("leads"))}
        assert by_folder["leads/a.tsv"] == tree.version("leads/a.tsv")

    # -- browsing (explore) -------------------------------------------------------------------

    def test_browses_a_folders_files_and_sub_folders(self, tree: PreparedTree) -> None:
        entries = list(tree.connector.browse(tree.path("leads")))
        assert [e.key for e in entries] == BROWSED_LEADS
        assert [e.path for e in entries] == [
            tree.path("leads/" + k.rstrip("/")) for k in BROWSED_LEADS
        ]
        assert [e.name for e in entries] == [k.rstrip("/") for k in BROWSED_LEADS]
        assert [e.is_folder for e in entries] == [k.endswith("/") for k in BROWSED_LEADS]

    def test_browsed_files_are_the_listed_versions(self, tree: PreparedTree) -> None:
        files = {e.name: e.file for e in tree.connector.browse(tree.path("leads")) if e.file}
        assert files["a.tsv"] == tree.version("leads/a.tsv")
        assert files["premium-x.csv"] == tree.version("leads/premium-x.csv")

    def test_browse_resumes_after_a_key(self, tree: PreparedTree) -> None:
        for index, key in enumerate(BROWSED_LEADS):
            rest = tree.connector.browse(tree.path("leads"), start_after=key)
            assert [e.key for e in rest] == BROWSED_LEADS[index + 1 :]

    def test_browses_the_tree_and_an_empty_folder(self, tree: PreparedTree) -> None:
        assert [e.key for e in tree.connector.browse(tree.path())] == ["leads/", "root.csv"]
        assert [e.key for e in tree.connector.browse(tree.path("leads/sub/"))] == ["c.tsv"]
        assert list(tree.connector.browse(tree.path(EMPTY_FOLDER))) == []

    def test_browsing_a_missing_folder_or_a_file_is_not_found(self, tree: PreparedTree) -> None:
        for path in (tree.path("nothing-here"), tree.path("leads/a.tsv")):
            with pytest.raises(SourceNotFound):
                list(tree.connector.browse(path))

    # -- reading ------------------------------------------------------------------------------

    def test_reads_the_bytes(self, tree: PreparedTree) -> None:
        for relative, content in TREE.items():
            with tree.connector.open(tree.version(relative)) as stream:
                assert stream.read() == content

    def test_reads_the_bytes_front_to_back(self, tree: PreparedTree) -> None:
        for relative, content in TREE.items():
            with tree.connector.open(tree.version(relative), sequential=True) as stream:
                assert b"".join(iter(lambda: stream.read(7), b"")) == content

    def test_the_stream_is_seekable(self, tree: PreparedTree) -> None:
        content = TREE["leads/premium-x.csv"]
        with tree.connector.open(tree.version("leads/premium-x.csv")) as stream:
            assert stream.seekable()
            assert stream.read(3) == content[:3]
            stream.seek(-4, 2)
            assert stream.read() == content[-4:]
            stream.seek(0)
            assert stream.tell() == 0
            assert stream.read(2) == content[:2]

    def test_rewriting_a_file_changes_its_version(self, tree: PreparedTree) -> None:
        before = tree.version("leads/a.tsv")
        tree.write("leads/a.tsv", b"id\tname\n1\tanother name\n")
        after = tree.version("leads/a.tsv")
        assert after.key != before.key
        assert after.size != before.size or after.modified != before.modified

    def test_reading_a_stale_version_is_a_transient_error(self, tree: PreparedTree) -> None:
        stale = tree.version("leads/a.tsv")
        tree.write("leads/a.tsv", b"rewritten with another length\n")
        for sequential in (False, True):
            with pytest.raises(FileChanged) as caught:
                tree.connector.open(stale, sequential=sequential)
            assert caught.value.transient

    def test_a_new_file_is_seen_by_the_next_listing(self, tree: PreparedTree) -> None:
        assert tree.names(tree.path("leads/*.tsv")) == ["leads/a.tsv", "leads/b.tsv"]
        tree.write("leads/a2.tsv", b"id\n")
        assert tree.names(tree.path("leads/*.tsv")) == [
            "leads/a.tsv",
            "leads/a2.tsv",
            "leads/b.tsv",
        ]

    # -- failures -----------------------------------------------------------------------------

    def test_check_passes(self, tree: PreparedTree) -> None:
        tree.connector.check()

    def test_missing_paths_are_not_found(
        self, tree: PreparedTree, missing_paths: list[str]
    ) -> None:
        for path in missing_paths:
            with pytest.raises(SourceNotFound) as caught:
                list(tree.connector.list(path))
            assert isinstance(caught.value, NotFound)
            assert caught.value.status == 404

    def test_wrong_credentials_are_an_auth_error_without_the_secret(
        self, tree: PreparedTree, wrong_credentials: tuple[Connector, str]
    ) -> None:
        connector, secret = wrong_credentials
        calls: list[Callable[[], object]] = [
            connector.check,
            lambda: list(connector.list(tree.path("leads"))),
            lambda: list(connector.list(tree.path("leads/a.tsv"))),
            lambda: list(connector.browse(tree.path("leads"))),
            lambda: connector.open(tree.version("leads/a.tsv")),
            lambda: connector.open(tree.version("leads/a.tsv"), sequential=True),
        ]
        for call in calls:
            with pytest.raises(ConnectorAuthError) as caught:
                call()
            error = caught.value
            assert isinstance(error, Forbidden) and not error.transient
            assert "credentials" in error.message
            assert secret not in error.message and secret not in repr(error.details)

    def test_a_server_that_is_down_is_a_transient_error(
        self, tree: PreparedTree, unreachable: Connector
    ) -> None:
        for call in (unreachable.check, lambda: list(unreachable.list(tree.path("leads")))):
            with pytest.raises(SourceUnavailable) as caught:
                call()
            assert isinstance(caught.value, ServiceUnavailable)
            assert caught.value.transient and caught.value.status == 503
