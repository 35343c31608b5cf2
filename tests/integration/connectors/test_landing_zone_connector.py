"""The Data Landing Zone over a temporary folder: the connector contract."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from headwater.connectors.protocol import Connector, open_connector

from .contract import EMPTY_FOLDER, TREE, ConnectorContract, PreparedTree

LANDING_ZONE_SPEC_ID = "26f526f2-58f4-4712-961d-e41bf1ccc0e8"
CONTAINER = "dlz-user-container"


def write_file(root: Path, relative: str, data: bytes) -> None:
    path = root / relative
    path.parent.mkdir(parents=True, exist_ok=True)
    existed = path.exists()
    previous = path.stat().st_mtime_ns if existed else 0
    path.write_bytes(data)
    if existed and path.stat().st_mtime_ns == previous:
        # A rewrite within the filesystem's timestamp granularity keeps the mtime; a real
        # writer would be slower than this test. Move the clock on by one millisecond.
        os.utime(path, ns=(previous + 1_000_000, previous + 1_000_000))


@pytest.fixture
def container(tmp_path: Path) -> Path:
    root = tmp_path / "org" / "prod" / CONTAINER
    for relative, data in TREE.items():
        write_file(root, relative, data)
    (root / EMPTY_FOLDER).mkdir(parents=True)
    return root


class TestLandingZoneContract(ConnectorContract):
    @pytest.fixture
    def tree(self, container: Path) -> PreparedTree:
        connector = open_connector(LANDING_ZONE_SPEC_ID, {}, landing_zone_root=str(container))
        return PreparedTree(
            connector, CONTAINER, lambda rel, data: write_file(container, rel, data)
        )

    @pytest.fixture
    def missing_paths(self) -> list[str]:
        return [f"{CONTAINER}/nothing-here", f"{CONTAINER}/leads/a.tsv/deeper", "nothing-here"]

    @pytest.fixture
    def wrong_credentials(self) -> tuple[Connector, str]:
        pytest.skip("the Data Landing Zone has no credentials")

    @pytest.fixture
    def unreachable(self) -> Connector:
        pytest.skip("the Data Landing Zone has no server")


def test_the_container_name_is_optional(container: Path) -> None:
    connector = open_connector(LANDING_ZONE_SPEC_ID, {}, landing_zone_root=str(container))
    assert [f.path for f in connector.list("leads/*.tsv")] == [
        f"{CONTAINER}/leads/a.tsv",
        f"{CONTAINER}/leads/b.tsv",
    ]


def test_a_missing_container_fails_the_check(tmp_path: Path) -> None:
    from headwater.connectors.errors import SourceNotFound

    connector = open_connector(LANDING_ZONE_SPEC_ID, {}, landing_zone_root=str(tmp_path / "x"))
    with pytest.raises(SourceNotFound):
        connector.check()
