"""Field paths of resolved schemas and the constraints reported on them."""

from __future__ import annotations

from typing import Any

import pytest

from headwater import xdm

CTX = "https://ns.adobe.com/xdm/context/"


def none(resource_id: str) -> dict[str, Any] | None:
    return None


@pytest.fixture
def profile(seed_000_body: dict[str, Any]) -> dict[str, Any]:
    return xdm.resolve(seed_000_body, none)


@pytest.fixture
def fields(profile: dict[str, Any]) -> dict[str, xdm.Field]:
    return xdm.field_paths(profile)


def test_tutorial_mapping_targets_exist(fields: dict[str, xdm.Field]) -> None:
    assert fields["_id"].xdm_type == "string"
    assert fields["person.name.firstName"].xdm_type == "string"
    assert fields["person.name.lastName"].xdm_type == "string"
    assert fields["personalEmail.address"].format == "email"
    assert fields["workEmail.address"].format == "email"


def test_intermediate_objects_come_before_their_fields(fields: dict[str, xdm.Field]) -> None:
    paths = list(fields)
    assert fields["person"].xdm_type == "object"
    assert fields["person.name"].xdm_type == "object"
    assert paths.index("person") < paths.index("person.name") < paths.index("person.name.firstName")
    assert [c.path for c in fields["person.name"].children] == [
        "person.name.firstName",
        "person.name.lastName",
        "person.name.middleName",
        "person.name.courtesyTitle",
        "person.name.suffix",
        "person.name.fullName",
    ]


def test_enum_format_and_range_constraints(fields: dict[str, xdm.Field]) -> None:
    gender = fields["person.gender"]
    assert gender.enum == ("male", "female", "not_specified", "non_specific")
    assert fields["person.birthDate"].xdm_type == "date"
    assert fields["person.birthDate"].format == "date"
    year = fields["person.birthYear"]
    assert (year.xdm_type, year.minimum, year.maximum) == ("short", 1, 32767)
    code = fields["mobilePhone.countryCode"]
    assert (code.min_length, code.max_length, code.pattern) == (1, 3, "^[0-9]{1,3}?$")
    assert fields["homeAddress.postOfficeBox"].max_length == 20
    assert fields["homeAddress.countryCode"].pattern == "^[A-Z]{2}$"
    assert fields["homeAddress._repo.createDate"].xdm_type == "date-time"
    assert fields["person.name.firstName"].enum is None


def test_arrays_expose_their_items(fields: dict[str, xdm.Field]) -> None:
    organizations = fields["organizations"]
    assert (organizations.xdm_type, organizations.item_type) == ("array", "string")
    assert fields["organizations[*]"].xdm_type == "string"
    assert fields["subscriptions"].item_type == "object"
    assert fields["subscriptions[*].startDate"].format == "date"
    assert fields["subscriptions[*].subscriber.name.firstName"].xdm_type == "string"


def test_identity_map_stays_one_map_field(fields: dict[str, xdm.Field]) -> None:
    identity_map = fields["identityMap"]
    assert identity_map.xdm_type == "map"
    assert identity_map.item_type == "array"
    assert identity_map.item is not None
    assert identity_map.item.item is not None
    items = {c.path.rsplit(".", 1)[1]: c for c in identity_map.item.item.children}
    assert items["authenticatedState"].enum == ("ambiguous", "authenticated", "loggedOut")
    assert items["primary"].xdm_type == "boolean"
    assert not any(path.startswith("identityMap.") for path in fields)


def test_required_fields_are_flagged() -> None:
    body = {"type": "object", "title": "E", "allOf": [{"$ref": CTX + "experienceevent"}]}
    fields = xdm.field_paths(xdm.resolve(body, none))
    assert fields["_id"].required is True
    assert fields["timestamp"].required is True
    assert fields["eventType"].required is False


def test_dots_in_field_names_are_escaped() -> None:
    resolved = {
        "type": "object",
        "properties": {
            "web.page": {"type": "object", "properties": {"url": {"type": "string"}}},
        },
    }
    fields = xdm.field_paths(resolved)
    assert list(fields) == ["web\\.page", "web\\.page.url"]
    assert xdm.has_path(resolved, "web\\.page.url")
    assert not xdm.has_path(resolved, "web.page.url")
    assert xdm.split_path("web\\.page.url") == [("web.page", 0), ("url", 0)]


def test_types_are_derived_when_meta_xdm_type_is_missing() -> None:
    resolved = {
        "type": "object",
        "properties": {
            "n": {"type": "integer"},
            "b": {"type": "integer", "minimum": -128, "maximum": 127},
            "big": {"type": "integer", "minimum": 0, "maximum": 10**12},
            "d": {"type": "string", "format": "date-time"},
            "m": {"type": "object", "additionalProperties": {"type": "string"}},
        },
    }
    kinds = {path: f.xdm_type for path, f in xdm.field_paths(resolved).items()}
    assert kinds == {"n": "int", "b": "byte", "big": "long", "d": "date-time", "m": "map"}


@pytest.mark.parametrize(
    ("path", "expected"),
    [
        ("person.name.firstName", True),
        ("person.name", True),
        ("_id", True),
        ("subscriptions[0].planName", True),
        ("subscriptions[*].planName", True),
        ("subscriptions[12].subscriber.name.lastName", True),
        ("organizations[3]", True),
        ("identityMap", True),
        ("identityMap.Email[0].id", True),
        ("identityMap.ECID[*].authenticatedState", True),
        ("person.name.nickname", False),
        ("person[0].name", False),
        ("subscriptions.planName", False),
        ("identityMap.Email.id", False),
        ("organizations[0][0]", False),
        ("", False),
        ("person..name", False),
        ("person.name[x]", False),
    ],
)
def test_has_path(profile: dict[str, Any], path: str, expected: bool) -> None:
    assert xdm.has_path(profile, path) is expected


def test_split_path_counts_indexes() -> None:
    assert xdm.split_path("a.b[0][*].c") == [("a", 0), ("b", 2), ("c", 0)]
    with pytest.raises(ValueError, match="malformed"):
        xdm.split_path("a.[0]")
