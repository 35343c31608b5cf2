"""Replay a seed tutorial call by call against a live server.

The driver sends each documented ``curl`` call as the tutorial writes it, with the host replaced,
the tutorial's placeholders filled in, and the ids the tutorial shows replaced by the ids our
server actually returned for the same objects. It checks every call gets the documented status and
a response with the documented shape, and hands each (step, request, response) to value checks.

Two departures from "send it as written" are checked explicitly rather than glossed over:

- a call without an ``Authorization`` header must first be refused like the platform's gateway
  (403 ``403010``) and changes nothing; it is then sent again with the header;
- a body that is not valid JSON must first be refused with a 400 that says so and changes
  nothing; it is then sent again with the tutorial's doubled quotes repaired.
"""

from __future__ import annotations

import json
import re
import time
import uuid
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urlsplit

import httpx

from support.live_server import LiveTenant
from support.seeds import Seed, Step
from support.shapes import shape_mismatches

PLATFORM_HOST = re.compile(r"^https?://platform\.adobe\.io")
UNFILLED = re.compile(r"\{\{?\$?[A-Za-z_]+\}\}?")
DOUBLED_QUOTES = re.compile(r'""([^"]+)""')
ID_KEYS = ("id", "$id", "meta:altId")
DATASET_REF = "@/dataSets/"
MISSING_TOKEN = {"error_code": "403010", "message": "Oauth token is missing."}

# Success status of a create, per service (Data Prep answers 200, the others 201).
CREATE_STATUS = {
    "/data/foundation/flowservice/": 201,
    "/data/foundation/schemaregistry/": 201,
    "/data/foundation/catalog/": 201,
    "/data/foundation/conversion/": 200,
}


@dataclass(frozen=True)
class Listing:
    """How to count the objects of a collection, to show that a refused call changed nothing."""

    params: dict[str, str]
    headers: dict[str, str]
    count: Callable[[Any], int]


LISTINGS = {
    "/data/foundation/flowservice/": Listing({"count": "true"}, {}, lambda body: body["count"]),
    "/data/foundation/schemaregistry/": Listing(
        {}, {"Accept": "application/vnd.adobe.xed-id+json"}, lambda body: len(body["results"])
    ),
    "/data/foundation/catalog/": Listing({"limit": "100"}, {}, len),
    "/data/foundation/conversion/": Listing(
        {"limit": "100", "start": "0"}, {}, lambda body: len(body["data"])
    ),
}


def _service(path: str) -> str:
    for prefix in CREATE_STATUS:
        if path.startswith(prefix):
            return prefix
    raise AssertionError(f"{path} belongs to no service the replay knows")


def expected_status(method: str, path: str) -> int:
    return CREATE_STATUS[_service(path)] if method == "POST" else 200


class IdMap:
    """Documented id → actual id, learnt from responses and applied to later requests.

    The first actual id learnt for a documented id wins: tutorials reuse example ids (seed 003
    shows the same id for two source connections, and its flow's id equals its target
    connection's), and later calls refer to the first object that carried it.
    """

    def __init__(self) -> None:
        self._ids: dict[str, str] = {}
        self._aliases: dict[str, str] = {}

    def learn(self, documented: str, actual: str) -> None:
        if documented and documented not in self._ids:
            self._ids[documented] = actual

    def alias(self, other: str, documented: str) -> None:
        """Treat ``other`` in later requests as the object documented as ``documented``."""
        self._aliases[other] = documented

    def actual(self, documented: str) -> str:
        return self._ids[self._aliases.get(documented, documented)]

    def apply(self, text: str) -> str:
        table = dict(self._ids)
        table.update(
            {other: self._ids[doc] for other, doc in self._aliases.items() if doc in self._ids}
        )
        for documented in sorted(table, key=len, reverse=True):
            text = text.replace(documented, table[documented])
        return text

    def learn_from(self, documented: Any, actual: Any) -> None:
        """Walk a documented response beside the actual one and learn the ids they show."""
        if isinstance(documented, dict) and isinstance(actual, dict):
            for key, value in documented.items():
                if key not in actual:
                    continue
                if key in ID_KEYS and isinstance(value, str) and isinstance(actual[key], str):
                    self.learn(value, actual[key])
                else:
                    self.learn_from(value, actual[key])
        elif isinstance(documented, list) and isinstance(actual, list):
            for doc_item, actual_item in zip(documented, actual, strict=False):
                self.learn_from(doc_item, actual_item)
        elif (
            isinstance(documented, str)
            and isinstance(actual, str)
            and documented.startswith(DATASET_REF)
            and actual.startswith(DATASET_REF)
        ):
            self.learn(documented, actual)
            self.learn(documented.removeprefix(DATASET_REF), actual.removeprefix(DATASET_REF))


@dataclass(frozen=True)
class Outcome:
    """What one replayed step sent and got back."""

    step: Step
    method: str
    path: str
    request: Any
    response: Any


ValueCheck = Callable[["SeedReplay", Outcome, Any], None]


@dataclass
class SeedReplay:
    """Replays seeds for one tenant of a live server.

    ``http`` must send no headers of its own: each step sends exactly the tutorial's headers.
    """

    tenant: LiveTenant
    http: httpx.Client
    value_checks: list[ValueCheck] = field(default_factory=list)
    ids: IdMap = field(default_factory=IdMap)
    # Shape and value differences do not stop a replay (later steps still show what they show);
    # ``run`` fails with all of them at the end. A wrong status does stop it.
    problems: list[str] = field(default_factory=list)
    server_log: Callable[[], str] | None = None
    _tenant_id: str | None = None

    # --- placeholders -------------------------------------------------------------------

    @property
    def tenant_id(self) -> str:
        """The tenant id of ``GET /schemaregistry/stats``, fetched when a step first needs it."""
        if self._tenant_id is None:
            reply = self.get("/data/foundation/schemaregistry/stats")
            assert reply.status_code == 200, f"GET /stats: {reply.status_code} {reply.text}"
            self._tenant_id = str(reply.json()["tenantId"])
        return self._tenant_id

    def fill(self, text: str) -> str:
        """Fill the tutorial's placeholders, then swap documented ids for actual ones."""
        text = PLATFORM_HOST.sub(self.tenant.base_url, text)
        text = re.sub(r"\{\{\$guid\}\}", lambda _: str(uuid.uuid4()), text)
        text = text.replace("{{$timestamp}}", str(int(time.time())))
        values = {
            "{ACCESS_TOKEN}": self.tenant.token,
            "{API_KEY}": self.tenant.client_id,
            "{ORG_ID}": self.tenant.org_id,
            "{IMS_ORG}": self.tenant.org_id,
            "{SANDBOX_NAME}": self.tenant.sandbox,
        }
        for placeholder, value in values.items():
            text = text.replace(placeholder, value)
        if "{TENANT_ID}" in text:
            text = text.replace("{TENANT_ID}", self.tenant_id)
        return self.ids.apply(text)

    def documented(self, step: Step) -> Any:
        """The documented response with the placeholders we know filled in (others stay)."""
        if step.documented is None:
            return None
        text = json.dumps(step.documented)
        for placeholder in ("{ORG_ID}", "{IMS_ORG}"):
            text = text.replace(placeholder, self.tenant.org_id)
        if "{TENANT_ID}" in text:
            text = text.replace("{TENANT_ID}", self.tenant_id)
        return json.loads(text)

    def get(self, path: str, **kwargs: Any) -> httpx.Response:
        """GET ``path`` as the tenant (the replay's client sends no headers of its own)."""
        return self.http.get(
            path, headers={**self.tenant.headers(), **kwargs.pop("headers", {})}, **kwargs
        )

    # --- prerequisites --------------------------------------------------------------------

    def create(self, documented_id: str, path: str, body: dict[str, Any]) -> str:
        """Create an object a seed says to create elsewhere; map its documented id to it."""
        reply = self.http.post(path, json=body, headers=self.tenant.headers())
        assert reply.status_code in (200, 201), f"prerequisite {path}: {reply.text}"
        actual = str(reply.json()["id"])
        self.ids.learn(documented_id, actual)
        return actual

    # --- the replay -------------------------------------------------------------------------

    def run(self, seed: Seed) -> list[Outcome]:
        assert seed.steps, f"{seed.name}: no curl calls found"
        outcomes = [self.replay(step) for step in seed.steps]
        assert not self.problems, "\n\n".join(self.problems)
        return outcomes

    def replay(self, step: Step) -> Outcome:
        url = self.fill(step.call.url)
        headers = {name: self.fill(value) for name, value in step.call.headers.items()}
        body = self.fill(step.call.body) if step.call.body is not None else None
        unfilled = UNFILLED.findall(" ".join([url, *headers.values(), body or ""]))
        assert not unfilled, f"{step.name}: placeholders left unfilled: {unfilled}"
        path = urlsplit(url).path
        method = step.call.method

        if not any(name.lower() == "authorization" for name in headers):
            self._expect_missing_token(step, method, url, path, headers, body)
            headers["Authorization"] = f"Bearer {self.tenant.token}"
        if body is not None and not _is_json(body):
            body = self._expect_invalid_json(step, method, url, path, headers, body)

        reply = self.http.request(method, url, headers=headers, content=body)
        want = expected_status(method, path)
        assert reply.status_code == want, (
            f"{step.name}: expected {want}, got {reply.status_code}: {reply.text[:2000]}"
            + self._server_trace(reply)
        )
        actual = reply.json()
        documented = self.documented(step)
        mismatches = shape_mismatches(documented, actual)
        if mismatches:
            self.problems.append(
                f"{step.name}: response differs from the documented shape:\n"
                + "\n".join(mismatches)
                + f"\nresponse: {reply.text[:1000]}"
            )
        self.ids.learn_from(documented, actual)
        outcome = Outcome(step, method, path, json.loads(body) if body else None, actual)
        for check in self.value_checks:
            try:
                check(self, outcome, documented)
            except AssertionError as failed:
                self.problems.append(f"{step.name}: {check.__name__} failed: {failed}")
        return outcome

    def _expect_missing_token(
        self,
        step: Step,
        method: str,
        url: str,
        path: str,
        headers: dict[str, str],
        body: str | None,
    ) -> None:
        before = self.collection_size(path) if method == "POST" else None
        reply = self.http.request(method, url, headers=headers, content=body)
        assert (reply.status_code, _json_or_text(reply)) == (403, MISSING_TOKEN), (
            f"{step.name} (sent without Authorization, as the tutorial does): "
            f"{reply.status_code} {reply.text[:500]}"
        )
        if before is not None:
            assert self.collection_size(path) == before, f"{step.name}: refused call wrote"

    def _expect_invalid_json(
        self, step: Step, method: str, url: str, path: str, headers: dict[str, str], body: str
    ) -> str:
        before = self.collection_size(path)
        reply = self.http.request(method, url, headers=headers, content=body)
        assert reply.status_code == 400, (
            f"{step.name} (body is not valid JSON): {reply.status_code} {reply.text[:500]}"
        )
        assert says_invalid_json(reply.text), f"{step.name}: 400 does not say why: {reply.text}"
        assert self.collection_size(path) == before, f"{step.name}: invalid body still wrote"
        repaired = DOUBLED_QUOTES.sub(r'"\1"', body)
        assert _is_json(repaired), f"{step.name}: body still invalid after repair: {repaired}"
        return repaired

    def _server_trace(self, reply: httpx.Response) -> str:
        if reply.status_code < 500 or self.server_log is None:
            return ""
        return "\nserver log (tail):\n" + self.server_log()[-3000:]

    def collection_size(self, path: str) -> int:
        """How many objects the collection ``path`` holds for this tenant."""
        listing = LISTINGS[_service(path)]
        reply = self.get(path, params=listing.params, headers=listing.headers)
        assert reply.status_code == 200, f"GET {path} (to count): {reply.status_code} {reply.text}"
        return listing.count(reply.json())


def says_invalid_json(text: str) -> bool:
    lowered = text.lower()
    return "json" in lowered and any(
        word in lowered for word in ("invalid", "not valid", "malformed")
    )


def _is_json(text: str) -> bool:
    try:
        json.loads(text)
    except ValueError:
        return False
    return True


def _json_or_text(reply: httpx.Response) -> Any:
    try:
        return reply.json()
    except ValueError:
        return reply.text
