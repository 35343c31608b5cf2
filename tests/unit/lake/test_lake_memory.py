"""A large streamed commit keeps memory bounded.

Measured in a fresh interpreter: the peak RSS of a long pytest process says nothing about one
commit, and deltalake's runtime must not be forked.
"""

from __future__ import annotations

import json
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

ROWS = 4_000_000
# The writer holds a row group and the file it is assembling, and the allocator keeps pages
# it freed: ~300-400 MB for these wide rows whatever their number (2 M rows and 4 M rows
# measured the same). Holding the stream would take more than twice the limit.
LIMIT_MB = 450

SCRIPT = textwrap.dedent(
    """
    import json, resource, sys
    import pyarrow as pa, pyarrow.compute as pc
    from headwater import lake

    uri, rows = sys.argv[1], int(sys.argv[2])
    xdm = pa.schema([("_id", pa.string()), ("person", pa.struct([("note", pa.string()),
                     ("score", pa.float64())]))])
    schema = lake.table_schema(xdm)
    pad = pa.scalar("x" * 200)
    produced = 0

    def batches(n, step=20_000):
        global produced
        for start in range(0, n, step):
            index = pa.array(range(start, start + step), pa.int64())
            text = pc.binary_join_element_wise(pc.cast(index, pa.string()), pad, "")
            person = pa.StructArray.from_arrays([text, pc.cast(index, pa.float64())],
                                                ["note", "score"])
            batch = pa.RecordBatch.from_arrays([pc.cast(index, pa.string()), person], schema=xdm)
            batch = lake.add_system_columns(batch, source_file="big.json", first_row=start)
            produced += batch.nbytes
            yield batch

    lake.commit_batch(uri, schema, batches(20_000), batch_id="warm-up")
    produced = 0
    before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    result = lake.commit_batch(uri, schema, batches(rows), batch_id="big")
    after = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    print(json.dumps({"growth_mb": (after - before) / 1024, "rows": result.rows,
                      "produced_mb": produced / 2**20, "files": result.files}))
    """
)


@pytest.mark.slow
@pytest.mark.skipif(sys.platform != "linux", reason="ru_maxrss is in KiB on Linux only")
def test_two_million_rows_stream_with_bounded_memory(tmp_path: Path) -> None:
    done = subprocess.run(
        [sys.executable, "-c", SCRIPT, str(tmp_path / "big"), str(ROWS)],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    report = json.loads(done.stdout.strip().splitlines()[-1])
    assert report["rows"] == ROWS
    assert report["produced_mb"] > 2 * LIMIT_MB  # holding it all would break the limit
    assert report["growth_mb"] < LIMIT_MB, report
