"""The aepp SDK (0.6.0) DataPrep calls, unchanged, against headwater."""

from __future__ import annotations

from catalog.helpers import sdk


def test_sdk_mapping_set_lifecycle(tenant, schema_id):
    client = sdk("DataPrep", tenant)
    rules = [
        {"sourceType": "ATTRIBUTE", "source": "id", "destination": "_id"},
        {"sourceType": "EXPRESSION", "source": "upper(fn)", "destination": "person.name.firstName"},
    ]
    created = client.createMappingSet(schemaId=schema_id, mappingList=rules, validate=True)
    assert set(created) == {
        "id",
        "version",
        "createdDate",
        "modifiedDate",
        "createdBy",
        "modifiedBy",
    }
    set_id = created["id"]

    doc = client.getMappingSet(set_id)
    assert doc["outputSchema"]["schemaRef"]["id"] == schema_id
    assert client.getMappingSet(set_id, mappingRulesOnly=True) == [
        {"sourceType": "text/x.schema-path", "source": "id", "destination": "_id"},
        {
            "sourceType": "text/x.aep-xl",
            "source": "upper(fn)",
            "destination": "person.name.firstName",
        },
    ]

    mappings = client.getMappingSetMappings(set_id)
    assert client.getMappingSetMapping(set_id, mappings[0]["id"]) == mappings[0]

    # What aepp reads back it can send back: the stored sourceType values are accepted.
    updated = client.updateMappingSet(set_id, client.cleanMappingRules(doc)[:1])
    assert updated["version"] == 1
    assert len(updated["mappings"]) == 1

    listed = client.getMappingSets(limit=10)
    assert [m["id"] for m in listed] == [set_id]
    assert client.getMappingSets(limit=10, expand_schema=True)[0]["outputSchema"]["jsonSchema"]
