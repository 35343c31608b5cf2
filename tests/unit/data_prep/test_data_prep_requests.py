"""Reading both mapping-set forms, and building the stored documents."""

from __future__ import annotations

import pytest

from headwater.errors import BadRequest
from headwater.services.data_prep import source_kind
from headwater.services.data_prep.documents import Stamp, new_document, summary
from headwater.services.data_prep.requests import read_request

SCHEMA = "https://ns.adobe.com/acme/schemas/abc"
LEGACY = {
    "version": 0,
    "xdmSchema": SCHEMA,
    "xdmVersion": "1.0",
    "id": None,
    "mappings": [
        {
            "destinationXdmPath": "_id",
            "sourceAttribute": "Id",
            "identity": False,
            "identityGroup": None,
            "namespaceCode": None,
            "version": 0,
        }
    ],
}
CURRENT = {
    "name": "n",
    "outputSchema": {"schemaRef": {"id": SCHEMA}},
    "mappings": [
        {"sourceType": "attribute", "source": "Id", "destination": "_id"},
        {"sourceType": "STATIC", "source": "x", "destination": "a"},
        {"sourceType": "text/x.aep-xl", "source": "upper(a)", "destination": "b"},
    ],
}


def test_both_forms_read_alike():
    legacy, current = read_request(LEGACY), read_request(CURRENT)
    assert legacy.schema_id == current.schema_id == SCHEMA
    assert legacy.schema_field == "xdmSchema"
    assert current.schema_field == "outputSchema.schemaRef.id"
    assert (legacy.mappings[0].kind, legacy.mappings[0].source, legacy.mappings[0].destination) == (
        "ATTRIBUTE",
        "Id",
        "_id",
    )
    assert [m.kind for m in current.mappings] == ["ATTRIBUTE", "STATIC", "EXPRESSION"]
    assert current.content_type == "application/vnd.adobe.xed-full+json;version=1"


@pytest.mark.parametrize(
    "body",
    [
        [],
        {"mappings": []},
        {"xdmSchema": SCHEMA},
        {"xdmSchema": SCHEMA, "mappings": [1]},
        {"outputSchema": {"schemaRef": {}}, "mappings": []},
        {"xdmSchema": SCHEMA, "mappings": [], "name": 5},
    ],
)
def test_malformed_bodies(body):
    with pytest.raises(BadRequest):
        read_request(body)


def test_unknown_source_type_is_kept_for_the_checks():
    spec = read_request(
        {
            "xdmSchema": SCHEMA,
            "mappings": [{"sourceType": "FOO", "source": "a", "destination": "b"}],
        }
    ).mappings[0]
    assert spec.kind is None
    assert spec.source_type == "FOO"


def test_document_carries_both_vocabularies_and_keeps_ids_on_replace():
    stamp0 = Stamp(0, 1000, "client")
    first = new_document("m" * 32, read_request(CURRENT), SCHEMA, stamp0)
    assert summary(first) == {
        "id": "m" * 32,
        "version": 0,
        "createdDate": 1000,
        "modifiedDate": 1000,
        "createdBy": "client",
        "modifiedBy": "client",
    }
    mapping = first["mappings"][0]
    assert (mapping["sourceType"], mapping["sourceAttribute"], mapping["destinationXdmPath"]) == (
        "text/x.schema-path",
        "Id",
        "_id",
    )
    assert [source_kind(m) for m in first["mappings"]] == ["ATTRIBUTE", "STATIC", "EXPRESSION"]
    again = {**CURRENT, "name": None, "mappings": [first["mappings"][1], first["mappings"][1]]}
    second = new_document("m" * 32, read_request(again), SCHEMA, Stamp(1, 2000, "other"), first)
    assert second["version"] == 1
    assert second["name"] == "n"
    assert second["createdDate"] == 1000
    assert second["modifiedBy"] == "other"
    assert second["mappings"][0]["id"] == first["mappings"][1]["id"]
    assert second["mappings"][0]["createdDate"] == 1000
    assert second["mappings"][1]["id"] != first["mappings"][1]["id"]  # an id is used once
    assert second["outputSchema"]["id"] == first["outputSchema"]["id"]
