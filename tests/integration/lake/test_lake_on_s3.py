"""A dataset table in an S3 bucket (moto's server): commits, reads and cleanup of writes."""

from __future__ import annotations

import pyarrow as pa  # type: ignore[import-untyped]
import pytest

from headwater import lake
from support.lake_batches import NARROW, narrow_batch
from support.moto_server import MotoServer, put_objects, s3_client, unique_bucket

XDM = NARROW.append(pa.field("score", pa.float64()))
WRITTEN = lake.table_schema(NARROW)


def _options(server: MotoServer) -> dict[str, str]:
    return {
        "AWS_ENDPOINT_URL": server.url,
        "AWS_ALLOW_HTTP": "true",
        "AWS_ACCESS_KEY_ID": server.access_key,
        "AWS_SECRET_ACCESS_KEY": server.secret_key,
        "AWS_REGION": "us-east-1",
        "AWS_S3_ALLOW_UNSAFE_RENAME": "true",
    }


@pytest.fixture
def table(moto_server: MotoServer) -> tuple[str, dict[str, str], list[str]]:
    bucket = unique_bucket()
    put_objects(moto_server, bucket, {})
    return f"s3://{bucket}/lake/ds", _options(moto_server), [bucket]


def _keys(server: MotoServer, bucket: str) -> list[str]:
    found = s3_client(server).list_objects_v2(Bucket=bucket).get("Contents", [])
    return sorted(one["Key"] for one in found)


def test_a_commit_reads_back_and_leaves_only_the_tables_files(
    moto_server: MotoServer, table: tuple[str, dict[str, str], list[str]]
) -> None:
    uri, options, (bucket,) = table
    full = lake.table_schema(XDM)
    result = lake.commit_batch(
        uri, WRITTEN, [narrow_batch(5)], batch_id="b1", table_schema=full, storage_options=options
    )

    assert (result.rows, result.existing) == (5, False)
    found = lake.query(
        "SELECT count(*) AS n, min(person.name.firstName) AS first, max(score) AS score FROM t",
        {"t": uri},
        storage_options=options,
    )
    assert found.to_pylist() == [{"n": 5, "first": "F0", "score": None}]
    (info,) = lake.batch_files(uri, "b1", storage_options=options)
    data = b"".join(lake.read_file(uri, info.path, storage_options=options))
    assert data[:4] == b"PAR1" and len(data) == info.size
    keys = _keys(moto_server, bucket)
    assert [
        k for k in keys if "/_delta_log/" in k and not k.startswith("lake/ds/_delta_log/")
    ] == []
    assert lake.commit_batch(
        uri, WRITTEN, [narrow_batch(5)], batch_id="b1", storage_options=options
    ).existing


def test_a_failed_write_leaves_no_files(
    moto_server: MotoServer, table: tuple[str, dict[str, str], list[str]]
) -> None:
    uri, options, (bucket,) = table
    lake.commit_batch(uri, WRITTEN, [narrow_batch(1)], batch_id="kept", storage_options=options)
    before = _keys(moto_server, bucket)

    def broken() -> object:
        yield narrow_batch(50_000)
        raise RuntimeError("the source broke")

    with pytest.raises(RuntimeError):
        lake.commit_batch(
            uri, WRITTEN, broken(), batch_id="dropped", storage_options=options, target_file_size=1
        )
    assert _keys(moto_server, bucket) == before
