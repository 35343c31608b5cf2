"""Accept header parsing for lookups, listings and descriptor listings (reference §3.2)."""

from __future__ import annotations

import pytest

from headwater.errors import BadRequest, NotAcceptable
from headwater.services.schema_registry.accept import (
    DescriptorFormat,
    LookupFormat,
    descriptor_format,
    listing_style,
    lookup_format,
)


@pytest.mark.parametrize(
    ("header", "expected"),
    [
        ("application/vnd.adobe.xed+json; version=1", LookupFormat()),
        ("application/vnd.adobe.xed-notext+json; version=1", LookupFormat(text=False)),
        ("application/vnd.adobe.xed-full+json;version=1", LookupFormat(full=True)),
        (
            "application/vnd.adobe.xed-full-notext+json; version=1",
            LookupFormat(full=True, text=False),
        ),
        ("application/vnd.adobe.xed-full-desc+json; version=1", LookupFormat(full=True, desc=True)),
        (
            "application/vnd.adobe.xed-deprecatefield+json; version=1",
            LookupFormat(full=True, deprecated=True),
        ),
        ("application/vnd.adobe.xdm-full+json; version=1.0", LookupFormat(full=True)),
        ("Application/Vnd.Adobe.XED-Full+JSON; Version=1", LookupFormat(full=True)),
        ("text/html, application/vnd.adobe.xed+json; version=1", LookupFormat()),
    ],
)
def test_lookup_forms(header, expected):
    assert lookup_format(header) == expected


@pytest.mark.parametrize(
    "header", [None, "", "*/*", "application/json", "application/vnd.adobe.xed-full+json"]
)
def test_lookup_needs_a_version(header):
    with pytest.raises(BadRequest) as caught:
        lookup_format(header)
    assert caught.value.code == "1007"


@pytest.mark.parametrize(
    "header",
    [
        "text/csv",
        "application/vnd.adobe.xed-id+json; version=1",
        "application/vnd.adobe.xed+json; version=2",
    ],
)
def test_lookup_406(header):
    with pytest.raises(NotAcceptable):
        lookup_format(header)


@pytest.mark.parametrize(
    ("header", "style"),
    [
        (None, "id"),
        ("*/*", "id"),
        ("application/vnd.adobe.xed-id+json", "id"),
        ("application/vnd.adobe.xdm-id+json", "id"),
        ("application/vnd.adobe.xed+json", "full"),
        ("application/vnd.adobe.xdm+json", "full"),
    ],
)
def test_listing_styles(header, style):
    assert listing_style(header) == style


@pytest.mark.parametrize(
    "header", ["application/vnd.adobe.xed+json; version=1", "application/vnd.adobe.xed-full+json"]
)
def test_listing_1006(header):
    with pytest.raises(BadRequest) as caught:
        listing_style(header)
    assert caught.value.code == "1006"


@pytest.mark.parametrize(
    ("header", "expected"),
    [
        (None, DescriptorFormat("link")),
        ("application/vnd.adobe.xdm-id+json", DescriptorFormat("id")),
        ("application/vnd.adobe.xdm-link+json", DescriptorFormat("link")),
        ("application/vnd.adobe.xdm+json", DescriptorFormat("full")),
        ("application/vnd.adobe.xdm-v2+json", DescriptorFormat("full", paged=True)),
        ("application/vnd.adobe.xdm-v2-id+json", DescriptorFormat("id", paged=True)),
        ("application/vnd.adobe.xdm-v2-link+json", DescriptorFormat("link", paged=True)),
    ],
)
def test_descriptor_forms(header, expected):
    assert descriptor_format(header) == expected


@pytest.mark.parametrize(
    "header", ["application/vnd.adobe.xed+json", "application/vnd.adobe.xdm-full+json"]
)
def test_descriptor_1008(header):
    with pytest.raises(BadRequest) as caught:
        descriptor_format(header)
    assert caught.value.code == "1008"
