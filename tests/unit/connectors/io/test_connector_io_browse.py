"""Browsing the Data Landing Zone: sorted chunks, resuming, symlinks, and paths that escape."""

from __future__ import annotations

from pathlib import Path

import pytest

from headwater.connectors.errors import InvalidSourcePath, SourceNotFound
from headwater.connectors.landing_zone_io import LandingZoneConnector

CONTAINER = "dlz-user-container"


@pytest.fixture
def container(tmp_path: Path) -> Path:
    root = tmp_path / "org" / "prod" / CONTAINER
    root.mkdir(parents=True)
    (tmp_path / "org" / "secret.txt").write_bytes(b"top secret")
    return root


def make(root: Path, names: list[str]) -> None:
    for name in names:
        if name.endswith("/"):
            (root / name).mkdir(parents=True)
        else:
            (root / name).write_bytes(name.encode())


@pytest.mark.parametrize("chunk", [1, 2, 3, 5, 100])
def test_chunks_of_any_size_browse_and_list_in_key_order(container: Path, chunk: int) -> None:
    # 'b/' sorts after 'b.csv' and 'b-1' ('.' and '-' are below '/'): the order of S3 keys.
    names = ["b/", "b.csv", "a", "b-1", "c/", "B", "é.csv", "a0/"]
    make(container, names)
    (container / "b" / "inner.csv").write_bytes(b"x")
    connector = LandingZoneConnector(container, chunk=chunk)
    keys = [e.key for e in connector.browse("")]
    assert keys == sorted(names) == ["B", "a", "a0/", "b-1", "b.csv", "b/", "c/", "é.csv"]
    listed = [f.path for f in connector.list("", recursive=True)]
    assert listed == [
        f"{CONTAINER}/{n}" for n in ["B", "a", "b-1", "b.csv", "b/inner.csv", "é.csv"]
    ]


def test_browse_resumes_after_a_key_that_no_longer_exists(container: Path) -> None:
    make(container, ["a.csv", "c.csv", "d/"])
    connector = LandingZoneConnector(container, chunk=1)
    assert [e.key for e in connector.browse(CONTAINER, start_after="b.csv")] == ["c.csv", "d/"]
    assert [e.key for e in connector.browse(CONTAINER, start_after="d/")] == []


def test_entries_carry_public_paths_and_versions(container: Path) -> None:
    make(container, ["in/", "in/data.csv"])
    connector = LandingZoneConnector(container)
    (folder,) = connector.browse("/")
    assert (folder.name, folder.path, folder.is_folder, folder.file) == (
        "in",
        f"{CONTAINER}/in",
        True,
        None,
    )
    (file,) = connector.browse(f"/{CONTAINER}/in/")
    assert file.path == f"{CONTAINER}/in/data.csv" and not file.is_folder
    assert file.file == next(iter(connector.list(f"{CONTAINER}/in/data.csv")))


def test_symlinks_and_special_files_are_not_browsed(container: Path, tmp_path: Path) -> None:
    make(container, ["real.csv"])
    (container / "link.csv").symlink_to(tmp_path / "org" / "secret.txt")
    (container / "linkdir").symlink_to(tmp_path / "org", target_is_directory=True)
    connector = LandingZoneConnector(container)
    assert [e.key for e in connector.browse("")] == ["real.csv"]
    with pytest.raises(InvalidSourcePath, match="outside"):
        list(connector.browse("linkdir"))


def test_missing_folders_and_files_are_not_found(container: Path) -> None:
    make(container, ["a.csv"])
    connector = LandingZoneConnector(container)
    for path in ("nope", "a.csv", f"{CONTAINER}/a.csv"):
        with pytest.raises(SourceNotFound):
            list(connector.browse(path))


@pytest.mark.parametrize(
    "path",
    [
        "..",
        "../secret.txt",
        f"{CONTAINER}/..",
        "%2e%2e",
        "%2E%2e/secret.txt",
        "%252e%252e",
        "a%2f..%2f..",
        "/etc",
        "in\\..",
        "in\x00",
    ],
)
def test_paths_escaping_the_container_are_rejected(container: Path, path: str) -> None:
    connector = LandingZoneConnector(container)
    with pytest.raises(InvalidSourcePath) as caught:
        list(connector.browse(path))
    assert caught.value.status == 400
