"""SQL over dataset tables, with DuckDB."""

from __future__ import annotations

from collections.abc import Mapping

import duckdb
import pyarrow as pa  # type: ignore[import-untyped]

from headwater.lake.errors import QueryError, translated
from headwater.lake.table import StorageOptions, open_table

# The query may only read the registered tables: no files, no extensions, no settings changes.
_SANDBOX = {"enable_external_access": False, "lock_configuration": True}


def query(
    sql: str, tables: Mapping[str, str], *, storage_options: StorageOptions = None
) -> pa.Table:
    """Run one DuckDB ``SELECT`` over Delta tables registered under the given names.

    Each table is registered as a view over its Arrow dataset, so scans stream and DuckDB
    pushes projections and filters down to the Parquet files. System columns
    (``_hw_batch_id``, …) are visible. The connection cannot reach files, the network or
    extensions.

    Args:
        sql: The query, e.g. ``SELECT p.name, o.total FROM people p JOIN orders o USING (id)``.
        tables: View name -> table URI.
        storage_options: Passed to deltalake for every table.

    Returns:
        The whole result, in memory.

    Raises:
        QueryError: the SQL is invalid, names unknown tables or columns, is not a query, or
            tries to reach files or change settings.
        TableNotFound: a URI holds no Delta table.
        LakeUnavailable: storage could not be read.
    """
    datasets = {}
    for name, uri in tables.items():
        if not name:
            raise QueryError("table names must not be empty")
        with translated(uri):
            datasets[name] = open_table(uri, storage_options=storage_options).to_pyarrow_dataset()
    connection = duckdb.connect(config=dict(_SANDBOX))
    try:
        for name, dataset in datasets.items():
            connection.register(name, dataset)
        relation = connection.sql(sql)
        if relation is None:
            raise QueryError("the SQL is not a query (it returns no rows)")
        return relation.to_arrow_table()
    except duckdb.Error as error:
        raise QueryError(str(error).strip()) from error
    finally:
        connection.close()
