"""Where dataset tables live."""

from __future__ import annotations

import os

import pytest

from headwater import lake
from headwater.errors import InvalidField


def test_local_root_becomes_an_absolute_path() -> None:
    config = lake.LakeConfig(root="relative/lake")
    uri = lake.table_uri(config, "ACME@AdobeOrg", "prod", "5f0a1b2c3d4e5f6a7b8c9d0e")
    assert (
        uri
        == os.path.abspath("relative/lake")
        + "/ACME@AdobeOrg/prod/datasets/5f0a1b2c3d4e5f6a7b8c9d0e"
    )


def test_object_store_root_is_kept() -> None:
    config = lake.LakeConfig(
        root="s3://bucket/prefix/", storage_options={"AWS_REGION": "eu-west-1"}
    )
    assert lake.table_uri(config, "org", "sb", "ds") == "s3://bucket/prefix/org/sb/datasets/ds"
    assert "AWS_REGION" not in repr(config)  # credentials stay out of logs


@pytest.mark.parametrize("bad", ["", ".", "..", "a/b", "a\\b", "x y", "../../etc"])
def test_ids_cannot_leave_their_folder(bad: str) -> None:
    with pytest.raises(InvalidField):
        lake.table_uri(lake.LakeConfig(root="/lake"), "org", "sb", bad)
