"""``parquet_xdm`` targets: input that is already XDM-shaped, mapped column to same-named field.

Every input column must be a field of the schema, and every nested field (in objects, arrays
and maps) must be there too, with a type that converts to the field's; otherwise the whole
input is refused, with every column that does not fit listed.
"""

from __future__ import annotations

from collections.abc import Mapping

import polars as pl
import pyarrow as pa  # type: ignore[import-untyped]

from headwater.engine.mapping.conform import conform
from headwater.engine.mapping.errors import ROW_COLUMN
from headwater.engine.mapping.paths import escape
from headwater.engine.mapping.rules import MappingRule
from headwater.errors import BadRequest

NOT_XDM_SHAPED = "1108"


def same_name_rules(columns: Mapping[str, pl.DataType], schema: pa.Schema) -> list[MappingRule]:
    """One ``ATTRIBUTE`` rule per input column, to the schema field of the same name.

    Raises:
        BadRequest: some columns (or fields inside them) are not in the schema or have types
            that cannot convert; ``details["columns"]`` lists them.
    """
    misfits: list[str] = []
    rules = []
    for name, dtype in columns.items():
        if name == ROW_COLUMN:
            continue
        path = escape(name)
        if schema.get_field_index(name) < 0:
            misfits.append(f"{path}: not in the schema")
            continue
        fitted = conform(pl.col(name), dtype, schema.field(name).type, path)
        misfits.extend(f"{extra}: not in the schema" for extra in fitted.extras)
        misfits.extend(fitted.clashes)
        rules.append(MappingRule("ATTRIBUTE", path, path))
    if misfits:
        raise BadRequest(
            "The input is not shaped like the dataset's XDM schema (parquet_xdm, no mapping): "
            + "; ".join(misfits),
            code=NOT_XDM_SHAPED,
            details={"columns": misfits},
        )
    return rules
