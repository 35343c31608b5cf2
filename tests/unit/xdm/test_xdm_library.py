"""The bundled standard resources: shape, identity and closure of their references."""

from __future__ import annotations

import json
from typing import Any

import pytest

from headwater import xdm

CTX = "https://ns.adobe.com/xdm/context/"
EXPECTED_IDS = {
    "https://ns.adobe.com/xdm/data/record",
    "https://ns.adobe.com/xdm/data/time-series",
    "https://ns.adobe.com/xdm/data/adhoc",
    CTX + "profile",
    CTX + "experienceevent",
    CTX + "profile-person-details",
    CTX + "profile-personal-details",
    CTX + "profile-work-details",
    CTX + "profile-subscriptions",
    CTX + "identitymap",
    CTX + "experienceevent-environment-details",
    "https://ns.adobe.com/xdm/common/auditable",
    "https://ns.adobe.com/xdm/common/address",
    "https://ns.adobe.com/xdm/common/geo",
    CTX + "person",
    CTX + "person-name",
    CTX + "emailaddress",
    CTX + "phonenumber",
    CTX + "identityitem",
    CTX + "subscription",
    CTX + "device",
    CTX + "environment",
    CTX + "placecontext",
}
ROOT_KEYS = [
    "$id",
    "meta:altId",
    "meta:resourceType",
    "version",
    "title",
    "description",
    "type",
    "meta:abstract",
    "meta:extensible",
    "meta:containerId",
    "meta:xdmType",
]


def none(resource_id: str) -> dict[str, Any] | None:
    return None


def walk_fields(node: dict[str, Any]) -> list[tuple[str, dict[str, Any]]]:
    found = []
    for name, child in (node.get("properties") or {}).items():
        found.append((name, child))
        found.extend(walk_fields(child))
    for key in ("items", "additionalProperties"):
        if isinstance(node.get(key), dict):
            found.extend(walk_fields(node[key]))
    return found


def all_refs(node: Any) -> list[str]:
    if isinstance(node, list):
        return [ref for item in node for ref in all_refs(item)]
    if not isinstance(node, dict):
        return []
    own = [node["$ref"]] if isinstance(node.get("$ref"), str) else []
    return own + [ref for value in node.values() for ref in all_refs(value)]


def all_keys(node: Any) -> list[str]:
    if isinstance(node, list):
        return [key for item in node for key in all_keys(item)]
    if not isinstance(node, dict):
        return []
    return [*node, *(key for value in node.values() for key in all_keys(value))]


def test_bundle_holds_the_expected_resources() -> None:
    assert set(xdm.standard_resources()) == EXPECTED_IDS


@pytest.mark.parametrize("resource_id", sorted(EXPECTED_IDS))
def test_every_resource_has_the_registry_attributes(resource_id: str) -> None:
    doc = xdm.standard_resources()[resource_id]
    assert [key for key in ROOT_KEYS if key not in doc] == []
    assert doc["meta:containerId"] == "global"
    assert doc["meta:resourceType"] in ("classes", "mixins", "datatypes", "behaviors")
    assert doc["version"].startswith("1.")
    assert doc["meta:altId"] == "_" + resource_id.removeprefix("https://ns.adobe.com/").replace(
        "/", "."
    )
    assert [key for key in all_keys(doc) if key.startswith("xdm:")] == []


@pytest.mark.parametrize("resource_id", sorted(EXPECTED_IDS))
def test_every_field_has_title_type_and_xdm_type(resource_id: str) -> None:
    doc = xdm.standard_resources()[resource_id]
    for definition in doc.get("definitions", {}).values():
        for name, node in walk_fields(definition):
            assert "meta:xdmType" in node, name
            assert "type" in node, name
            if not name.startswith("_") or name == "_id":
                assert "title" in node, name


@pytest.mark.parametrize("resource_id", sorted(EXPECTED_IDS))
def test_every_ref_in_the_bundle_resolves(resource_id: str) -> None:
    doc = xdm.standard_resources()[resource_id]
    for ref in all_refs(doc):
        target, _, fragment = ref.partition("#")
        owner = doc if not target else xdm.standard_resources().get(target)
        assert owner is not None, ref
        if fragment:
            assert fragment.split("/")[-1] in owner["definitions"], ref
    resolved = xdm.resolve(doc, none)
    assert "$ref" not in json.dumps(resolved)
    assert "allOf" not in resolved
    assert "definitions" not in resolved


def test_field_groups_name_the_classes_they_extend() -> None:
    docs = xdm.standard_resources()
    profile_groups = [
        d["$id"]
        for d in docs.values()
        if d["meta:resourceType"] == "mixins" and d["meta:intendedToExtend"] == [CTX + "profile"]
    ]
    assert sorted(profile_groups) == sorted(
        CTX + name
        for name in (
            "profile-person-details",
            "profile-personal-details",
            "profile-work-details",
            "profile-subscriptions",
        )
    )
    assert docs[CTX + "identitymap"]["meta:intendedToExtend"] == []


def test_classes_compose_their_behaviour() -> None:
    docs = xdm.standard_resources()
    profile = docs[CTX + "profile"]
    assert {p["$ref"] for p in profile["allOf"]} >= {
        "https://ns.adobe.com/xdm/data/record",
        "https://ns.adobe.com/xdm/common/auditable",
    }
    assert profile["meta:extends"] == [
        "https://ns.adobe.com/xdm/data/record",
        "https://ns.adobe.com/xdm/common/auditable",
    ]
    event = docs[CTX + "experienceevent"]
    assert "https://ns.adobe.com/xdm/data/time-series" in event["meta:extends"]
    assert event["required"] == ["_id", "timestamp"]


def test_standard_resources_are_copies() -> None:
    first = xdm.standard_resources()
    first[CTX + "profile"]["title"] = "changed"
    assert xdm.standard_resources()[CTX + "profile"]["title"] == "XDM Individual Profile"


def test_standard_resource_by_id_or_alt_id() -> None:
    by_id = xdm.standard_resource(CTX + "profile")
    assert by_id is not None
    assert xdm.standard_resource("_xdm.context.profile") is by_id
    assert xdm.standard_resource("https://ns.adobe.com/xdm/context/nope") is None


def test_package_data_stays_small() -> None:
    size = sum(len(json.dumps(d)) for d in xdm.standard_resources().values())
    assert size < 1_000_000
