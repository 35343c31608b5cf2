"""User-agent functions: the platform's examples, device classes, unknowns, nulls."""

from __future__ import annotations

from typing import Any

import polars as pl
import pytest

from headwater.dataprep.functions import function_table
from headwater.dataprep.functions.user_agent import FUNCTIONS
from headwater.dataprep.values import ExpressionError, Value

IPHONE = (
    "Mozilla/5.0 (iPhone; CPU iPhone OS 5_1_1 like Mac OS X) AppleWebKit/534.46 "
    "(KHTML, like Gecko) Version/5.1 Mobile/9B206 Safari/7534.48.3"
)
WINDOWS_CHROME = (
    "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) "
    "Chrome/120.0.0.0 Safari/537.36"
)
# The device classes the platform lists (YAUAA's).
PLATFORM_CLASSES = {
    "Desktop", "Anonymized", "Unknown", "Mobile", "Tablet", "Phone", "Watch",
    "Augmented Reality", "Virtual Reality", "eReader", "Set-top box", "TV", "Home Appliance",
    "Game Console", "Handheld Game Console", "Voice", "Car", "Robot", "Robot Mobile",
    "Robot Imitator", "Cloud", "Hacker",
}  # fmt: skip
DEVICES = {
    IPHONE: "Phone",
    WINDOWS_CHROME: "Desktop",
    "Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko) "
    "Version/17.0 Safari/605.1.15": "Desktop",
    "Mozilla/5.0 (X11; Linux x86_64; rv:109.0) Gecko/20100101 Firefox/115.0": "Desktop",
    "Mozilla/5.0 (Linux; Android 13; SM-S918B) AppleWebKit/537.36 (KHTML, like Gecko) "
    "Chrome/112.0.0.0 Mobile Safari/537.36": "Phone",
    "Mozilla/5.0 (iPad; CPU OS 16_4 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) "
    "Version/16.4 Mobile/15E148 Safari/604.1": "Tablet",
    "Mozilla/5.0 (Linux; Android 12; SM-X700) AppleWebKit/537.36 (KHTML, like Gecko) "
    "Chrome/110.0 Safari/537.36": "Tablet",
    "Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)": "Robot",
    "Mozilla/5.0 (Linux; Android 6.0.1; Nexus 5X Build/MMB29P) AppleWebKit/537.36 (KHTML, "
    "like Gecko) Chrome/41.0.2272.96 Mobile Safari/537.36 (compatible; Googlebot/2.1; "
    "+http://www.google.com/bot.html)": "Robot Mobile",
    "Mozilla/5.0 (SMART-TV; Linux; Tizen 6.0) AppleWebKit/537.36 (KHTML, like Gecko) "
    "SamsungBrowser/4.0 Chrome/76.0.3809.146 TV Safari/537.36": "TV",
    "Mozilla/5.0 (PlayStation 4 3.11) AppleWebKit/537.73 (KHTML, like Gecko)": "Game Console",
    "Mozilla/5.0 (PlayStation Vita 3.74) AppleWebKit/536.26 (KHTML, like Gecko) "
    "Silk/3.2": "Handheld Game Console",
    "Mozilla/5.0 (X11; U; Linux armv7l like Android; en-us) AppleWebKit/531.2+ (KHTML, like "
    "Gecko) Version/5.0 Safari/531.2+ Kindle/3.0+": "eReader",
    "Mozilla/5.0 (Linux; Android 10; Quest 2) AppleWebKit/537.36 (KHTML, like Gecko) "
    "OculusBrowser/16.0.0.3.13 SamsungBrowser/4.0 Chrome/91.0.4472.88 VR "
    "Safari/537.36": "Virtual Reality",
    "AppleTV11,1/11.1": "Set-top box",
    "Roku4640X/DVP-7.70 (297.70E04154A)": "Set-top box",
    "Mozilla/5.0 (X11; Linux) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/79.0.3945.130 "
    "Safari/537.36 Tesla/2020.48.26": "Car",
    "Mozilla/5.0' OR '1'='1": "Hacker",
    "curl/7.64.1": "Unknown",
    "": "Unknown",
    "完全に不明なエージェント": "Unknown",
}


def call(name: str, agents: list[str | None]) -> list[Any]:
    value = function_table()[name].compile([Value(pl.col("ua"), pl.String())])
    assert value.dtype == pl.String and value.error is None
    frame = pl.DataFrame({"ua": agents}, schema={"ua": pl.String})
    return frame.select(value.expr).to_series().to_list()


@pytest.mark.parametrize("function", FUNCTIONS, ids=[f.name for f in FUNCTIONS])
def test_the_documented_examples(function: Any) -> None:
    assert call(function.name, [IPHONE]) == [function.result]
    assert function.scalar(IPHONE) == function.result


def test_a_desktop_browser() -> None:
    got = {function.name: call(function.name, [WINDOWS_CHROME])[0] for function in FUNCTIONS}
    assert got == {
        "ua_os_name": "Windows",
        "ua_os_version_major": "Windows 10",
        "ua_os_version": "10",
        "ua_os_name_version": "Windows 10",
        "ua_agent_version": "120.0.0.0",
        "ua_agent_version_major": "Chrome 120",
        "ua_agent_name": "Chrome",
        "ua_device_class": "Desktop",
    }


def test_device_classes() -> None:
    agents = list(DEVICES)
    assert dict(zip(agents, call("ua_device_class", agents), strict=True)) == DEVICES
    assert set(DEVICES.values()) <= PLATFORM_CLASSES


def test_what_the_parser_cannot_tell_is_unknown() -> None:
    got = {function.name: call(function.name, ["", "x"]) for function in FUNCTIONS}
    assert got == {
        "ua_os_name": ["Unknown"] * 2,
        "ua_os_version_major": ["Unknown ??"] * 2,
        "ua_os_version": ["??"] * 2,
        "ua_os_name_version": ["Unknown ??"] * 2,
        "ua_agent_version": ["??"] * 2,
        "ua_agent_version_major": ["Unknown ??"] * 2,
        "ua_agent_name": ["Unknown"] * 2,
        "ua_device_class": ["Unknown"] * 2,
    }


def test_a_batch_with_nulls_and_repeats_equals_the_reference() -> None:
    agents = [IPHONE, None, WINDOWS_CHROME, IPHONE, "", None, *DEVICES]
    for function in FUNCTIONS:
        assert call(function.name, agents) == [function.scalar(agent) for agent in agents]
    null = function_table()["ua_os_name"].compile([Value(pl.lit(None), pl.Null())])
    assert pl.select(null.expr).to_series().to_list() == [None]


def test_a_user_agent_must_be_a_text() -> None:
    with pytest.raises(ExpressionError, match="must be a text"):
        function_table()["ua_agent_name"].compile([Value(pl.col("n"), pl.Int64())])
