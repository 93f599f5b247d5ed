"""`corroborate export`: the marts and claim tables as Parquet or CSV files, for pandas,
polars, R or a spreadsheet.

Parquet keeps every type (timestamps in UTC, lists). A table with an `incident_id` is
hive-partitioned by its incident's month (`incident_month=2022-09/`; no month, for an incident
with no dated claim: `__HIVE_DEFAULT__`), so a reader can load one period without the rest.
CSV is one file per table, for a spreadsheet; lists are written as `[a, b]`.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import duckdb

from corroborate import catalog

FORMATS = ("parquet", "csv")
PARTITION = "incident_month"


@dataclass(frozen=True)
class Exported:
    table: str
    path: Path
    rows: int
    partitioned: bool


def default_tables() -> tuple[str, ...]:
    """What an export holds unless told otherwise: every documented mart (the claim tables,
    the incidents, the agreement and the timeline and their views)."""
    return catalog.mart_tables()


def export(
    conn: duckdb.DuckDBPyConnection, out: Path, tables: Sequence[str], fmt: str
) -> list[Exported]:
    """Write each of `tables` under `out` in `fmt`, replacing an earlier export of it."""
    out.mkdir(parents=True, exist_ok=True)
    conn.execute("set TimeZone = 'UTC'")  # months and CSV timestamps read in UTC
    conn.execute(_INCIDENT_MONTHS)
    return [_export_table(conn, out, table, fmt) for table in tables]


#: An incident's month: when its member documents were first published (a day's reports may
#: date their background as far back as the year before), else when its dated claims start
#: (a background incident: the year it refers to).
_INCIDENT_MONTHS = f"""
create or replace temp table export_incident_months as
select
    incidents.incident_id,
    strftime(coalesce(min(documents.published_at), incidents.start_utc), '%Y-%m') as {PARTITION},
from incidents
left join documents on documents.incident_id = incidents.incident_id
    and list_contains(incidents.member_doc_ids, documents.doc_id)
group by incidents.incident_id, incidents.start_utc
"""


def exported_rows(
    conn: duckdb.DuckDBPyConnection, table: str, exported: Exported, fmt: str
) -> duckdb.DuckDBPyRelation:
    """The exported rows read back with the table's own columns and types (the partition
    column left out), for checking an export against the warehouse."""
    columns = _columns(conn, table)
    if fmt == "csv":
        source = conn.sql(f"select * from read_csv('{_literal(exported.path)}', header = true, "
                          f"columns = {_struct(columns)})")
    else:
        pattern = exported.path / "**" / "*.parquet" if exported.partitioned else exported.path
        source = conn.sql(f"select * from read_parquet('{_literal(pattern)}', "
                          f"hive_partitioning = {str(exported.partitioned).lower()})")
    return source.select(", ".join(f'"{name}"' for name in columns))


def _export_table(
    conn: duckdb.DuckDBPyConnection, out: Path, table: str, fmt: str
) -> Exported:
    columns = _columns(conn, table)
    rows = conn.execute(f"select count(*) from {table}").fetchall()[0][0]
    if fmt == "csv":
        path = out / f"{table}.csv"
        conn.execute(f"copy {table} to '{_literal(path)}' (format csv, header)")
        return Exported(table, path, rows, partitioned=False)
    if "incident_id" not in columns or PARTITION in columns or rows == 0:
        path = out / f"{table}.parquet"
        conn.execute(f"copy {table} to '{_literal(path)}' (format parquet)")
        return Exported(table, path, rows, partitioned=False)
    path = out / table
    conn.execute(
        f"copy (select {table}.*, months.{PARTITION} from {table} "
        f"left join export_incident_months as months using (incident_id)) "
        f"to '{_literal(path)}' (format parquet, partition_by ({PARTITION}), overwrite)"
    )
    return Exported(table, path, rows, partitioned=True)


def _columns(conn: duckdb.DuckDBPyConnection, table: str) -> dict[str, str]:
    rows = conn.execute(
        "select column_name, data_type from duckdb_columns() "
        "where schema_name = 'main' and table_name = ? order by column_index", [table]
    ).fetchall()
    return dict(rows)


def _struct(columns: dict[str, str]) -> str:
    return "{" + ", ".join(f"'{name}': '{kind}'" for name, kind in columns.items()) + "}"


def _literal(path: Path) -> str:
    return str(path).replace("'", "''")
