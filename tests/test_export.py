"""`corroborate export`: every exported table reads back equal to the warehouse."""

from __future__ import annotations

import duckdb
import pytest

from corroborate import export
from corroborate.cli import main


def _checksum(relation: duckdb.DuckDBPyRelation) -> tuple[int, int]:
    """Rows, and an order-free checksum of every column of every row."""
    columns = ", ".join(f'"{name}"' for name in relation.columns)
    return relation.aggregate(f"count(*), coalesce(sum(hash({columns})), 0)").fetchall()[0]


@pytest.mark.parametrize("fmt", export.FORMATS)
def test_an_export_round_trips(capsys, tmp_path, seeds_warehouse, fmt):
    out = tmp_path / "export"
    assert main(["export", "--format", fmt, "--out", str(out), "--warehouse",
                 str(seeds_warehouse)]) == 0
    printed = capsys.readouterr().out
    with duckdb.connect(str(seeds_warehouse), read_only=True) as conn:
        done = export.export(conn, out, export.default_tables(), fmt)
        assert {item.table for item in done} == set(export.default_tables())
        for item in done:
            assert f"{item.table}: {item.rows} rows" in printed
            original = _checksum(conn.table(item.table))
            assert original[0] > 0 or item.table == "contradictions"
            assert _checksum(export.exported_rows(conn, item.table, item, fmt)) == original


def test_parquet_is_partitioned_by_incident_month(tmp_path, seeds_warehouse):
    out = tmp_path / "export"
    assert main(["export", "--out", str(out), "--warehouse", str(seeds_warehouse),
                 "source_agreement", "runs"]) == 0
    months = sorted(path.name for path in (out / "source_agreement").iterdir())
    assert "incident_month=2022-09" in months
    assert (out / "runs.parquet").is_file()
    rows = duckdb.sql(
        f"select count(*) from read_parquet('{out}/source_agreement/**/*.parquet', "
        "hive_partitioning = true) where incident_month = '2022-09'"
    ).fetchall()[0][0]
    assert rows > 0


def test_exporting_an_unknown_table_is_one_clear_line(capsys, tmp_path, seeds_warehouse):
    assert main(["export", "--out", str(tmp_path), "--warehouse", str(seeds_warehouse),
                 "raw_documents"]) == 1
    assert "no public table raw_documents" in capsys.readouterr().err
