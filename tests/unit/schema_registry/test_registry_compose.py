"""Composing stored resources: computed members, normalised allOf, version bumps."""

from __future__ import annotations

import pytest

from headwater.errors import BadRequest
from headwater.services.schema_registry.compose import Writer, compose
from headwater.services.schema_registry.kinds import new_resource_ids, normalise_id
from headwater.store import Scope

PROFILE = "https://ns.adobe.com/xdm/context/profile"
PERSON = "https://ns.adobe.com/xdm/context/profile-person-details"
SCOPE = Scope("ORG@AdobeOrg", "sandbox-1", "prod", "client-1", "acme")


def _writer(now=1000):
    return Writer(SCOPE, "production", lambda _id: None, now)


def _schema(**extra):
    return {"title": "S", "allOf": [{"$ref": PROFILE}, {"$ref": PERSON}, {"$ref": PERSON}], **extra}


def test_compose_a_schema():
    ids = new_resource_ids("acme", "schemas")
    doc = compose(
        "schemas", _schema(**{"$id": "client-chosen", "refs": ["junk"]}), _writer(), ids=ids
    )
    assert (doc["$id"], doc["meta:altId"]) == ids
    assert doc["type"] == "object"
    assert [p["$ref"] for p in doc["allOf"]] == [PROFILE, PERSON]
    assert doc["refs"] == [PROFILE, PERSON]
    assert doc["meta:class"] == PROFILE
    assert doc["meta:tenantNamespace"] == "_acme"
    assert doc["meta:registryMetadata"]["repo:createdDate"] == 1000


def test_replacement_bumps_the_minor_version_and_keeps_creation():
    ids = new_resource_ids("acme", "schemas")
    first = compose("schemas", _schema(), _writer(1000), ids=ids)
    second = compose("schemas", first, _writer(2000), ids=ids, previous=first)
    third = compose("schemas", second, _writer(3000), ids=ids, previous=second)
    assert [first["version"], second["version"], third["version"]] == ["1.0", "1.1", "1.2"]
    metadata = third["meta:registryMetadata"]
    assert (metadata["repo:createdDate"], metadata["repo:lastModifiedDate"]) == (1000, 3000)


def test_unknown_nested_reference_is_refused():
    body = {
        "title": "D",
        "type": "object",
        "properties": {"a": {"$ref": "https://ns.adobe.com/acme/datatypes/missing"}},
    }
    with pytest.raises(BadRequest) as caught:
        compose("datatypes", body, _writer(), ids=new_resource_ids("acme", "datatypes"))
    assert "missing" in caught.value.message


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("https://ns.adobe.com/acme/schemas/abc", "https://ns.adobe.com/acme/schemas/abc"),
        (
            "https%3A%2F%2Fns.adobe.com%2Facme%2Fschemas%2Fabc",
            "https://ns.adobe.com/acme/schemas/abc",
        ),
        ("https://ns.adobe.com/acme/schemas/abc/", "https://ns.adobe.com/acme/schemas/abc"),
        ("_acme.schemas.abc", "_acme.schemas.abc"),
    ],
)
def test_normalise_id(raw, expected):
    assert normalise_id(raw) == expected
