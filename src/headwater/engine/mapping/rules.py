"""Mapping rules: what the engine needs of a stored Data Prep mapping set (reference §6.2)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Literal

from headwater.errors import BadRequest

RuleKind = Literal["ATTRIBUTE", "STATIC", "EXPRESSION"]

# The ``sourceType`` spellings the platform accepts or stores, lower-cased (a copy of the rule in
# ``headwater.services.data_prep.requests``: the engine does not import services).
_KINDS: dict[str, RuleKind] = {
    "attribute": "ATTRIBUTE",
    "static": "STATIC",
    "expression": "EXPRESSION",
    "text/x.schema-path": "ATTRIBUTE",
    "text/x.aep-xl": "EXPRESSION",
}


@dataclass(frozen=True)
class MappingRule:
    """One mapping: where a value comes from and which XDM field it goes to.

    Attributes:
        kind: ``ATTRIBUTE`` (``source`` is a path into the input record), ``STATIC`` (``source``
            is a literal, typed by the destination) or ``EXPRESSION`` (a calculated field).
        source: The path, literal or expression text.
        destination: The XDM path (dot notation, ``[n]`` / ``[*]`` for arrays).
    """

    kind: RuleKind
    source: str
    destination: str


def rule_kind(source_type: Any) -> RuleKind:
    """The kind of a stored or requested ``sourceType`` (``ATTRIBUTE`` when absent or unknown)."""
    if source_type is None:
        return "ATTRIBUTE"
    return _KINDS.get(str(source_type).lower(), "ATTRIBUTE")


def rules_from_mapping_set(stored: dict[str, Any]) -> list[MappingRule]:
    """The rules of a stored mapping set document (either vocabulary of its mappings).

    Args:
        stored: The document Data Prep stores and returns: ``mappings[]`` with ``sourceType``,
            ``source``/``sourceAttribute`` and ``destination``/``destinationXdmPath``.

    Returns:
        One rule per mapping, in order.

    Raises:
        BadRequest: the document has no ``mappings`` list, or a mapping lacks its source or
            destination.
    """
    mappings = stored.get("mappings")
    if not isinstance(mappings, list):
        raise BadRequest("The mapping set has no list of mappings")
    return [_rule(i, one) for i, one in enumerate(mappings)]


def _rule(index: int, mapping: Any) -> MappingRule:
    if not isinstance(mapping, dict):
        raise BadRequest(f"mappings[{index}] is not an object")
    source = mapping.get("source")
    if source is None:
        source = mapping.get("sourceAttribute")
    destination = mapping.get("destination") or mapping.get("destinationXdmPath")
    if source is None or not isinstance(destination, str) or not destination.strip():
        raise BadRequest(f"mappings[{index}] needs a source and a destination")
    return MappingRule(rule_kind(mapping.get("sourceType")), str(source), destination.strip())
