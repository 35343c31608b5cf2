"""User agent: the operating system, agent and device class of a ``User-Agent`` header.

Parsing is ua-parser 1.x (the uap-core rules of ``ua-parser-builtins``). It is a library call per
value, so each batch parses its *distinct* user agents only (``_kernels.map_distinct``), and
:func:`describe` keeps the last 16,384 answers across batches. The values follow the platform's
(whose device classes are those of YAUAA): names are ``Unknown`` and versions ``??`` when the
parser finds none; ``ua_os_version_major`` and ``ua_agent_version_major`` prefix the name
(``iOS 5``, ``Safari 5``); mobile variants of desktop agents keep the desktop name
(``Mobile Safari`` → ``Safari``, ``Chrome Mobile`` → ``Chrome``, see :data:`AGENT_NAMES`).

``ua_device_class`` maps the parse onto the platform's classes, first match wins:
``Hacker`` (script or SQL injected into the header), ``Robot`` / ``Robot Mobile`` (ua-parser's
``Spider``), then patterns of the header (:data:`DEVICE_PATTERNS`) for ``Watch``, ``Augmented
Reality``, ``Virtual Reality``, ``eReader``, ``Handheld Game Console``, ``Game Console``,
``Set-top box``, ``TV``, ``Car``, ``Voice``, ``Tablet`` (also Android without ``Mobile`` and
ua-parser's generic Android tablets), ``Phone``, ``Mobile`` (any other ``Mobi``), ``Desktop``
(Windows, macOS, Linux, ChromeOS, BSD), else ``Unknown``. ``Anonymized``, ``Home Appliance``,
``Robot Imitator`` and ``Cloud`` are never produced: ua-parser gives nothing to tell them.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from functools import lru_cache, partial
from typing import NamedTuple

import polars as pl
from ua_parser import Result, parse

from headwater.dataprep.functions._kernels import map_distinct, text_arg
from headwater.dataprep.functions.registry import FunctionDef, Param
from headwater.dataprep.values import Value

CATEGORY = "User agent"
UNKNOWN, NO_VERSION = "Unknown", "??"
AGENT_NAMES = {
    "Mobile Safari": "Safari",
    "Mobile Safari UI/WKWebView": "Safari",
    "Chrome Mobile": "Chrome",
    "Chrome Mobile iOS": "Chrome",
    "Chrome Mobile WebView": "Chrome Webview",
    "Firefox Mobile": "Firefox",
    "Firefox iOS": "Firefox",
    "Edge Mobile": "Edge",
    "Opera Mobile": "Opera",
}
_HACKER = re.compile(
    r"<script|\$\{jndi:|\bunion\b.+\bselect\b|\bselect\b.+\bfrom\b|'\s*or\s*'", re.I
)
_BOT_MOBILE = re.compile(r"Mobile|Android|iPhone")
DEVICE_PATTERNS: tuple[tuple[str, re.Pattern[str]], ...] = tuple(
    (name, re.compile(pattern, re.I))
    for name, pattern in (
        ("Watch", r"watch ?os|apple ?watch|wear ?os|smart ?watch|galaxy watch"),
        ("Augmented Reality", r"hololens|magic ?leap|vision ?os|apple vision"),
        ("Virtual Reality", r"oculus|\bquest\b|\bpico\b|htc vive|valve index|mobile vr"),
        ("eReader", r"\bkindle/|kobo|\bnook\b|pocketbook|tolino"),
        ("Handheld Game Console", r"playstation vita|playstation portable|\bpsp\b|nintendo 3?ds"),
        ("Game Console", r"playstation|xbox|nintendo"),
        ("Set-top box", r"apple ?tv|\broku|chromecast|\bcrkey\b|\baft[a-z]|fire ?tv|set-?top"),
        ("TV", r"smart-?tv|hbbtv|\btv\b|bravia|web0s|netcast|viera|aquos|googletv"),
        ("Car", r"tesla|qtcarbrowser|android automotive|carplay"),
        ("Voice", r"alexa|google-?home|nest ?hub"),
        (
            "Tablet",
            r"ipad|tablet|\bsm-t\d|kindle fire|\bsilk/|\bkf[a-z]{2,4}\b|playbook|nexus (7|9|10)\b",
        ),
        ("Phone", r"iphone|ipod|windows phone|blackberry|\bbb10\b|opera mini|iemobile|symbian"),
        ("Phone", r"android.*mobile|mobile.*android|series ?40|nokia"),
        ("Tablet", r"android"),  # Android without "Mobile": a tablet, by Google's convention
        ("Mobile", r"mobi"),
        ("Desktop", r"windows nt|macintosh|mac os x|\bx11\b|\bcros\b|linux|freebsd|openbsd"),
    )
)


class UserAgentInfo(NamedTuple):
    """What the functions read from one user agent."""

    os_name: str
    os_version: str
    agent_name: str
    agent_version: str
    device_class: str


def _version(*parts: str | None) -> str:
    present = [part for part in parts if part is not None]
    return ".".join(present) if present else NO_VERSION


def _device_class(user_agent: str, result: Result) -> str:
    if not user_agent.strip():
        return UNKNOWN
    if _HACKER.search(user_agent):
        return "Hacker"
    device = result.device
    if device is not None and device.family == "Spider":
        return "Robot Mobile" if _BOT_MOBILE.search(user_agent) else "Robot"
    if device is not None and device.brand == "Generic_Android_Tablet":
        return "Tablet"
    for name, pattern in DEVICE_PATTERNS:
        if pattern.search(user_agent):
            return name
    return UNKNOWN


@lru_cache(maxsize=16_384)
def describe(user_agent: str) -> UserAgentInfo:
    """The operating system, agent and device class of one user agent."""
    result = parse(user_agent)
    os, agent = result.os, result.user_agent
    agent_name = UNKNOWN if agent is None else AGENT_NAMES.get(agent.family, agent.family)
    return UserAgentInfo(
        os_name=UNKNOWN if os is None else os.family,
        os_version=NO_VERSION
        if os is None
        else _version(os.major, os.minor, os.patch, os.patch_minor),
        agent_name=agent_name,
        agent_version=NO_VERSION
        if agent is None
        else _version(agent.major, agent.minor, agent.patch, agent.patch_minor),
        device_class=_device_class(user_agent, result),
    )


def _major(version: str) -> str:
    return version.split(".", 1)[0]


_READERS: dict[str, Callable[[UserAgentInfo], str]] = {
    "ua_os_name": lambda info: info.os_name,
    "ua_os_version_major": lambda info: f"{info.os_name} {_major(info.os_version)}",
    "ua_os_version": lambda info: info.os_version,
    "ua_os_name_version": lambda info: f"{info.os_name} {info.os_version}",
    "ua_agent_version": lambda info: info.agent_version,
    "ua_agent_version_major": lambda info: f"{info.agent_name} {_major(info.agent_version)}",
    "ua_agent_name": lambda info: info.agent_name,
    "ua_device_class": lambda info: info.device_class,
}


def _read(name: str, user_agent: str) -> str:
    return _READERS[name](describe(user_agent))


def _scalar(name: str, user_agent: str | None) -> str | None:
    return None if user_agent is None else _read(name, user_agent)


def _compiler(name: str) -> Callable[[Sequence[Value]], Value]:
    def compile_reader(args: Sequence[Value]) -> Value:
        text = text_arg(args[0], function=name, param="USER_AGENT")
        kernel = partial(map_distinct, function=partial(_read, name), dtype=pl.String())
        return Value(text.map_batches(kernel, pl.String, is_elementwise=True), pl.String())

    return compile_reader


_IPHONE = (
    "Mozilla/5.0 (iPhone; CPU iPhone OS 5_1_1 like Mac OS X) AppleWebKit/534.46 "
    "(KHTML, like Gecko) Version/5.1 Mobile/9B206 Safari/7534.48.3"
)
_SPECS = (
    ("ua_os_name", "Extracts the operating system name from the user agent string.", "iOS"),
    (
        "ua_os_version_major",
        "Extracts the operating system's major version from the user agent string.",
        "iOS 5",
    ),
    (
        "ua_os_version",
        "Extracts the operating system's version from the user agent string.",
        "5.1.1",
    ),
    (
        "ua_os_name_version",
        "Extracts the operating system's name and version from the user agent string.",
        "iOS 5.1.1",
    ),
    ("ua_agent_version", "Extracts the agent version from the user agent string.", "5.1"),
    (
        "ua_agent_version_major",
        "Extracts the agent name and major version from the user agent string.",
        "Safari 5",
    ),
    ("ua_agent_name", "Extracts the agent name from the user agent string.", "Safari"),
    ("ua_device_class", "Extracts the device class from the user agent string.", "Phone"),
)

FUNCTIONS: tuple[FunctionDef, ...] = tuple(
    FunctionDef(
        name=name,
        category=CATEGORY,
        description=description,
        syntax=f"String {name}(String)",
        return_type="java.lang.String",
        example=f'{name}("{_IPHONE}")',
        result=result,
        params=(Param("USER_AGENT", "The user agent string."),),
        compile=_compiler(name),
        scalar=partial(_scalar, name),
    )
    for name, description, result in _SPECS
)
