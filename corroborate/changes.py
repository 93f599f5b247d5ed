"""Which facts changed status in this run: what an analyst wants to know first after a run.

Before the models are rebuilt, the build still holds the previous run's `source_agreement`;
its facts' statuses are set aside and compared with the rebuilt mart by `fact_id`. The
comparison is counted in DuckDB: a first run makes every fact new (467,630 at 100,000
documents), and only the counts and a few changed facts reach the run's summary.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import duckdb

#: The comparison, one row per fact whose status differs: `before` is NULL for a new fact,
#: `after` NULL for one that is gone.
_DIFFERENCES = """
    select
        coalesce(now.fact_id, before.fact_id) as fact_id,
        coalesce(now.fact, before.fact) as fact,
        before.status as before,
        now.status as after,
    from source_agreement as now
    full join previous_facts as before
        on now.fact_id = before.fact_id
    where now.status is distinct from before.status
"""


@dataclass(frozen=True)
class FactChanges:
    """How many facts are new, gone or changed status, and the first changed ones by name."""

    new: int = 0
    gone: int = 0
    changed: int = 0
    shown: list[dict[str, Any]] = field(default_factory=list)


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


def changed_facts(conn: duckdb.DuckDBPyConnection, shown: int) -> FactChanges:
    """Count the facts whose status differs from the previous run's, and name the first
    `shown` of those that changed status (by fact, then id)."""
    new, gone, changed = conn.execute(
        f"select count(*) filter (where before is null), count(*) filter (where after is null), "
        f"count(*) filter (where before is not null and after is not null) from ({_DIFFERENCES})"
    ).fetchone()
    rows = conn.execute(
        f"select fact_id, fact, before, after from ({_DIFFERENCES}) "
        "where before is not null and after is not null order by fact, fact_id limit ?",
        [shown],
    ).fetchall()
    names = ("fact_id", "fact", "before", "after")
    return FactChanges(new, gone, changed, [dict(zip(names, row, strict=True)) for row in rows])
