"""The seed tutorials as data: each ```shell curl call, with the response documented after it.

A seed is a platform tutorial in Markdown. Its API calls are ``curl`` commands in ```shell blocks;
the response the platform documents for a call is the first ```json block after it (before the
next call). Bodies are kept as text: some seeds send bodies that are not valid JSON, and the
replay has to send exactly what the tutorial says.
"""

from __future__ import annotations

import json
import os
import re
import shlex
from dataclasses import dataclass
from pathlib import Path
from typing import Any

SEEDS_ENV = "HEADWATER_SEEDS_DIR"
# tests/support/seeds.py → repository root → its sibling "shared/seeds".
DEFAULT_SEEDS_DIR = Path(__file__).resolve().parents[2].parent / "shared" / "seeds"

_FENCE = re.compile(r"^```(\w*)[^\n]*\n(.*?)^```", re.MULTILINE | re.DOTALL)
_HEADING = re.compile(r"^#+\s+(.*?)\s*(\{#[^}]*\})?\s*$", re.MULTILINE)
_CONTINUATION = re.compile(r"\\\n")


@dataclass(frozen=True)
class CurlCall:
    method: str
    url: str
    headers: dict[str, str]
    body: str | None


@dataclass(frozen=True)
class Step:
    """One documented API call of a seed and the response the tutorial shows for it."""

    seed: str
    number: int
    heading: str
    call: CurlCall
    documented: Any | None

    @property
    def name(self) -> str:
        path = self.call.url.split("adobe.io", 1)[-1]
        return f"{self.seed} step {self.number} ({self.heading}): {self.call.method} {path}"


@dataclass(frozen=True)
class Seed:
    name: str
    steps: list[Step]


def seeds_dir() -> Path:
    return Path(os.environ.get(SEEDS_ENV) or DEFAULT_SEEDS_DIR)


def find_seed(prefix: str) -> Path | None:
    """The seed file whose name starts with ``prefix`` (e.g. ``"000_"``), if present."""
    directory = seeds_dir()
    if not directory.is_dir():
        return None
    matches = sorted(directory.glob(f"{prefix}*.txt"))
    return matches[0] if matches else None


def parse_seed(path: Path) -> Seed:
    text = path.read_text(encoding="utf-8")
    name = path.stem
    steps: list[Step] = []
    pending: tuple[str, CurlCall] | None = None
    for fence in _FENCE.finditer(text):
        language, content = fence.group(1), fence.group(2)
        if language == "shell" and "curl" in content:
            if pending:
                steps.append(_step(name, len(steps) + 1, pending, None))
            pending = (_heading_before(text, fence.start()), parse_curl(content))
        elif language == "json" and pending:
            steps.append(_step(name, len(steps) + 1, pending, json.loads(content)))
            pending = None
    if pending:
        steps.append(_step(name, len(steps) + 1, pending, None))
    return Seed(name, steps)


def _step(seed: str, number: int, pending: tuple[str, CurlCall], documented: Any) -> Step:
    heading, call = pending
    return Step(seed, number, heading, call, documented)


def _heading_before(text: str, offset: int) -> str:
    headings = [m.group(1) for m in _HEADING.finditer(text, 0, offset)]
    return headings[-1] if headings else ""


def parse_curl(command: str) -> CurlCall:
    """Method, URL, headers and body of one ``curl`` command line (with ``\\`` continuations)."""
    words = shlex.split(_CONTINUATION.sub(" ", command))
    if not words or words[0] != "curl":
        raise ValueError(f"not a curl command: {command[:60]!r}")
    method, url, body = None, "", None
    headers: dict[str, str] = {}
    rest = iter(words[1:])
    for word in rest:
        if word in ("-X", "--request"):
            method = next(rest).upper()
        elif word in ("-H", "--header"):
            name, _, value = next(rest).partition(":")
            headers[name.strip()] = value.strip()
        elif word in ("-d", "--data", "--data-raw", "--data-binary"):
            body = next(rest)
        elif not word.startswith("-"):
            url = word
    if not url:
        raise ValueError(f"curl command without a URL: {command[:60]!r}")
    # Like curl: a body without -X means POST.
    return CurlCall(method or ("POST" if body is not None else "GET"), url, headers, body)
