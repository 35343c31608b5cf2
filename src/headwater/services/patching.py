"""JSON Patch (RFC 6902) applied to resource documents, with the platform's error codes."""

from __future__ import annotations

import copy
from typing import Any

import jsonpatch
import jsonpointer

from headwater.errors import BadRequest

OPS = {"add", "remove", "replace", "move", "copy", "test"}


def apply_patch(
    document: dict[str, Any], operations: Any, *, allowed_ops: frozenset[str] | None = None
) -> dict[str, Any]:
    """A patched copy of ``document``; ``operations`` is the parsed request body.

    Operation names are case-insensitive (the platform's spec writes ``ADD``, its docs ``add``).
    """
    if not isinstance(operations, list) or not operations:
        raise BadRequest("The body must be a non-empty JSON Patch array", code="1405")
    normalised = [_normalise(op, allowed_ops) for op in operations]
    try:
        patched = jsonpatch.apply_patch(copy.deepcopy(document), normalised)
    except (jsonpatch.JsonPatchConflict, jsonpointer.JsonPointerException) as exc:
        raise BadRequest(f"The patch does not apply: {exc}", code="1455") from None
    except jsonpatch.JsonPatchTestFailed as exc:
        raise BadRequest(f"A test operation failed: {exc}", code="1455") from None
    except jsonpatch.InvalidJsonPatch as exc:
        raise BadRequest(f"Invalid JSON Patch: {exc}", code="1434") from None
    if not isinstance(patched, dict):
        raise BadRequest("A patch may not replace the whole document", code="1455")
    return patched


def touched_roots(operations: list[dict[str, Any]]) -> set[str]:
    """The top-level members a patch writes to (``/auth/params/x`` → ``auth``)."""
    roots = set()
    for op in operations:
        for key in ("path", "from"):
            path = op.get(key)
            if isinstance(path, str) and path.startswith("/"):
                roots.add(jsonpointer.JsonPointer(path).parts[0] if path != "/" else "")
    return roots


def _normalise(op: Any, allowed_ops: frozenset[str] | None) -> dict[str, Any]:
    if not isinstance(op, dict):
        raise BadRequest("Each JSON Patch operation must be an object", code="1434")
    name = str(op.get("op", "")).lower()
    if name not in OPS or (allowed_ops is not None and name not in allowed_ops):
        raise BadRequest(f"Unsupported patch operation: {op.get('op')!r}", code="1434")
    path = op.get("path")
    if not isinstance(path, str) or not (path == "" or path.startswith("/")):
        raise BadRequest(f"Invalid patch path: {path!r}", code="1455")
    if name in ("add", "replace", "test") and "value" not in op:
        raise BadRequest(f"Operation {name} at {path} needs a value", code="1455")
    return {**op, "op": name}
