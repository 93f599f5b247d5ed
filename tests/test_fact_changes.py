"""Which facts changed status between two builds, counted in DuckDB."""

from datetime import UTC, datetime
from pathlib import Path

import duckdb

from corroborate.changes import FactChanges, changed_facts, remember_facts
from corroborate.summary import RunStats, summary_markdown


def _agreement(conn: duckdb.DuckDBPyConnection, rows: list[tuple[str, str, str]]) -> None:
    conn.execute("create or replace table source_agreement (fact_id varchar, fact varchar, "
                 "status varchar)")
    conn.executemany("insert into source_agreement values (?, ?, ?)", rows)


def _rebuilt(before: list[tuple[str, str, str]], after: list[tuple[str, str, str]],
             shown: int) -> FactChanges:
    conn = duckdb.connect()
    _agreement(conn, before)
    remember_facts(conn)
    _agreement(conn, after)
    return changed_facts(conn, shown)


def test_a_first_build_counts_every_fact_as_new_and_names_none():
    conn = duckdb.connect()
    remember_facts(conn)
    _agreement(conn, [(f"f{i}", f"fact {i}", "single_source") for i in range(1000)])
    assert changed_facts(conn, shown=20) == FactChanges(new=1000, gone=0, changed=0, shown=[])


def test_changes_are_counted_and_the_first_by_fact_are_named():
    before = [("a", "killed in Aleppo", "single_source"), ("b", "attack in Homs", "disputed"),
              ("c", "killed in Idlib", "single_source"), ("d", "flood", "corroborated")]
    after = [("a", "killed in Aleppo", "corroborated"), ("b", "attack in Homs", "corroborated"),
             ("c", "killed in Idlib", "single_source"), ("e", "shelling", "single_source")]
    changes = _rebuilt(before, after, shown=1)
    assert (changes.new, changes.gone, changes.changed) == (1, 1, 2)
    assert changes.shown == [{"fact_id": "b", "fact": "attack in Homs", "before": "disputed",
                              "after": "corroborated"}]


def test_the_summary_tells_the_counts_and_the_named_changes():
    stats = RunStats(run_id="r", started_at=datetime(2026, 12, 7, tzinfo=UTC), inputs=[],
                     published=True)
    stats.add_fact_changes(_rebuilt([("a", "killed in Aleppo", "single_source")],
                                    [("a", "killed in Aleppo", "corroborated")], shown=20))
    text = summary_markdown(stats, Path("warehouse.duckdb"))
    assert "Facts: 1 changed status, 0 new, 0 gone." in text
    assert "| killed in Aleppo | single_source | corroborated |" in text
