"""The store's typed columns come from the layers' attribute models; the literal DDL of the
migrations must give every table the columns its model names, with a matching type."""

import duckdb
import pytest

from redline.store.rows import LAYER_TABLES
from redline.store.schema import migrate

DUCKDB_TYPES = {"str": "VARCHAR", "int": "INTEGER", "float": "DOUBLE", "bool": "BOOLEAN"}


@pytest.mark.parametrize("layer", sorted(LAYER_TABLES))
def test_schema_contract_tables_have_the_models_columns(layer: str) -> None:
    con = duckdb.connect()
    migrate(con, path=":memory:")
    spec = LAYER_TABLES[layer]
    found = dict(
        con.execute(
            "SELECT column_name, data_type FROM information_schema.columns WHERE table_name = ?",
            [spec.table],
        ).fetchall()
    )
    for column, _, kind in spec.columns:
        assert found.get(column) == DUCKDB_TYPES[kind], (spec.table, column)
