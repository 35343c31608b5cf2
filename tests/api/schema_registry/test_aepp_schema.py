"""The aepp SDK (0.6.0) Schema Registry calls, unchanged, against headwater."""

from __future__ import annotations

from .helpers import CTX, PROFILE, RECORD, sdk_schema


def test_sdk_schema_lifecycle(tenant, tenant_id):
    client = sdk_schema(tenant)
    assert client.getTenantId() == tenant_id
    created = client.createProfileSchema(
        "sdk profile", fieldGroupIds=[CTX + "profile-person-details"]
    )
    schema_id = created["$id"]
    assert created["version"] == "1.0"
    assert [s["$id"] for s in client.getSchemas()] == [schema_id]
    full = client.getSchema(schema_id)  # Accept: application/vnd.adobe.xdm-full+json; version=1
    assert "firstName" in full["properties"]["person"]["properties"]["name"]["properties"]
    assert "person.name.firstName" in client.getSchemaPaths(schema_id)
    updated = client.addFieldGroupToSchema(schema_id, [CTX + "profile-personal-details"])
    assert updated["version"] == "1.1"
    assert client.enableSchemaForUPS(schema_id)["meta:immutableTags"] == ["union"]
    assert [u["$id"] for u in client.getUnions()] == [PROFILE + "__union"]
    assert client.deleteSchema(schema_id) == 204
    assert client.getStats()["counts"]["schemas"] == 0


def test_sdk_library_reads(tenant):
    client = sdk_schema(tenant)
    assert PROFILE in {c["$id"] for c in client.getClassesGlobal()}
    assert client.getClasses() == []
    assert len(client.getFieldGroupsGlobal()) >= 5
    assert client.getFieldGroups() == []
    assert client.getDataTypes() == []
    assert RECORD in {b["$id"] for b in client.getBehaviors()}
    assert client.getBehavior(RECORD)["$id"] == RECORD


def test_sdk_descriptors(tenant):
    client = sdk_schema(tenant)
    groups = [CTX + "profile-personal-details"]
    schema_id = client.createProfileSchema("sdk ids", fieldGroupIds=groups)["$id"]
    created = client.createDescriptor(
        sourceSchema=schema_id,
        sourceProperty="/personalEmail/address",
        namespace="Email",
        primary=True,
    )
    assert created["xdm:isPrimary"] is True
    assert [d["@id"] for d in client.getDescriptors()] == [created["@id"]]
    assert client.getDescriptor(created["@id"])["@type"] == "xdm:descriptorIdentity"
    assert client.deleteDescriptor(created["@id"]) == 204
