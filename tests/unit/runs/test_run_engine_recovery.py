"""The engine's side of recovery: a run executed again, and a file read again after a failure.

Plans read real files from a local folder through the Data Landing Zone connector and commit to
a real Delta table under ``tmp_path``.
"""

from __future__ import annotations

import io
import json
from pathlib import Path
from typing import Any, BinaryIO

import pytest

from headwater import connectors, lake, xdm
from headwater.connectors import FileVersion
from headwater.connectors.errors import SourceUnavailable
from headwater.engine import RunPlan, SourcePlan, TargetPlan
from headwater.engine import pipeline as pipeline_module
from headwater.engine.pipeline import execute

LANDING_ZONE = "26f526f2-58f4-4712-961d-e41bf1ccc0e8"
CTX = "https://ns.adobe.com/xdm/context/"
PROFILE = {
    "type": "object",
    "title": "Leads",
    "allOf": [{"$ref": CTX + "profile"}, {"$ref": CTX + "profile-person-details"}],
    "meta:class": CTX + "profile",
}
MAPPING = {
    "mappings": [
        {"sourceType": "ATTRIBUTE", "source": "Id", "destination": "_id"},
        {"sourceType": "ATTRIBUTE", "source": "First", "destination": "person.name.firstName"},
        {"sourceType": "ATTRIBUTE", "source": "Gender", "destination": "person.gender"},
    ]
}


def no_lookup(ref: str) -> None:
    return None


@pytest.fixture(scope="module")
def resolved() -> dict[str, Any]:
    return xdm.resolve(PROFILE, no_lookup)


def csv(rows: int, *, unparsable_every: int = 0, invalid_every: int = 0) -> bytes:
    """Rows ``Id,First,Gender``; some with too many fields, some with a gender XDM refuses."""
    lines = ["Id,First,Gender"]
    for i in range(rows):
        if unparsable_every and i % unparsable_every == 0:
            lines.append(f"{i},one,too,many")
        elif invalid_every and i % invalid_every == 0:
            lines.append(f"{i},Name{i},robot")
        else:
            lines.append(f"{i},Name{i},{'female' if i % 2 else 'male'}")
    return ("\n".join(lines) + "\n").encode()


def plan_for(
    tmp_path: Path,
    resolved: dict[str, Any],
    files: dict[str, bytes],
    *,
    data: dict[str, Any] | None = None,
    **options: Any,
) -> RunPlan:
    """A run over ``files``, written to a landing-zone folder and listed by its connector."""
    root = tmp_path / "zone"
    root.mkdir(exist_ok=True)
    for name, body in files.items():
        (root / name).write_bytes(body)
    listed = tuple(
        connectors.open_connector(LANDING_ZONE, {}, landing_zone_root=str(root)).list("")
    )
    data = data or {"format": "delimited"}
    return RunPlan(
        run_id="run-1",
        flow_id="flow-1",
        batch_id="batch-1",
        source=SourcePlan(LANDING_ZONE, {}, "", False, data, landing_zone_root=str(root)),
        target=TargetPlan("dataset-1", str(tmp_path / "lake" / "dataset-1"), resolved),
        mapping=MAPPING,
        files=listed,
        work_dir=str(tmp_path / "runs" / "batch-1"),
        **options,
    )


def error_lines(path: str | None) -> list[dict[str, Any]]:
    assert path is not None
    out = []
    for one in sorted(Path(path).glob("*.json")):
        out += [json.loads(line) for line in one.read_text().splitlines()]
    return out


def write_versions(uri: str) -> list[int]:
    log = Path(uri) / "_delta_log"
    return [
        int(p.stem)
        for p in sorted(log.glob("*.json"))
        if '"operation":"WRITE"' in p.read_text().replace(" ", "")
    ]


def test_a_run_executed_again_commits_once_and_reports_its_own_row_errors(
    tmp_path: Path, resolved: dict[str, Any]
) -> None:
    plan = plan_for(
        tmp_path,
        resolved,
        {"a.csv": csv(100, unparsable_every=10, invalid_every=7)},
        partial_ingestion_percent=50.0,
        error_diagnostics=True,
    )
    first = execute(plan)
    assert first.error_code is None, first.error_message
    failed = 10 + len([i for i in range(100) if i % 10 and i % 7 == 0])
    assert first.committed and first.records_failed == failed
    assert first.records_written == 100 - failed
    assert len(error_lines(first.row_errors_path)) == failed

    again = execute(plan)  # a recovered run (the crash came after the commit)
    assert again.error_code is None, again.error_message
    assert write_versions(plan.target.table_uri) == [first.commit_version]
    assert again.commit_version == first.commit_version
    assert len(error_lines(again.row_errors_path)) == failed  # a fresh start, not twice as many
    rows = lake.query("SELECT count(*) AS n FROM t", {"t": plan.target.table_uri}).to_pylist()
    assert rows == [{"n": 100 - failed}]


class BreaksOnce:
    """The connector of the plan, whose first ``open`` of each file breaks three quarters in."""

    def __init__(self, inner: connectors.Connector) -> None:
        self.inner = inner
        self.opened: list[str] = []

    def __getattr__(self, name: str) -> Any:
        return getattr(self.inner, name)

    def open(self, file: FileVersion, *, sequential: bool = False) -> BinaryIO:
        data = self.inner.open(file).read()
        self.opened.append(file.path)
        if self.opened.count(file.path) > 1:
            return io.BytesIO(data)
        return _Truncated(data[: len(data) * 3 // 4])


class _Truncated(io.BytesIO):
    def read(self, size: int | None = -1) -> bytes:
        chunk = super().read(size)
        if not chunk:
            raise SourceUnavailable("connection reset while reading")
        return chunk

    def read1(self, size: int = -1) -> bytes:
        return self.read(size)

    def readinto(self, buffer: Any) -> int:
        chunk = self.read(len(buffer))
        buffer[: len(chunk)] = chunk
        return len(chunk)


def json_lines(rows: int, *, invalid_every: int) -> bytes:
    """Records ``{Id, First, Gender}``; every ``invalid_every``-th gender is refused by XDM."""
    lines = []
    for i in range(rows):
        gender = "robot" if i % invalid_every == 0 else ("female" if i % 2 else "male")
        lines.append(json.dumps({"Id": str(i), "First": f"Name{i}", "Gender": gender}))
    return ("\n".join(lines) + "\n").encode()


def test_a_file_read_again_after_a_transient_failure_counts_each_row_once(
    tmp_path: Path, resolved: dict[str, Any], monkeypatch: pytest.MonkeyPatch
) -> None:
    # JSON Lines: blocks are read in this thread, so the failure comes at a known point.
    # The file is big enough that whole blocks were mapped and validated before it.
    plan = plan_for(
        tmp_path,
        resolved,
        {"a.json": json_lines(200_000, invalid_every=100)},
        data={"format": "json"},
        partial_ingestion_percent=50.0,
        error_diagnostics=True,
    )
    real_open = connectors.open_connector
    wrappers: list[BreaksOnce] = []

    def open_breaking(*args: Any, **kwargs: Any) -> Any:
        wrappers.append(BreaksOnce(real_open(*args, **kwargs)))
        return wrappers[-1]

    monkeypatch.setattr(pipeline_module.connectors, "open_connector", open_breaking)
    monkeypatch.setattr(pipeline_module.connectors, "retrying", _retrying_without_pauses)
    outcome = execute(plan)

    assert wrappers[0].opened == [plan.files[0].path] * 2  # the read was retried
    assert outcome.error_code is None, outcome.error_message
    assert (outcome.records_read, outcome.records_written, outcome.records_failed) == (
        200_000,
        198_000,
        2_000,
    )
    assert len(error_lines(outcome.row_errors_path)) == 2_000
    rows = lake.query(
        "SELECT count(*) AS n, count(DISTINCT _id) AS d FROM t", {"t": plan.target.table_uri}
    ).to_pylist()
    assert rows == [{"n": 198_000, "d": 198_000}]


_retrying = connectors.retrying


def _retrying_without_pauses(fn: Any, **kwargs: Any) -> Any:
    return _retrying(fn, **{**kwargs, "sleep": lambda _seconds: None})


def gzip_of(data: bytes, *, truncated: bool = False) -> bytes:
    import gzip

    packed = gzip.compress(data)
    return packed[: len(packed) // 2] if truncated else packed


@pytest.mark.parametrize("partial", [None, 50.0])
def test_a_corrupt_file_contributes_nothing_and_the_others_commit_within_the_threshold(
    tmp_path: Path, resolved: dict[str, Any], partial: float | None
) -> None:
    # The streamed attempt meets the corrupt file after the good one's rows went to the
    # writer: it is abandoned, and the staged way decides.
    plan = plan_for(
        tmp_path,
        resolved,
        {"a.csv.gz": gzip_of(csv(5_000)), "b.csv.gz": gzip_of(csv(5_000), truncated=True)},
        partial_ingestion_percent=partial,
    )
    outcome = execute(plan)
    bad = [f for f in outcome.files if f.failed]
    assert [f.file.path for f in bad] == [plan.files[1].path]
    if partial is None:
        assert not outcome.committed and outcome.error_code == "CONNECTOR-2001-500"
        assert write_versions(plan.target.table_uri) == []
    else:
        assert outcome.committed and outcome.error_code is None, outcome.error_message
        assert outcome.records_written == 5_000
        assert write_versions(plan.target.table_uri) == [outcome.commit_version]
        rows = lake.query("SELECT count(*) AS n FROM t", {"t": plan.target.table_uri})
        assert rows.to_pylist() == [{"n": 5_000}]


def test_rows_over_the_threshold_commit_nothing(tmp_path: Path, resolved: dict[str, Any]) -> None:
    plan = plan_for(
        tmp_path,
        resolved,
        {"a.csv": csv(1_000, invalid_every=2)},
        partial_ingestion_percent=10.0,
        error_diagnostics=True,
    )
    outcome = execute(plan)
    assert not outcome.committed and outcome.error_code == "INGEST-1212-400"
    assert "exceeds 10.0%" in (outcome.error_message or "")
    assert write_versions(plan.target.table_uri) == []
    assert len(error_lines(outcome.row_errors_path)) == 500
