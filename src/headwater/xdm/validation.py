"""Create/replace rules for tenant resources (schemas, field groups, data types, classes)."""

from __future__ import annotations

import re
from typing import Any

from headwater.errors import BadRequest, InvalidField
from headwater.xdm.library import BEHAVIORS, Lookup, chain, no_tenant
from headwater.xdm.lineage import extends_of, refs_of
from headwater.xdm.xdmtype import JSON_TYPES, XDM_TYPES

KINDS = ("schemas", "mixins", "datatypes", "classes")
_NAME = re.compile(r"^[A-Za-z0-9_-]+$")
_ENUM_TYPES: dict[str, tuple[type, ...]] = {
    "string": (str,),
    "integer": (int,),
    "number": (int, float),
    "boolean": (bool,),
}


def validate_tenant_resource(
    body: Any,
    kind: str,
    *,
    lookup: Lookup | None = None,
    tenant_id: str | None = None,
) -> None:
    """Check a tenant resource body against the registry's create rules.

    Args:
        body: The request body (compatibility-mode JSON).
        kind: ``schemas``, ``mixins`` (field groups), ``datatypes`` or ``classes``.
        lookup: Tenant resources by ``$id``. When given, every ``allOf`` reference must exist
            and the class / field-group compatibility of schemas is checked; without it only
            standard resources are classified and unknown references are left to ``resolve``.
        tenant_id: When given, custom fields of field groups and classes must sit under the
            ``_{tenant_id}`` object.

    Raises:
        InvalidField: a named part of the body breaks a rule.
        BadRequest: the body is not an object or ``kind`` is unknown.
    """
    if kind not in KINDS:
        raise BadRequest(f"Unknown resource kind '{kind}'; expected one of {', '.join(KINDS)}.")
    if not isinstance(body, dict):
        raise BadRequest("The request body must be a JSON object.")
    _check_header(body, kind)
    if kind == "schemas":
        _check_schema(body, lookup)
        return
    if kind == "mixins":
        _check_field_group(body)
    elif kind == "classes":
        _check_class(body)
    else:
        _check_data_type(body)
    _check_fields(
        body, namespace=None if kind == "datatypes" else tenant_id, top=kind != "datatypes"
    )


def _check_header(body: dict[str, Any], kind: str) -> None:
    title = body.get("title")
    if not isinstance(title, str) or not title.strip():
        raise InvalidField("title", "is required and must be a non-empty string")
    if "description" in body and not isinstance(body["description"], str | None):
        raise InvalidField("description", "must be a string")
    allowed = ("object", "array") if kind == "datatypes" else ("object",)
    if body.get("type") not in allowed:
        raise InvalidField("type", f"is required and must be {' or '.join(allowed)}")
    all_of = body.get("allOf", [])
    if not isinstance(all_of, list) or not all(isinstance(p, dict) for p in all_of):
        raise InvalidField("allOf", "must be an array of objects")
    for index, part in enumerate(all_of):
        if "$ref" in part and not isinstance(part["$ref"], str):
            raise InvalidField(f"allOf/{index}/$ref", "must be a string")


def _check_schema(body: dict[str, Any], lookup: Lookup | None) -> None:
    refs = refs_of(body)
    if not refs:
        raise InvalidField("allOf", "must reference exactly one class and any field groups")
    find = chain(lookup or no_tenant)
    kinds: dict[str, str] = {}
    for ref in refs:
        doc = find(ref)
        if doc is None and lookup is not None:
            raise InvalidField("allOf", f"unknown resource '{ref}'")
        if doc is not None:
            kinds[ref] = str(doc.get("meta:resourceType", ""))
    classes = [ref for ref, found in kinds.items() if found == "classes"]
    wrong = [ref for ref, found in kinds.items() if found not in ("classes", "mixins")]
    if wrong:
        raise InvalidField("allOf", f"only a class and field groups may be composed: '{wrong[0]}'")
    if len(classes) > 1 or (not classes and len(kinds) == len(refs)):
        raise InvalidField("allOf", f"must reference exactly one class (found {len(classes)})")
    declared = body.get("meta:class")
    if classes and declared is not None and declared != classes[0]:
        raise InvalidField("meta:class", f"must be the class in allOf ('{classes[0]}')")
    if classes:
        _check_compatible(classes[0], [r for r, k in kinds.items() if k == "mixins"], find)


def _check_compatible(class_id: str, field_groups: list[str], find: Lookup) -> None:
    class_doc = find(class_id) or {}
    lineage = {class_id, *extends_of(class_doc, find)}
    for ref in field_groups:
        intended = (find(ref) or {}).get("meta:intendedToExtend") or []
        # an empty list means the field group fits any class (e.g. identitymap)
        if intended and not lineage.intersection(intended):
            raise InvalidField("allOf", f"field group '{ref}' does not extend class '{class_id}'")


def _check_field_group(body: dict[str, Any]) -> None:
    intended = body.get("meta:intendedToExtend")
    if not isinstance(intended, list) or not all(isinstance(i, str) for i in intended):
        raise InvalidField("meta:intendedToExtend", "is required: an array of class ids")
    if not body.get("definitions") and not body.get("properties"):
        raise InvalidField("definitions", "a field group needs definitions or properties")


def _check_class(body: dict[str, Any]) -> None:
    behaviors = [ref for ref in refs_of(body) if ref in BEHAVIORS]
    if len(behaviors) != 1:
        raise InvalidField(
            "allOf", f"must reference exactly one behavior ({', '.join(BEHAVIORS[:2])})"
        )


def _check_data_type(body: dict[str, Any]) -> None:
    if body["type"] == "array":
        if not isinstance(body.get("items"), dict):
            raise InvalidField("items", "an array data type needs items")
    elif not body.get("properties") and not body.get("definitions") and not refs_of(body):
        raise InvalidField("properties", "an object data type needs properties")


def _check_fields(body: dict[str, Any], *, namespace: str | None, top: bool) -> None:
    for name, definition in (body.get("definitions") or {}).items():
        if not isinstance(definition, dict):
            raise InvalidField(f"/definitions/{name}", "must be an object")
        _check_properties(definition, f"/definitions/{name}", namespace=namespace, top=top)
    _check_properties(body, "", namespace=namespace, top=top)
    if isinstance(body.get("items"), dict):
        _check_node(body["items"], "/items")


def _check_properties(
    node: dict[str, Any], where: str, *, namespace: str | None, top: bool
) -> None:
    properties = node.get("properties", {})
    if not isinstance(properties, dict):
        raise InvalidField(f"{where}/properties", "must be an object")
    for name, child in properties.items():
        path = f"{where}/properties/{name}"
        _check_name(name, path, namespace=namespace, top=top)
        _check_node(child, path)


def _check_name(name: str, path: str, *, namespace: str | None, top: bool) -> None:
    if not _NAME.match(name):
        raise InvalidField(path, "field names may only contain letters, digits, '-' and '_'")
    if top and namespace is not None and name != f"_{namespace}":
        raise InvalidField(path, f"custom fields must be nested under '_{namespace}'")
    if name.startswith("_") and not top:
        raise InvalidField(path, "field names must not start with '_'")


def _check_node(node: Any, path: str) -> None:
    if not isinstance(node, dict):
        raise InvalidField(path, "must be an object")
    if "$ref" in node:
        if not isinstance(node["$ref"], str):
            raise InvalidField(f"{path}/$ref", "must be a string")
        return
    kind = node.get("type")
    if kind not in JSON_TYPES:
        raise InvalidField(f"{path}/type", f"must be one of {', '.join(sorted(JSON_TYPES))}")
    declared = node.get("meta:xdmType")
    if declared is not None and declared not in XDM_TYPES:
        raise InvalidField(f"{path}/meta:xdmType", f"unknown XDM type '{declared}'")
    _check_constraints(node, path, kind)
    if kind == "array":
        if not isinstance(node.get("items"), dict):
            raise InvalidField(f"{path}/items", "an array field needs items")
        _check_node(node["items"], f"{path}/items")
    elif kind == "object":
        if isinstance(node.get("additionalProperties"), dict):
            _check_node(node["additionalProperties"], f"{path}/additionalProperties")
        _check_properties(node, path, namespace=None, top=False)


def _check_constraints(node: dict[str, Any], path: str, kind: str) -> None:
    enum = node.get("enum")
    if enum is not None:
        allowed = _ENUM_TYPES.get(kind, (object,))
        bad = [v for v in enum if not isinstance(v, allowed)] if isinstance(enum, list) else [enum]
        if not enum or bad:
            raise InvalidField(f"{path}/enum", f"must be a non-empty array of {kind} values")
    for low, high in (("minimum", "maximum"), ("minLength", "maxLength")):
        values = [node.get(low), node.get(high)]
        if any(
            v is not None and (isinstance(v, bool) or not isinstance(v, int | float))
            for v in values
        ):
            raise InvalidField(f"{path}/{low}", f"{low}/{high} must be numbers")
        if values[0] is not None and values[1] is not None and values[0] > values[1]:
            raise InvalidField(f"{path}/{low}", f"{low} must not exceed {high}")
    if "pattern" in node:
        try:
            re.compile(str(node["pattern"]))
        except re.error as exc:
            raise InvalidField(f"{path}/pattern", f"invalid regular expression: {exc}") from exc
