"""headwater's upload extension: ``PUT/GET/DELETE /landingzone/files``."""

from __future__ import annotations

import os

import pytest

from headwater.errors import PayloadTooLarge
from headwater.services import landing_zone, tenancy
from headwater.settings import Settings

from .conftest import LZ, OCTET, listed, upload

CSV = b"Id,Name\n1,Ada\n2,Alan\n"


def container(settings, tenant):
    (sandbox,) = (settings.landing_zone_dir / tenant.org_id).iterdir()
    return sandbox / "dlz-user-container"


def test_an_upload_lands_where_flows_read_it(tenant, settings):
    body = upload(tenant, "leads/data8.csv", CSV)
    assert body["name"] == "data8.csv"
    assert body["path"] == "dlz-user-container/leads/data8.csv"
    assert body["size"] == len(CSV)
    assert body["modified"] > 1_600_000_000_000  # epoch ms
    assert (container(settings, tenant) / "leads" / "data8.csv").read_bytes() == CSV
    assert listed(tenant) == {"dlz-user-container/leads/data8.csv": len(CSV)}


def test_the_container_prefix_is_optional_and_a_new_upload_replaces(tenant):
    upload(tenant, "dlz-user-container/a.csv", CSV)
    upload(tenant, "a.csv", b"Id\n1\n")
    assert listed(tenant) == {"dlz-user-container/a.csv": 5}


def test_uploads_leave_no_partial_files(tenant, settings):
    upload(tenant, "a.csv", CSV)
    sandbox = container(settings, tenant).parent
    assert list((sandbox / ".incoming").iterdir()) == []
    chunks = [b"Id,Name\n"] + [b"%d,x\n" % i for i in range(2000)]
    reply = tenant.request("PUT", f"{LZ}/files/big.csv", content=iter(chunks), headers=OCTET)
    assert reply.status_code == 201, reply.text
    assert reply.json()["size"] == sum(map(len, chunks))
    assert list((sandbox / ".incoming").iterdir()) == []


def test_uploads_are_not_bound_by_the_json_body_limit(tenant, settings):
    big = b"x" * (settings.max_body_bytes + 10)
    assert upload(tenant, "big.bin", big)["size"] == len(big)


def test_an_empty_file_can_be_uploaded(tenant):
    assert upload(tenant, "empty.csv", b"")["size"] == 0


def test_uploads_take_octet_streams_only(tenant):
    reply = tenant.request(
        "PUT", f"{LZ}/files/a.csv", content=CSV, headers={"Content-Type": "application/json"}
    )
    assert reply.status_code == 415, reply.text
    assert listed(tenant) == {}


@pytest.mark.parametrize(
    "path",
    [
        "../escape.csv",
        "dlz-user-container/../../escape.csv",
        "a/%2E/b.csv",
        "..%2Fescape.csv",
        "%2E%2E/escape.csv",
        "a%5Cb.csv",
        "star*.csv",
        "q?.csv",
        "col:on.csv",
        "CON",
        "dlz-user-container",
        "",
    ],
)
def test_paths_cannot_leave_the_container_or_break_naming_rules(tenant, settings, path):
    reply = tenant.request("PUT", f"{LZ}/files/{path}", content=CSV, headers=OCTET)
    assert reply.status_code in (400, 404, 405, 409), (path, reply.text)
    assert listed(tenant) == {}
    outside = settings.landing_zone_dir / tenant.org_id
    assert not any(p.name == "escape.csv" for p in settings.landing_zone_dir.rglob("*"))
    assert outside.exists()


def test_a_symlink_leading_out_is_refused(tenant, settings, tmp_path):
    upload(tenant, "a.csv", CSV)
    (container(settings, tenant) / "out").symlink_to(tmp_path)
    reply = tenant.request("PUT", f"{LZ}/files/out/x.csv", content=CSV, headers=OCTET)
    assert reply.status_code == 400, reply.text
    assert not (tmp_path / "x.csv").exists()
    assert tenant.request("DELETE", f"{LZ}/files/out").status_code == 400


def test_folders_and_files_do_not_collide(tenant):
    upload(tenant, "a/b.csv", CSV)
    assert upload(tenant, "a", CSV, status=409)["status"] == 409
    assert upload(tenant, "a/b.csv/c.csv", CSV, status=409)["status"] == 409


def test_delete_removes_the_file_and_empty_folders(tenant, settings):
    upload(tenant, "x/y/z.csv", CSV)
    upload(tenant, "keep.csv", CSV)
    reply = tenant.request("DELETE", f"{LZ}/files/dlz-user-container/x/y/z.csv")
    assert reply.status_code == 204, reply.text
    assert listed(tenant) == {"dlz-user-container/keep.csv": len(CSV)}
    assert sorted(p.name for p in container(settings, tenant).iterdir()) == ["keep.csv"]
    again = tenant.request("DELETE", f"{LZ}/files/x/y/z.csv")
    assert again.status_code == 404
    assert tenant.request("DELETE", f"{LZ}/files/dlz-user-container").status_code == 404


def test_orgs_and_sandboxes_do_not_see_each_other(tenant, other_tenant, db):
    tenancy.create_sandbox(db, tenant.org_id, "dev")
    dev = tenant.in_sandbox("dev")
    upload(tenant, "prod.csv", CSV)
    upload(dev, "dev.csv", CSV)
    upload(other_tenant, "other.csv", CSV)
    assert set(listed(tenant)) == {"dlz-user-container/prod.csv"}
    assert set(listed(dev)) == {"dlz-user-container/dev.csv"}
    assert set(listed(other_tenant)) == {"dlz-user-container/other.csv"}
    assert other_tenant.request("DELETE", f"{LZ}/files/prod.csv").status_code == 404
    assert set(listed(tenant)) == {"dlz-user-container/prod.csv"}


def test_files_need_the_gateway_headers(client):
    assert client.put(f"{LZ}/files/a.csv", content=CSV, headers=OCTET).status_code == 403
    assert client.get(f"{LZ}/files").status_code == 403


def test_the_size_limit_setting_is_enforced(tmp_path, monkeypatch):
    from headwater.services.landing_zone import files as files_module
    from headwater.store import Scope

    monkeypatch.setattr(files_module, "max_upload_bytes", lambda _settings: 4)
    settings = Settings(data_dir=tmp_path)
    scope = Scope("ORG@AdobeOrg", "sandbox-1", "prod", "client")
    with pytest.raises(PayloadTooLarge):
        landing_zone.begin_upload(settings, scope, "a.csv", size=5)
    upload_ = landing_zone.begin_upload(settings, scope, "a.csv")
    upload_.write(b"1234")
    with pytest.raises(PayloadTooLarge):
        upload_.write(b"5")
    assert list((tmp_path / "landing" / "ORG@AdobeOrg" / "sandbox-1" / ".incoming").iterdir()) == []
    assert not os.path.exists(upload_.target)


@pytest.mark.parametrize("path", ["../x.csv", "a/../../x.csv", "/etc/x.csv", "a\\..\\x.csv"])
def test_the_service_refuses_raw_traversal(tmp_path, path):
    from headwater.connectors.errors import InvalidSourcePath
    from headwater.store import Scope

    settings = Settings(data_dir=tmp_path)
    scope = Scope("ORG@AdobeOrg", "sandbox-1", "prod", "client")
    with pytest.raises(InvalidSourcePath):
        landing_zone.begin_upload(settings, scope, path)
    with pytest.raises(InvalidSourcePath):
        landing_zone.delete_file(settings, scope, path)
