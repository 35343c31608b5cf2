"""``$ref``/``allOf`` resolution: the registry's "full" (``xed-full``) form of a resource."""

from __future__ import annotations

import json
from typing import Any

from headwater.errors import BadRequest
from headwater.xdm.library import Lookup, chain, fetch
from headwater.xdm.xdmtype import xdm_type_of

Node = dict[str, Any]

# Keys of a referenced resource that describe its shape (the rest is registry metadata).
SHAPE_KEYS = frozenset(
    [
        "type",
        "meta:xdmType",
        "properties",
        "items",
        "additionalProperties",
        "required",
        "enum",
        "meta:enum",
        "format",
        "pattern",
        "minimum",
        "maximum",
        "exclusiveMinimum",
        "exclusiveMaximum",
        "minLength",
        "maxLength",
        "default",
        "examples",
        "allOf",
    ]
)
TEXT_KEYS = ("title", "description")
# Root keys replaced by their resolved counterparts.
_COMPOSED = frozenset(
    ["allOf", "definitions", "properties", "items", "additionalProperties", "required", "$ref"]
)
CIRCULAR_CODE = "1003"


def resolve(resource: Node, lookup: Lookup, *, keep_text: bool = True) -> Node:
    """Resolve every ``$ref`` and ``allOf`` of ``resource`` into one ``properties`` tree.

    Args:
        resource: A class, field group, data type or schema in compatibility-mode form.
        lookup: Gives tenant resources by ``$id``; standard resources are always found.
        keep_text: ``False`` drops ``title``/``description`` everywhere (the ``-notext`` forms).

    Returns:
        A new document: the root's own attributes (``$id``, ``meta:*``, ...) without ``allOf``
        and ``definitions``, with the merged ``properties`` (and ``required``, if any).

    Raises:
        BadRequest: a ``$ref`` names an unknown resource or definition, or refers to itself.
    """
    expander = _Expander(chain(lookup))
    body = expander.resource(resource)
    out = {k: v for k, v in resource.items() if k not in _COMPOSED}
    for key in ("properties", "items", "additionalProperties", "required"):
        if body.get(key):
            out[key] = body[key]
    if body.get("meta:xdmType") == "object":
        out.setdefault("properties", {})
    # a JSON round trip leaves no shared subtrees, so callers may mutate the result
    copied: Node = json.loads(json.dumps(out))
    if keep_text:
        return copied
    stripped: Node = strip_text(copied)
    return stripped


def strip_text(node: Any) -> Any:
    """A copy of a schema (raw or resolved) without ``title``/``description`` on any node."""
    if isinstance(node, list):
        return [strip_text(item) for item in node]
    if not isinstance(node, dict):
        return node
    out: Node = {}
    for key, value in node.items():
        if key in TEXT_KEYS:
            continue
        if key in ("properties", "definitions") and isinstance(value, dict):
            # keys here are field names: a field called "title" stays
            out[key] = {name: strip_text(child) for name, child in value.items()}
        elif key in ("items", "additionalProperties", "allOf"):
            out[key] = strip_text(value)
        else:
            out[key] = value
    return out


def merge(first: Node, second: Node) -> Node:
    """Merge two schema nodes; ``first`` wins on conflicting keywords, properties merge deeply."""
    out = dict(first)
    for key, value in second.items():
        if key == "properties" and isinstance(out.get(key), dict):
            props = dict(out[key])
            for name, child in value.items():
                props[name] = merge(props[name], child) if name in props else child
            out[key] = props
        elif key == "required":
            out[key] = list(dict.fromkeys([*out.get(key, []), *value]))
        elif key not in out:
            out[key] = value
    return out


def _pointer(doc: Node, fragment: str, ref: str) -> Node:
    node: Any = doc
    for part in fragment.strip("/").split("/"):
        part = part.replace("~1", "/").replace("~0", "~")
        node = node.get(part) if isinstance(node, dict) else None
        if node is None:
            raise BadRequest(f"Reference '{ref}' does not resolve to a definition.", code="1002")
    if not isinstance(node, dict):
        raise BadRequest(f"Reference '{ref}' does not resolve to a schema.", code="1002")
    return node


class _Expander:
    """Expands nodes against one chained lookup, guarding against reference cycles."""

    def __init__(self, find: Lookup) -> None:
        self.find = find
        self.active: list[str] = []

    def resource(self, doc: Node) -> Node:
        shape = {k: v for k, v in doc.items() if k in SHAPE_KEYS}
        return self._guarded(str(doc.get("$id", "")), lambda: self.node(shape, doc))

    def node(self, node: Node, base: Node) -> Node:
        own = {k: v for k, v in node.items() if k not in ("$ref", "allOf", "definitions")}
        if isinstance(own.get("properties"), dict):
            own["properties"] = {n: self.node(c, base) for n, c in own["properties"].items()}
        for key in ("items", "additionalProperties"):
            if isinstance(own.get(key), dict):
                own[key] = self.node(own[key], base)
        ref = node.get("$ref")
        if isinstance(ref, str):
            own = merge(own, self.target(ref, base))
            if not ref.startswith("#"):
                own.setdefault("meta:referencedFrom", ref.partition("#")[0])
        if isinstance(node.get("allOf"), list):
            own = merge(own, self.parts(node["allOf"], base))
        own.setdefault("meta:xdmType", xdm_type_of(own))
        return own

    def parts(self, all_of: list[Any], base: Node) -> Node:
        merged: Node = {}
        seen: set[str] = set()
        for part in all_of:
            if not isinstance(part, dict):
                raise BadRequest("allOf items must be objects.", code="1002")
            ref = part.get("$ref")
            if isinstance(ref, str):
                if ref in seen:
                    continue  # a field group listed twice contributes once
                seen.add(ref)
            expanded = self.node(part, base)
            # only fields and required-ness flow up from a composed part
            merged = merge(
                merged, {k: expanded[k] for k in ("properties", "required") if k in expanded}
            )
        return merged

    def target(self, ref: str, base: Node) -> Node:
        resource_id, _, fragment = ref.partition("#")
        if not resource_id:
            key = f"{base.get('$id', '')}#{fragment}"
            return self._guarded(key, lambda: self.node(_pointer(base, fragment, ref), base))
        doc = fetch(resource_id, self.find)
        if fragment:
            return self._guarded(ref, lambda: self.node(_pointer(doc, fragment, ref), doc))
        expanded = self.resource(doc)
        return {k: v for k, v in expanded.items() if k in SHAPE_KEYS}

    def _guarded(self, key: str, expand: Any) -> Node:
        if key and key in self.active:
            chain_text = " -> ".join([*self.active[self.active.index(key) :], key])
            raise BadRequest(f"Circular reference: {chain_text}", code=CIRCULAR_CODE)
        self.active.append(key)
        try:
            result: Node = expand()
            return result
        finally:
            self.active.pop()
