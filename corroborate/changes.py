"""Which facts changed status in this run: what an analyst wants to know first after a run.

Before the models are rebuilt, the build still holds the previous run's `source_agreement`;
its facts' statuses are set aside and compared with the rebuilt mart by `fact_id`.
"""

from __future__ import annotations

import duckdb


def remember_facts(conn: duckdb.DuckDBPyConnection) -> None:
    """Set aside each fact's status as published by the previous run (none on a first run)."""
    conn.execute(
        "create or replace temp table previous_facts "
        "(fact_id varchar, fact varchar, status varchar)"
    )
    exists = conn.execute(
        "select count(*) from information_schema.tables "
        "where table_schema = 'main' and table_name = 'source_agreement'"
    ).fetchall()[0][0]
    if exists:
        conn.execute(
            "insert into previous_facts select fact_id, fact, status from source_agreement"
        )


def changed_facts(conn: duckdb.DuckDBPyConnection) -> list[dict]:
    """Every fact whose status differs from the previous run's: `before` is None for a new
    fact, `after` None for one that is gone. Facts that changed status come first."""
    rows = conn.execute(
        "select coalesce(now.fact_id, before.fact_id), coalesce(now.fact, before.fact), "
        "before.status, now.status "
        "from source_agreement as now full join previous_facts as before "
        "on now.fact_id = before.fact_id "
        "where now.status is distinct from before.status "
        "order by before.status is null, now.status is null, 2, 1"
    ).fetchall()
    return [
        {"fact_id": fact_id, "fact": fact, "before": before, "after": after}
        for fact_id, fact, before, after in rows
    ]
