"""The loaded tables: keys without primary-key indexes, and warehouses from older releases."""

from __future__ import annotations

import duckdb
import pyarrow as pa
import pytest

from corroborate import model_runner
from tests.sql_warehouse import Warehouse

_KEYED = "select table_name from duckdb_constraints() where constraint_type = 'PRIMARY KEY'"


def test_a_warehouse_with_the_old_primary_keys_is_rebuilt_with_its_rows():
    ddl = (model_runner.SQL_DIR / "sources" / "tables.sql").read_text(encoding="utf-8")
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
        model_runner.create_source_tables(conn)
        assert conn.execute(_KEYED).fetchall() == [("runs",)]
        assert conn.execute("select doc_id, text from raw_documents").fetchall() == [
            ("d1", "Text.")
        ]
        model_runner.create_source_tables(conn)  # nothing left to rebuild
        assert conn.execute("select count(*) from raw_documents").fetchall() == [(1,)]


def test_an_older_warehouse_gains_the_columns_added_since_and_keeps_its_rows():
    """A column is declared once, in tables.sql: an older release's table gains it (its rows
    NULL there), and a NOT NULL dropped since is dropped."""
    with duckdb.connect() as conn:
        model_runner.create_source_tables(conn)
        conn.execute("alter table raw_event_claims drop column summary")
        conn.execute("alter table raw_statements drop column content_end")
        conn.execute("alter table raw_statements alter column speaker set not null")
        conn.execute(
            "insert into raw_statements (claim_id, doc_id, speaker, stance, content, evidence, "
            "char_start, char_end) values ('c1', 'd1', 'A', 'neutral', 'It rained.', "
            "'It rained.', 0, 10)"
        )
        model_runner.create_source_tables(conn)
        columns = {(table, column): nullable for table, column, nullable in conn.execute(
            "select table_name, column_name, is_nullable from duckdb_columns() "
            "where table_name in ('raw_event_claims', 'raw_statements')").fetchall()}
        assert ("raw_event_claims", "summary") in columns
        assert columns["raw_statements", "speaker"] is True
        assert conn.execute("select claim_id, content_end from raw_statements").fetchall() == [
            ("c1", None)]
        conn.execute("insert into raw_statements (claim_id, doc_id, stance, content, evidence, "
                     "char_start, char_end) values ('c2', 'd1', 'neutral', 'x', 'x', 0, 1)")


def test_a_duplicate_key_fails_the_build_loudly():
    warehouse = Warehouse()
    doc_id = warehouse.document("Floods killed 12 people on Tuesday.", "Outlet A")
    warehouse.casualty(doc_id, 12, 12)
    warehouse.conn.execute("insert into raw_casualty_claims select * from raw_casualty_claims")
    with pytest.raises(model_runner.DataTestFailure, match="source_keys_are_unique"):
        warehouse.build()
    warehouse.conn.close()


def test_a_cte_named_like_a_model_is_no_dependency():
    from corroborate.model_runner import Model, build_order

    reader = Model("reader", "marts", "with documents as (select 1 as x) select * from documents")
    documents = Model("documents", "marts", "select * from reader")
    assert [model.name for model in build_order({"reader": reader, "documents": documents})] == [
        "reader", "documents"]


def test_a_python_model_runs_with_duckdbs_share_given_back_and_the_share_returns():
    """While a Python model runs, DuckDB holds `PYTHON_MODEL_MEMORY_LIMIT` (its cached blocks
    freed for the interpreter's work); the SQL models' share is set back after it, also when
    the model fails."""
    seen = []

    def clusters(conn: duckdb.DuckDBPyConnection) -> object:
        seen.append(conn.execute("select current_setting('memory_limit')").fetchone()[0])
        return pa.table({"x": [1]})

    def failing(conn: duckdb.DuckDBPyConnection) -> object:
        raise ValueError("model failed")

    conn = duckdb.connect()
    conn.execute("set memory_limit = '512MB'")
    share = conn.execute("select current_setting('memory_limit')").fetchone()[0]
    create, model = model_runner._create, model_runner.Model
    create(conn, model("clusters", "intermediate", "", clusters), "512MB")
    after_model = conn.execute("select current_setting('memory_limit')").fetchone()[0]
    with pytest.raises(ValueError):
        create(conn, model("broken", "intermediate", "", failing), "512MB")
    after_failure = conn.execute("select current_setting('memory_limit')").fetchone()[0]
    lowered = duckdb.connect().execute(
        f"set memory_limit = '{model_runner.PYTHON_MODEL_MEMORY_LIMIT}'; "
        "select current_setting('memory_limit')"
    ).fetchone()[0]

    assert seen == [lowered] and lowered != share
    assert after_model == share and after_failure == share
    assert conn.execute("select x from clusters").fetchall() == [(1,)]
