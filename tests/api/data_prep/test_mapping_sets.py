"""Mapping sets: both request forms, versions, mappings, destination checks (reference §6.1-6.2)."""

from __future__ import annotations

import json
import re

import pytest
from catalog.helpers import CONVERSION, create_schema, seed_step, with_schema

SETS = f"{CONVERSION}/mappingSets"
HEX32 = re.compile(r"^[0-9a-f]{32}$")


def current_form(schema_id, mappings=None, **extra):
    return {
        "outputSchema": {
            "schemaRef": {
                "id": schema_id,
                "contentType": "application/vnd.adobe.xed-full+json;version=1",
            }
        },
        "mappings": mappings
        if mappings is not None
        else [
            {
                "sourceType": "ATTRIBUTE",
                "source": "id",
                "destination": "_id",
                "name": "id",
                "description": "Identifier field",
            },
            {
                "sourceType": "ATTRIBUTE",
                "source": "firstName",
                "destination": "person.name.firstName",
            },
            {"sourceType": "STATIC", "source": "Acme", "destination": "person.name.lastName"},
            {
                "sourceType": "EXPRESSION",
                "source": 'concat(firstName, " ", lastName)',
                "destination": "person.name.fullName",
            },
        ],
        **extra,
    }


def create(tenant, body):
    reply = tenant.request("POST", SETS, json=body)
    assert reply.status_code == 200, reply.text
    return reply.json()["id"]


def test_seed_003_mapping_body_answers_as_documented(tenant, schema_id):
    step = seed_step("003_", "conversion/mappingSets")
    reply = tenant.request(
        "POST",
        SETS,
        content=with_schema(step.call.body, schema_id),
        headers={"Content-Type": "application/json"},
    )
    assert reply.status_code == 200, reply.text
    body = reply.json()
    assert set(body) == set(step.documented)
    assert HEX32.match(body["id"])
    assert body["version"] == 0
    assert body["createdDate"] == body["modifiedDate"]
    assert isinstance(body["createdDate"], int)
    assert body["createdBy"] == body["modifiedBy"] == tenant.client_id


def test_legacy_form_is_returned_in_both_vocabularies(tenant, schema_id):
    step = seed_step("003_", "conversion/mappingSets")
    set_id = create(tenant, json.loads(with_schema(step.call.body, schema_id)))
    doc = tenant.request("GET", f"{SETS}/{set_id}").json()
    assert doc["id"] == set_id
    assert doc["version"] == 0
    assert doc["outputSchema"]["schemaRef"]["id"] == schema_id
    assert doc["xdmSchema"] == schema_id
    assert doc["xdmVersion"] == "1.0"
    first = doc["mappings"][1]
    assert HEX32.match(first["id"])
    assert first["sourceType"] == "text/x.schema-path"
    assert (first["source"], first["destination"]) == ("FirstName", "person.name.firstName")
    assert (first["sourceAttribute"], first["destinationXdmPath"]) == (
        "FirstName",
        "person.name.firstName",
    )
    assert first["identity"] is False
    assert first["primaryIdentity"] is False
    assert [m["destination"] for m in doc["mappings"]] == [
        "_id",
        "person.name.firstName",
        "person.name.lastName",
    ]


def test_current_form_with_every_source_type(tenant, schema_id):
    set_id = create(tenant, current_form(schema_id, name="leads", description="S3 leads"))
    doc = tenant.request("GET", f"{SETS}/{set_id}").json()
    assert doc["name"] == "leads"
    assert doc["description"] == "S3 leads"
    kinds = [(m["sourceType"], m["source"]) for m in doc["mappings"]]
    assert kinds == [
        ("text/x.schema-path", "id"),
        ("text/x.schema-path", "firstName"),
        ("STATIC", "Acme"),
        ("text/x.aep-xl", 'concat(firstName, " ", lastName)'),
    ]
    assert doc["mappings"][0]["name"] == "id"
    assert len({m["id"] for m in doc["mappings"]}) == 4


@pytest.mark.parametrize(
    "destination",
    [
        "subscriptions[0].planName",
        "subscriptions[*].subscriber.name.firstName",
        "identityMap.Email[0].id",
        "homeAddress.city",
    ],
)
def test_nested_array_and_map_destinations_exist(tenant, schema_id, destination):
    create(
        tenant,
        current_form(
            schema_id, [{"sourceType": "ATTRIBUTE", "source": "x", "destination": destination}]
        ),
    )


def test_bad_destinations_are_400_and_listed(tenant, schema_id):
    mappings = [
        {"sourceType": "ATTRIBUTE", "source": "a", "destination": "person.name.nickname"},
        {"sourceType": "ATTRIBUTE", "source": "b", "destination": "_id"},
        {"sourceType": "ATTRIBUTE", "source": "c", "destination": "person[0].name"},
    ]
    reply = tenant.request("POST", SETS, json=current_form(schema_id, mappings))
    assert reply.status_code == 400
    problem = reply.json()
    assert problem["type"].startswith("https://ns.adobe.com/aep/errors/DP-")
    assert "person.name.nickname" in problem["detail"]
    assert "person[0].name" in problem["detail"]
    assert problem["report"]["invalidDestinations"] == ["person.name.nickname", "person[0].name"]
    assert {e["destination"] for e in problem["report"]["errors"]} == {
        "person.name.nickname",
        "person[0].name",
    }


@pytest.mark.parametrize(
    ("mapping", "words"),
    [
        ({"sourceType": "SOMETHING", "source": "a", "destination": "_id"}, "sourceType"),
        ({"sourceType": "EXPRESSION", "source": "", "destination": "_id"}, "source"),
        ({"sourceType": "EXPRESSION", "source": "x" * 4097, "destination": "_id"}, "4096"),
        ({"sourceType": "ATTRIBUTE", "destination": "_id"}, "source"),
        ({"sourceType": "ATTRIBUTE", "source": "a"}, "destination"),
    ],
)
def test_invalid_mappings_are_400(tenant, schema_id, mapping, words):
    reply = tenant.request("POST", SETS, json=current_form(schema_id, [mapping]))
    assert reply.status_code == 400
    assert words in reply.json()["detail"]


def test_longest_expression_is_accepted(tenant, schema_id):
    create(
        tenant,
        current_form(
            schema_id, [{"sourceType": "EXPRESSION", "source": "x" * 4096, "destination": "_id"}]
        ),
    )


@pytest.mark.parametrize(
    ("body", "words"),
    [
        ({"mappings": []}, "outputSchema"),
        (
            {
                "outputSchema": {"schemaRef": {"id": "https://ns.adobe.com/x/schemas/none"}},
                "mappings": [],
            },
            "no schema",
        ),
        ({"xdmSchema": "https://ns.adobe.com/x/schemas/none", "mappings": []}, "xdmSchema"),
        ({"outputSchema": {"schemaRef": {"id": "SCHEMA"}}}, "mappings"),
    ],
)
def test_invalid_mapping_sets_are_400(tenant, schema_id, body, words):
    body = json.loads(json.dumps(body).replace("SCHEMA", schema_id))
    reply = tenant.request("POST", SETS, json=body)
    assert reply.status_code == 400
    assert words in reply.json()["detail"]


def test_schema_of_another_org_is_unknown(tenant, other_tenant, db):
    foreign = create_schema(other_tenant, db)
    reply = tenant.request("POST", SETS, json=current_form(foreign))
    assert reply.status_code == 400


def test_put_makes_a_new_version_and_keeps_the_old_one(tenant, schema_id):
    set_id = create(tenant, current_form(schema_id, name="v0"))
    v0 = tenant.request("GET", f"{SETS}/{set_id}").json()
    kept = {**v0["mappings"][0], "source": "identifier"}
    reply = tenant.request(
        "PUT",
        f"{SETS}/{set_id}",
        json={
            "outputSchema": {"schemaRef": v0["outputSchema"]["schemaRef"]},
            "mappings": [
                kept,
                {"sourceType": "ATTRIBUTE", "source": "ln", "destination": "person.name.lastName"},
            ],
        },
    )
    assert reply.status_code == 200, reply.text
    v1 = reply.json()
    assert v1["id"] == set_id
    assert v1["version"] == 1
    assert v1["name"] == "v0"  # a PUT without a name keeps it
    assert v1["createdDate"] == v0["createdDate"]
    assert v1["modifiedDate"] >= v0["modifiedDate"]
    assert v1["mappings"][0]["id"] == kept["id"]  # sent back with its id: same mapping
    assert v1["mappings"][0]["source"] == "identifier"
    assert tenant.request("GET", f"{SETS}/{set_id}").json() == v1
    old = tenant.request("GET", f"{SETS}/{set_id}", params={"version": 0}).json()
    assert old == v0
    assert tenant.request("GET", f"{SETS}/{set_id}", params={"version": 1}).json() == v1
    assert tenant.request("GET", f"{SETS}/{set_id}", params={"version": 7}).status_code == 404


def test_put_checks_destinations_and_keeps_the_version(tenant, schema_id):
    set_id = create(tenant, current_form(schema_id))
    reply = tenant.request(
        "PUT",
        f"{SETS}/{set_id}",
        json=current_form(
            schema_id, [{"sourceType": "ATTRIBUTE", "source": "a", "destination": "nope"}]
        ),
    )
    assert reply.status_code == 400
    assert tenant.request("GET", f"{SETS}/{set_id}").json()["version"] == 0


def test_mappings_endpoints(tenant, schema_id):
    set_id = create(tenant, current_form(schema_id))
    reply = tenant.request("GET", f"{SETS}/{set_id}/mappings")
    assert reply.status_code == 200
    mappings = reply.json()
    assert [m["destination"] for m in mappings] == [
        "_id",
        "person.name.firstName",
        "person.name.lastName",
        "person.name.fullName",
    ]
    one = tenant.request("GET", f"{SETS}/{set_id}/mappings/{mappings[1]['id']}")
    assert one.status_code == 200
    assert one.json() == mappings[1]
    missing = tenant.request("GET", f"{SETS}/{set_id}/mappings/{'0' * 32}")
    assert missing.status_code == 404


def test_expand_schema_includes_the_output_schema(tenant, schema_id):
    set_id = create(tenant, current_form(schema_id))
    plain = tenant.request("GET", f"{SETS}/{set_id}").json()
    assert "jsonSchema" not in plain["outputSchema"]
    expanded = tenant.request("GET", f"{SETS}/{set_id}", params={"expandSchema": "true"}).json()
    first_name = expanded["outputSchema"]["jsonSchema"]["properties"]["person"]["properties"][
        "name"
    ]["properties"]["firstName"]
    assert first_name["type"] == "string"


def test_unknown_and_foreign_mapping_sets_are_404(tenant, other_tenant, schema_id):
    set_id = create(tenant, current_form(schema_id))
    for caller, path in (
        (tenant, f"{SETS}/{'0' * 32}"),
        (other_tenant, f"{SETS}/{set_id}"),
        (other_tenant, f"{SETS}/{set_id}/mappings"),
    ):
        reply = caller.request("GET", path)
        assert reply.status_code == 404, path
        assert reply.json()["type"].startswith("https://ns.adobe.com/aep/errors/DP-")
    assert (
        other_tenant.request("PUT", f"{SETS}/{set_id}", json=current_form(schema_id)).status_code
        == 404
    )
    assert tenant.request("GET", f"{SETS}/{set_id}").json()["version"] == 0
