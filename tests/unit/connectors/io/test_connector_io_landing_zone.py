"""The Data Landing Zone cannot name anything outside its container folder."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from headwater.connectors.errors import InvalidSourcePath, SourceNotFound
from headwater.connectors.files import FileVersion
from headwater.connectors.landing_zone_io import LandingZoneConnector

CONTAINER = "dlz-user-container"


@pytest.fixture
def layout(tmp_path: Path) -> tuple[Path, Path]:
    """``(container, outside)``: a container with one file, and a secret file beside it."""
    container = tmp_path / "org" / "prod" / CONTAINER
    (container / "in").mkdir(parents=True)
    (container / "in" / "data.csv").write_bytes(b"a,b\n")
    outside = tmp_path / "org" / "secret.txt"
    outside.write_bytes(b"top secret")
    return container, outside


@pytest.fixture
def connector(layout: tuple[Path, Path]) -> LandingZoneConnector:
    return LandingZoneConnector(layout[0])


@pytest.mark.parametrize(
    "path",
    [
        "..",
        "../secret.txt",
        f"{CONTAINER}/../secret.txt",
        f"{CONTAINER}/in/../../secret.txt",
        "in/../../../etc/passwd",
        "/etc/passwd",
        "/in/data.csv",
        "in\\..\\..\\secret.txt",
        "in/data.csv\x00.txt",
    ],
)
def test_traversal_is_rejected(connector: LandingZoneConnector, path: str) -> None:
    with pytest.raises(InvalidSourcePath) as caught:
        list(connector.list(path))
    assert caught.value.status == 400
    with pytest.raises(InvalidSourcePath):
        connector.open(FileVersion(path, 10, 0.0))


def test_symlinks_escaping_the_root_are_rejected(
    connector: LandingZoneConnector, layout: tuple[Path, Path]
) -> None:
    container, outside = layout
    (container / "link.txt").symlink_to(outside)
    (container / "linkdir").symlink_to(outside.parent, target_is_directory=True)
    for path in ("link.txt", f"{CONTAINER}/linkdir", "linkdir/secret.txt", "linkdir/*.txt"):
        with pytest.raises(InvalidSourcePath, match="outside"):
            list(connector.list(path))
    with pytest.raises(InvalidSourcePath):
        connector.open(FileVersion(f"{CONTAINER}/link.txt", 10, 0.0))


def test_listings_do_not_follow_symlinks(
    connector: LandingZoneConnector, layout: tuple[Path, Path]
) -> None:
    container, outside = layout
    (container / "link.txt").symlink_to(outside)
    (container / "loop").symlink_to(container, target_is_directory=True)
    (container / "in" / "alias.csv").symlink_to(container / "in" / "data.csv")
    listed = [f.path for f in connector.list(CONTAINER, recursive=True)]
    assert listed == [f"{CONTAINER}/in/data.csv"]


def test_a_symlink_inside_the_root_can_be_named(
    connector: LandingZoneConnector, layout: tuple[Path, Path]
) -> None:
    container, _ = layout
    (container / "alias.csv").symlink_to(container / "in" / "data.csv")
    (file,) = connector.list("alias.csv")
    assert file.path == f"{CONTAINER}/in/data.csv"
    with connector.open(file) as stream:
        assert stream.read() == b"a,b\n"


def test_the_container_prefix_and_leading_slash(connector: LandingZoneConnector) -> None:
    for path in (f"{CONTAINER}/in/data.csv", f"/{CONTAINER}/in/data.csv", "in/data.csv"):
        assert [f.path for f in connector.list(path)] == [f"{CONTAINER}/in/data.csv"]


def test_the_root_itself_is_the_container(connector: LandingZoneConnector) -> None:
    assert [f.path for f in connector.list(CONTAINER, recursive=True)] == [
        f"{CONTAINER}/in/data.csv"
    ]
    assert [f.path for f in connector.list("/", recursive=True)] == [f"{CONTAINER}/in/data.csv"]


def test_a_folder_cannot_be_opened(connector: LandingZoneConnector) -> None:
    with pytest.raises(SourceNotFound):
        connector.open(FileVersion(f"{CONTAINER}/in", 0, 0.0))


def test_versions_change_with_the_mtime(
    connector: LandingZoneConnector, layout: tuple[Path, Path]
) -> None:
    container, _ = layout
    (before,) = connector.list("in/data.csv")
    target = container / "in" / "data.csv"
    target.write_bytes(b"x,y\n")
    stat = target.stat()
    os.utime(target, ns=(stat.st_atime_ns, stat.st_mtime_ns + 5_000_000))
    (after,) = connector.list("in/data.csv")
    assert after.size == before.size and after.key != before.key
