"""The spec catalogues as clients read them."""

from __future__ import annotations

FS = "/data/foundation/flowservice"
CLOUD_STORAGE = "9753525b-82c7-4dce-8a9b-5ccfce2b9876"


def test_flow_spec_lookup_by_quoted_and_bare_name(tenant):
    for value in ('name=="CloudStorageToAEP"', "name==CloudStorageToAEP"):
        reply = tenant.request("GET", f"{FS}/flowSpecs", params={"property": value})
        assert reply.status_code == 200
        (spec,) = reply.json()["items"]
        assert spec["id"] == CLOUD_STORAGE
        assert "c604ff05-7f1a-43c0-8e18-33bf874cb11c" in spec["targetConnectionSpecIds"]
        assert "ecadc60c-7455-4d87-84dc-2a0e293d997b" in spec["sourceConnectionSpecIds"]
        assert spec["scheduleSpec"]["spec"]["properties"]["frequency"]["enum"][0] == "once"


def test_connection_specs_by_id_and_name(tenant):
    reply = tenant.request("GET", f"{FS}/connectionSpecs/ecadc60c-7455-4d87-84dc-2a0e293d997b")
    (spec,) = reply.json()["items"]
    assert spec["authSpec"][0]["name"] == "Access Key"
    listed = tenant.request(
        "GET", f"{FS}/connectionSpecs", params={"property": "name==landing-zone"}
    )
    assert [s["id"] for s in listed.json()["items"]] == ["26f526f2-58f4-4712-961d-e41bf1ccc0e8"]
    assert tenant.request("GET", f"{FS}/connectionSpecs/nope").status_code == 404


def test_every_source_of_the_reference_is_listed(tenant):
    ids = {s["id"] for s in tenant.request("GET", f"{FS}/connectionSpecs").json()["items"]}
    expected = {
        "ecadc60c-7455-4d87-84dc-2a0e293d997b",
        "4c10e202-c428-4796-9208-5f1f5732b1cf",
        "b3ba5556-48be-44b7-8b85-ff2b69b46dc4",
        "be5ec48c-5b78-49d5-b8fa-7c89ec4569b8",
        "32e8f412-cdf7-464c-9885-78184cb113fd",
        "b7bf2577-4520-42c9-bae9-cad01560f7bc",
        "fb2e94c9-c031-467d-8103-6bd6e0a432f2",
        "54e221aa-d342-4707-bcff-7a4bceef0001",
        "c85f9425-fb21-426c-ad0b-405e9bd8a46c",
        "26f526f2-58f4-4712-961d-e41bf1ccc0e8",
        "86043421-563b-46ec-8e6c-e23184711bf6",
        "bf9f5905-92b7-48bf-bf20-455bc6b60a4e",
        "c604ff05-7f1a-43c0-8e18-33bf874cb11c",
    }
    assert expected <= ids
