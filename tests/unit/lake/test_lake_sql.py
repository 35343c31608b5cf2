"""DuckDB SQL over dataset tables registered by name."""

from __future__ import annotations

from pathlib import Path

import pyarrow as pa  # type: ignore[import-untyped]
import pytest

from headwater import lake


@pytest.fixture
def tables(tmp_path: Path) -> dict[str, str]:
    people = lake.table_schema(pa.schema([("id", pa.int64()), ("name", pa.string())]))
    orders = lake.table_schema(pa.schema([("person_id", pa.int64()), ("total", pa.float64())]))
    people_uri, orders_uri = str(tmp_path / "people"), str(tmp_path / "orders")
    lake.commit_batch(
        people_uri,
        people,
        pa.table({"id": [1, 2, 3], "name": ["Ada", "Bo", "Cy"]}).to_batches(),
        batch_id="p1",
    )
    lake.commit_batch(
        orders_uri,
        orders,
        pa.table({"person_id": [1, 1, 3], "total": [10.0, 5.5, 2.0]}).to_batches(),
        batch_id="o1",
    )
    return {"people": people_uri, "orders": orders_uri}


def test_join_two_tables_by_name(tables: dict[str, str]) -> None:
    result = lake.query(
        "SELECT p.name, sum(o.total) AS spent FROM people p JOIN orders o ON o.person_id = p.id "
        "GROUP BY p.name ORDER BY p.name",
        tables,
    )
    assert isinstance(result, pa.Table)
    assert result.to_pylist() == [{"name": "Ada", "spent": 15.5}, {"name": "Cy", "spent": 2.0}]


def test_system_columns_are_queryable(tables: dict[str, str]) -> None:
    result = lake.query("SELECT DISTINCT _hw_batch_id FROM orders", tables)
    assert result.to_pylist() == [{"_hw_batch_id": "o1"}]


def test_filters_and_projections(tables: dict[str, str]) -> None:
    result = lake.query("SELECT name FROM people WHERE id > 1 ORDER BY id", tables)
    assert result.column_names == ["name"]
    assert result["name"].to_pylist() == ["Bo", "Cy"]


@pytest.mark.parametrize(
    "sql",
    [
        "SELEC 1",
        "SELECT * FROM nowhere",
        "SELECT * FROM read_csv('/etc/hostname')",
        "COPY people TO '/tmp/headwater-leak.csv'",
        "SET enable_external_access = true",
        "INSTALL delta",
    ],
)
def test_bad_or_forbidden_sql_is_a_query_error(tables: dict[str, str], sql: str) -> None:
    with pytest.raises(lake.QueryError):
        lake.query(sql, tables)


def test_unknown_table_uri(tmp_path: Path) -> None:
    with pytest.raises(lake.TableNotFound):
        lake.query("SELECT 1", {"t": str(tmp_path / "missing")})
