"""The container TTL: ``expire_files`` with an injected clock, and lazily on listing/upload."""

from __future__ import annotations

import os
import time

from headwater.services.landing_zone import expire_files
from headwater.settings import Settings
from headwater.store import Scope

from .conftest import listed, upload

DAY = 86_400
NOW = 1_700_000_000.0


def scope(org: str, sandbox: str = "sb-1") -> Scope:
    return Scope(org, sandbox, "prod", "client")


def put(settings: Settings, where: Scope, path: str, *, age_days: float) -> None:
    file = settings.landing_zone_dir / where.org_id / where.sandbox_id / path
    file.parent.mkdir(parents=True, exist_ok=True)
    file.write_text("x")
    stamp = NOW - age_days * DAY
    os.utime(file, (stamp, stamp))


def remaining(settings: Settings) -> list[str]:
    root = settings.landing_zone_dir
    return sorted(p.relative_to(root).as_posix() for p in root.rglob("*") if p.is_file())


def test_files_older_than_seven_days_are_removed_everywhere(tmp_path):
    settings = Settings(data_dir=tmp_path)
    a, b = scope("A@AdobeOrg"), scope("B@AdobeOrg", "sb-2")
    put(settings, a, "dlz-user-container/old.csv", age_days=7.01)
    put(settings, a, "dlz-user-container/deep/er/old.csv", age_days=30)
    put(settings, a, "dlz-user-container/new.csv", age_days=6.99)
    put(settings, b, "dlz-user-container/old.csv", age_days=8)
    put(settings, b, ".incoming/upload-abandoned.part", age_days=8)
    put(settings, b, ".sas-token.json", age_days=100)  # not a container file
    removed = expire_files(settings, NOW)
    assert len(removed) == 4
    assert remaining(settings) == [
        "A@AdobeOrg/sb-1/dlz-user-container/new.csv",
        "B@AdobeOrg/sb-2/.sas-token.json",
    ]
    container = settings.landing_zone_dir / "A@AdobeOrg" / "sb-1" / "dlz-user-container"
    assert not (container / "deep").exists()  # emptied folders go too
    assert (settings.landing_zone_dir / "B@AdobeOrg" / "sb-2" / "dlz-user-container").is_dir()


def test_the_clock_decides(tmp_path):
    settings = Settings(data_dir=tmp_path)
    put(settings, scope("A@AdobeOrg"), "dlz-user-container/a.csv", age_days=0)
    assert expire_files(settings, NOW + 6 * DAY) == []
    assert len(expire_files(settings, NOW + 7 * DAY + 1)) == 1
    assert expire_files(settings, NOW + 30 * DAY) == []


def test_a_scope_limits_the_sweep_to_its_container(tmp_path):
    settings = Settings(data_dir=tmp_path)
    a, b = scope("A@AdobeOrg"), scope("B@AdobeOrg")
    put(settings, a, "dlz-user-container/old.csv", age_days=10)
    put(settings, b, "dlz-user-container/old.csv", age_days=10)
    assert len(expire_files(settings, NOW, scope=a)) == 1
    assert remaining(settings) == ["B@AdobeOrg/sb-1/dlz-user-container/old.csv"]


def test_an_empty_landing_zone_is_fine(tmp_path):
    assert expire_files(Settings(data_dir=tmp_path / "nothing"), NOW) == []


def test_listing_and_uploading_expire_lazily(tenant, settings):
    upload(tenant, "old/a.csv", b"Id\n1\n")
    upload(tenant, "fresh.csv", b"Id\n1\n")
    (sandbox,) = (settings.landing_zone_dir / tenant.org_id).iterdir()
    old = time.time() - 8 * DAY
    os.utime(sandbox / "dlz-user-container" / "old" / "a.csv", (old, old))
    assert listed(tenant) == {"dlz-user-container/fresh.csv": 5}
    assert not (sandbox / "dlz-user-container" / "old").exists()
    os.utime(sandbox / "dlz-user-container" / "fresh.csv", (old, old))
    upload(tenant, "next.csv", b"Id\n2\n")
    assert not (sandbox / "dlz-user-container" / "fresh.csv").exists()
