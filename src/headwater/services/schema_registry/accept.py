"""The registry's ``Accept`` headers: which form of a resource a call asks for (reference §3.2)."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Literal

from headwater.errors import BadRequest, NotAcceptable

_VND = re.compile(r"^application/vnd\.adobe\.(?P<family>xed|xdm)(?P<tokens>(?:-[a-z0-9]+)*)\+json$")
_GENERIC = ("", "*/*", "application/*", "application/json")
LOOKUP_TOKENS = frozenset({"full", "notext", "desc", "deprecatefield", "deprecated", "flat"})
DESCRIPTOR_TOKENS = frozenset({"v2", "id", "link"})
LIST_HINT = "A valid Accept value should look like application/vnd.adobe.'{xed|xdm'}+json"
LOOKUP_HINT = (
    "A valid Accept value should look like application/vnd.adobe.'{xed|xdm'}+json; version=1"
    " (Version should be specified)"
)
DESCRIPTOR_HINT = "A valid Accept value should look like application/vnd.adobe.xdm-id+json"


class AcceptHeaderInvalid(BadRequest):
    """400 ``XDM-1006/1007/1008-400``: the Accept header does not fit the call."""

    title = "Accept header invalid"


@dataclass(frozen=True)
class MediaType:
    family: str
    tokens: tuple[str, ...]
    params: dict[str, str]


@dataclass(frozen=True)
class LookupFormat:
    """How to render one resource: resolved or raw, with or without text, descriptors, ..."""

    full: bool = False
    text: bool = True
    desc: bool = False
    deprecated: bool = False
    flat: bool = False


@dataclass(frozen=True)
class DescriptorFormat:
    style: Literal["id", "link", "full"] = "link"
    paged: bool = False


RAW = LookupFormat()


def _chosen(header: str | None) -> str:
    values = [v.strip() for v in (header or "").split(",") if v.strip()]
    vendor = [v for v in values if v.lower().startswith("application/vnd.adobe.")]
    return (vendor or values or [""])[0]


def parse(header: str | None) -> MediaType | None:
    """The vendor media type of an Accept header, or None for a generic/absent one.

    Raises:
        NotAcceptable: the header names a type the registry never produces.
    """
    value = _chosen(header)
    media, *raw_params = (part.strip() for part in value.split(";"))
    if media.lower() in _GENERIC:
        return None
    match = _VND.match(media.lower())
    if match is None:
        raise NotAcceptable(f"The registry cannot produce '{value}'")
    params = {}
    for raw in raw_params:
        key, _, val = raw.partition("=")
        params[key.strip().lower()] = val.strip().strip('"')
    tokens = tuple(t for t in match["tokens"].split("-") if t)
    return MediaType(match["family"], tokens, params)


def lookup_format(header: str | None) -> LookupFormat:
    """The form a lookup (``GET .../{id}``) asks for; it must name ``version=1``."""
    media = parse(header)
    if media is None:
        raise AcceptHeaderInvalid(_invalid(header, LOOKUP_HINT), code="1007")
    unknown = set(media.tokens) - LOOKUP_TOKENS
    if unknown:
        raise NotAcceptable(f"Unknown Accept variant '{'-'.join(sorted(unknown))}'")
    version = media.params.get("version")
    if not version:
        raise AcceptHeaderInvalid(_invalid(header, LOOKUP_HINT), code="1007")
    if version.split(".")[0] != "1":
        raise NotAcceptable(f"Version {version} is not available; only major version 1 exists")
    tokens = set(media.tokens)
    return LookupFormat(
        full=bool(tokens & {"full", "desc", "deprecatefield", "deprecated", "flat"}),
        text="notext" not in tokens,
        desc="desc" in tokens,
        deprecated=bool(tokens & {"deprecatefield", "deprecated"}),
        flat="flat" in tokens,
    )


def listing_style(header: str | None) -> Literal["id", "full"]:
    """``id`` (summaries) or ``full`` (whole resources) for a listing call."""
    media = parse(header)
    if media is None:
        return "id"
    if "version" in media.params or media.tokens not in ((), ("id",)):
        raise AcceptHeaderInvalid(_invalid(header, LIST_HINT), code="1006")
    return "id" if media.tokens else "full"


def descriptor_format(header: str | None) -> DescriptorFormat:
    """The form of a descriptor listing: ids, links or objects, paged (``-v2``) or not."""
    media = parse(header)
    if media is None:
        return DescriptorFormat()
    tokens = set(media.tokens)
    if media.family == "xed" or not tokens <= DESCRIPTOR_TOKENS or {"id", "link"} <= tokens:
        raise AcceptHeaderInvalid(_invalid(header, DESCRIPTOR_HINT), code="1008")
    style: Literal["id", "link", "full"] = (
        "id" if "id" in tokens else "link" if "link" in tokens else "full"
    )
    return DescriptorFormat(style=style, paged="v2" in tokens)


def _invalid(header: str | None, hint: str) -> str:
    return f"The supplied Accept header is not valid: {header or ''} - {hint}"
