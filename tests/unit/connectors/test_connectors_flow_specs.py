"""Flow specs, schedule params and options."""

from __future__ import annotations

from typing import Any

import pytest
from jsonschema import Draft7Validator  # type: ignore[import-untyped]

from headwater.connectors import (
    CLOUD_STORAGE_FLOW_SPEC_ID,
    DATA_LAKE_SPEC_ID,
    STREAMING_FLOW_SPEC_ID,
    all_specs,
    find_flow_spec,
    flow_specs,
    get_flow_spec,
    validate_options,
    validate_schedule,
)
from headwater.errors import InvalidField, NotFound

CLOUD = get_flow_spec(CLOUD_STORAGE_FLOW_SPEC_ID)
STREAMING = get_flow_spec(STREAMING_FLOW_SPEC_ID)


def test_cloud_storage_flow_spec_identity() -> None:
    assert CLOUD["name"] == "CloudStorageToAEP"
    assert CLOUD["providerId"] == "0ed90a81-07f4-4586-8190-b40eccef1c5a"
    assert CLOUD["version"] == "1.0"
    assert CLOUD["targetConnectionSpecIds"] == [DATA_LAKE_SPEC_ID]
    assert CLOUD["attributes"]["isSourceFlow"] is True
    assert CLOUD["transformationSpecs"][0]["name"] == "Mapping"
    assert set(CLOUD["transformationSpecs"][0]["spec"]["properties"]) == {
        "mappingId",
        "mappingVersion",
    }
    assert CLOUD["permissionsInfo"]["manage"][0]["name"] == "EnterpriseSource"


def test_flow_spec_sources_come_from_the_registry() -> None:
    files = [spec.id for spec in all_specs() if spec.is_source and not spec.is_streaming]
    streams = [spec.id for spec in all_specs() if spec.is_streaming]
    assert CLOUD["sourceConnectionSpecIds"] == files
    assert STREAMING["sourceConnectionSpecIds"] == streams
    assert "26f526f2-58f4-4712-961d-e41bf1ccc0e8" in files  # aepp looks CloudStorageToAEP up by DLZ
    assert DATA_LAKE_SPEC_ID not in files + streams
    assert sorted(streams) == [
        "86043421-563b-46ec-8e6c-e23184711bf6",
        "bf9f5905-92b7-48bf-bf20-455bc6b60a4e",
    ]


def test_streaming_flow_spec() -> None:
    assert STREAMING["providerId"] == "521eee4d-8cbe-4906-bb48-fb6bd4450033"
    assert STREAMING["targetConnectionSpecIds"] == [DATA_LAKE_SPEC_ID]
    assert "scheduleSpec" not in STREAMING


def test_schedule_spec_matches_the_reference() -> None:
    schedule = CLOUD["scheduleSpec"]
    assert (schedule["name"], schedule["type"]) == ("PeriodicSchedule", "Periodic")
    spec = schedule["spec"]
    Draft7Validator.check_schema(spec)
    assert spec["properties"]["frequency"]["enum"] == ["once", "minute", "hour", "day", "week"]
    assert spec["properties"]["backfill"] == {"type": "boolean", "default": True}
    assert spec["required"] == ["startTime", "frequency"]
    # The documented top level, as seed 003 shows it.
    assert spec["if"] == {"properties": {"frequency": {"const": "minute"}}}
    assert spec["then"]["properties"]["interval"]["minimum"] == 15
    assert spec["else"]["properties"]["interval"]["minimum"] == 1
    assert spec["properties"]["endTime"] == {"description": "epoch time", "type": "integer"}


def test_option_and_run_specs() -> None:
    options = CLOUD["optionSpec"]["spec"]
    Draft7Validator.check_schema(options)
    assert options["properties"]["errorDiagnosticsEnabled"]["default"] is False
    percent = options["properties"]["partialIngestionPercent"]
    assert (percent["type"], percent["exclusiveMinimum"], percent["maximum"]) == ("number", 0, 100)
    run = CLOUD["runSpec"]["spec"]
    Draft7Validator.check_schema(run)
    assert run["required"] == ["startTime", "windowStartTime", "windowEndTime"]


def test_flow_spec_lookups_return_fresh_copies() -> None:
    assert [spec["id"] for spec in flow_specs()] == [
        CLOUD_STORAGE_FLOW_SPEC_ID,
        STREAMING_FLOW_SPEC_ID,
    ]
    first = get_flow_spec(CLOUD_STORAGE_FLOW_SPEC_ID)
    first["sourceConnectionSpecIds"].clear()
    assert get_flow_spec(CLOUD_STORAGE_FLOW_SPEC_ID)["sourceConnectionSpecIds"]
    assert find_flow_spec("nope") is None
    with pytest.raises(NotFound) as caught:
        get_flow_spec("nope")
    assert caught.value.code == "1413"


# --- scheduleParams -------------------------------------------------------------------------


def test_seed_000_schedule() -> None:
    schedule = {"startTime": 1584730260, "frequency": "minute", "interval": 1000, "backfill": True}
    assert validate_schedule(CLOUD, schedule) == schedule


def test_seed_003_schedule_with_strings() -> None:
    schedule = {"startTime": "1597784298", "frequency": "minute", "interval": "30"}
    assert validate_schedule(CLOUD, schedule) == {
        "startTime": 1597784298,
        "frequency": "minute",
        "interval": 30,
    }


def test_strings_for_booleans_and_case_of_frequency() -> None:
    out = validate_schedule(
        CLOUD,
        {"startTime": "1597784298", "frequency": "Hour", "interval": "1", "backfill": "false"},
    )
    assert out == {"startTime": 1597784298, "frequency": "hour", "interval": 1, "backfill": False}


def test_once_without_interval() -> None:
    assert validate_schedule(CLOUD, {"startTime": 1597784298, "frequency": "once"}) == {
        "startTime": 1597784298,
        "frequency": "once",
    }


def test_past_start_time_is_accepted() -> None:
    validate_schedule(CLOUD, {"startTime": 1, "frequency": "day", "interval": 1})


def _code(schedule: dict[str, Any] | None) -> tuple[str, str, str]:
    with pytest.raises(InvalidField) as caught:
        validate_schedule(CLOUD, schedule)
    return caught.value.code, caught.value.field, caught.value.message


@pytest.mark.parametrize("schedule", [None, {}, {"interval": None}])
def test_empty_schedule_is_1317(schedule: dict[str, Any] | None) -> None:
    assert _code(schedule)[0] == "1317"


def test_bad_frequency_is_1397() -> None:
    code, field, _ = _code({"startTime": 1597784298, "frequency": "fortnight", "interval": 1})
    assert (code, field) == ("1397", "scheduleParams.frequency")


def test_interval_with_once_is_1361() -> None:
    code, field, _ = _code({"startTime": 1597784298, "frequency": "once", "interval": 15})
    assert (code, field) == ("1361", "scheduleParams.interval")


def test_backfill_with_once_is_1364() -> None:
    code, field, _ = _code({"startTime": 1597784298, "frequency": "once", "backfill": "true"})
    assert (code, field) == ("1364", "scheduleParams.backfill")


def test_minute_interval_below_15_is_1362() -> None:
    code, field, message = _code({"startTime": 1597784298, "frequency": "minute", "interval": 10})
    assert (code, field) == ("1362", "scheduleParams.interval")
    assert "15" in message


def test_hour_interval_below_1_is_1362() -> None:
    code, _, message = _code({"startTime": 1597784298, "frequency": "hour", "interval": "0"})
    assert code == "1362"
    assert "at least 1" in message


@pytest.mark.parametrize(
    ("schedule", "field"),
    [
        ({"frequency": "minute", "interval": 15}, "scheduleParams.startTime"),
        ({"startTime": 1597784298, "frequency": "day"}, "scheduleParams.interval"),
        ({"startTime": 1597784298, "interval": 1}, "scheduleParams.frequency"),
    ],
)
def test_missing_fields_are_1304(schedule: dict[str, Any], field: str) -> None:
    code, got, _ = _code(schedule)
    assert (code, got) == ("1304", field)


def test_milliseconds_start_time_is_rejected() -> None:
    code, field, message = _code({"startTime": 1597784298000, "frequency": "once"})
    assert field == "scheduleParams.startTime"
    assert "milliseconds" in message
    assert code != "1317"


@pytest.mark.parametrize("value", ["soon", 1.5, True, [1]])
def test_non_integer_start_time_is_rejected(value: Any) -> None:
    _, field, message = _code({"startTime": value, "frequency": "once"})
    assert field == "scheduleParams.startTime"
    assert "integer" in message


def test_streaming_flows_take_no_schedule() -> None:
    assert validate_schedule(STREAMING, None) == {}
    with pytest.raises(InvalidField):
        validate_schedule(STREAMING, {"frequency": "once", "startTime": 1})


# --- options --------------------------------------------------------------------------------


def test_options_of_the_tutorial() -> None:
    assert validate_options(
        CLOUD, {"partialIngestionPercent": 10, "errorDiagnosticsEnabled": True}
    ) == {"partialIngestionPercent": 10, "errorDiagnosticsEnabled": True}


def test_options_as_strings() -> None:
    assert validate_options(
        CLOUD, {"partialIngestionPercent": "10", "errorDiagnosticsEnabled": "true"}
    ) == {"partialIngestionPercent": 10, "errorDiagnosticsEnabled": True}
    assert validate_options(CLOUD, {"partialIngestionPercent": "2.5"}) == {
        "partialIngestionPercent": 2.5
    }
    assert validate_options(CLOUD, None) == {}


@pytest.mark.parametrize("percent", [0, -1, "0", 100.5, "many"])
def test_partial_ingestion_percent_range(percent: Any) -> None:
    with pytest.raises(InvalidField) as caught:
        validate_options(CLOUD, {"partialIngestionPercent": percent})
    assert caught.value.field == "options.partialIngestionPercent"


def test_streaming_options_are_kept() -> None:
    assert validate_options(STREAMING, {"inletUrl": "https://dcs.example/x"}) == {
        "inletUrl": "https://dcs.example/x"
    }
