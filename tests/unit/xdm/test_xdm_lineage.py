"""meta:extends, refs and meta:class as the registry reports them."""

from __future__ import annotations

from typing import Any

import pytest

from headwater import xdm
from headwater.errors import BadRequest

CTX = "https://ns.adobe.com/xdm/context/"
RECORD = "https://ns.adobe.com/xdm/data/record"
SERIES = "https://ns.adobe.com/xdm/data/time-series"
AUDITABLE = "https://ns.adobe.com/xdm/common/auditable"


def none(resource_id: str) -> dict[str, Any] | None:
    return None


def test_extends_of_seed_000_matches_the_tutorial_response(seed_000_body: dict[str, Any]) -> None:
    extends = xdm.extends_of(seed_000_body, none)
    assert extends == [
        CTX + "profile",
        RECORD,
        AUDITABLE,
        CTX + "profile-person-details",
        CTX + "profile-personal-details",
        CTX + "profile-work-details",
        CTX + "profile-subscriptions",
        CTX + "identitymap",
    ]
    # the same set the platform answered with in the tutorial (its order is arbitrary)
    assert set(extends) == {
        CTX + "profile-person-details",
        CTX + "profile-personal-details",
        AUDITABLE,
        RECORD,
        CTX + "profile",
        CTX + "profile-subscriptions",
        CTX + "identitymap",
        CTX + "profile-work-details",
    }


def test_extends_of_seed_003_has_no_duplicates(seed_003_body: dict[str, Any]) -> None:
    assert xdm.extends_of(seed_003_body, none) == [
        CTX + "profile",
        RECORD,
        AUDITABLE,
        CTX + "profile-person-details",
        CTX + "profile-personal-details",
    ]


def test_extends_of_experience_event_schema() -> None:
    body = {
        "allOf": [
            {"$ref": CTX + "experienceevent"},
            {"$ref": CTX + "experienceevent-environment-details"},
        ]
    }
    assert xdm.extends_of(body, none) == [
        CTX + "experienceevent",
        SERIES,
        CTX + "identitymap",
        CTX + "experienceevent-environment-details",
    ]


def test_extends_of_tenant_class_and_field_group() -> None:
    tenant = {
        "https://ns.adobe.com/acme/classes/store": {
            "$id": "https://ns.adobe.com/acme/classes/store",
            "meta:resourceType": "classes",
            "allOf": [{"$ref": RECORD}, {"$ref": "#/definitions/store"}],
        },
        "https://ns.adobe.com/acme/mixins/hours": {
            "$id": "https://ns.adobe.com/acme/mixins/hours",
            "meta:resourceType": "mixins",
            "allOf": [{"$ref": "#/definitions/hours"}],
        },
    }
    body = {"allOf": [{"$ref": ref} for ref in tenant]}
    assert xdm.extends_of(body, tenant.get) == [
        "https://ns.adobe.com/acme/classes/store",
        RECORD,
        "https://ns.adobe.com/acme/mixins/hours",
    ]
    assert xdm.class_of(body, tenant.get) == "https://ns.adobe.com/acme/classes/store"


def test_extends_of_unknown_ref_is_a_bad_request() -> None:
    with pytest.raises(BadRequest, match="acme/mixins/gone"):
        xdm.extends_of({"allOf": [{"$ref": "https://ns.adobe.com/acme/mixins/gone"}]}, none)


def test_declared_extends_may_name_unbundled_resources() -> None:
    body = {
        "allOf": [{"$ref": CTX + "profile"}],
        "meta:extends": ["https://ns.adobe.com/xdm/common/extensible"],
    }
    assert xdm.extends_of(body, none)[-1] == "https://ns.adobe.com/xdm/common/extensible"


def test_refs_of_is_direct_and_deduplicated(seed_003_body: dict[str, Any]) -> None:
    assert xdm.refs_of(seed_003_body) == [
        CTX + "profile",
        CTX + "profile-person-details",
        CTX + "profile-personal-details",
    ]
    assert xdm.refs_of(xdm.standard_resources()[CTX + "profile-person-details"]) == []
    assert xdm.refs_of(xdm.standard_resources()[CTX + "profile"]) == [AUDITABLE, RECORD]


def test_class_of(seed_000_body: dict[str, Any]) -> None:
    assert xdm.class_of(seed_000_body, none) == CTX + "profile"
    without_meta = {k: v for k, v in seed_000_body.items() if k != "meta:class"}
    without_meta["allOf"] = list(reversed(without_meta["allOf"]))
    assert xdm.class_of(without_meta, none) == CTX + "profile"
    assert xdm.class_of(xdm.standard_resources()[CTX + "experienceevent"], none) == (
        CTX + "experienceevent"
    )
    assert xdm.class_of({"allOf": [{"$ref": CTX + "identitymap"}]}, none) is None
