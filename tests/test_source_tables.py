"""The loaded tables: keys without primary-key indexes, and warehouses from older releases."""

from __future__ import annotations

import duckdb
import pytest

from flows import models
from tests.sql_warehouse import Warehouse

_KEYED = "select table_name from duckdb_constraints() where constraint_type = 'PRIMARY KEY'"


def test_a_warehouse_with_the_old_primary_keys_is_rebuilt_with_its_rows():
    ddl = (models.SQL_DIR / "sources" / "tables.sql").read_text(encoding="utf-8")
    old_ddl = ddl.replace("doc_id              varchar not null,", "doc_id varchar primary key,", 1)
    assert old_ddl != ddl
    with duckdb.connect() as conn:
        conn.execute(old_ddl)
        conn.execute(
            "insert into raw_documents by name select 'd1' as doc_id, 'a.txt' as source_file, "
            "'a.txt' as source_id, 'metadata' as published_basis, 'Text.' as text, "
            "5 as char_count, 'r1' as first_run_id"
        )
        assert ("raw_documents",) in conn.execute(_KEYED).fetchall()
        models.create_source_tables(conn)
        assert conn.execute(_KEYED).fetchall() == [("runs",)]
        assert conn.execute("select doc_id, text from raw_documents").fetchall() == [
            ("d1", "Text.")
        ]
        models.create_source_tables(conn)  # nothing left to rebuild
        assert conn.execute("select count(*) from raw_documents").fetchall() == [(1,)]


def test_a_duplicate_key_fails_the_build_loudly():
    warehouse = Warehouse()
    doc_id = warehouse.document("Floods killed 12 people on Tuesday.", "Outlet A")
    warehouse.casualty(doc_id, 12, 12)
    warehouse.conn.execute("insert into raw_casualty_claims select * from raw_casualty_claims")
    with pytest.raises(models.DataTestFailure, match="source_keys_are_unique"):
        warehouse.build()
    warehouse.conn.close()


def test_a_cte_named_like_a_model_is_no_dependency():
    from flows.models import Model, build_order

    reader = Model("reader", "marts", "with documents as (select 1 as x) select * from documents")
    documents = Model("documents", "marts", "select * from reader")
    assert [model.name for model in build_order({"reader": reader, "documents": documents})] == [
        "reader", "documents"]
