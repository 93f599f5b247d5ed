"""The whole pipeline through Prefect: idempotent, and nothing lost."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import duckdb
import pytest

pytestmark = pytest.mark.slow

DATA_TABLES = (
    "documents", "document_sources", "rejected", "quarantine", "casualty_claims",
    "event_claims", "statements", "time_expressions", "incidents", "source_agreement",
    "timeline", "sources",
)


def run_pipeline(paths, warehouse: Path) -> dict:
    from corroborate.flows.pipeline import pipeline

    return pipeline(paths=[str(p) for p in paths], warehouse=str(warehouse))


def snapshot(warehouse: Path) -> dict[str, list]:
    """Every data table's rows, sorted, minus columns that name the run."""
    with duckdb.connect(str(warehouse), read_only=True) as conn:
        tables = {}
        for table in DATA_TABLES:
            columns = [
                name for (name,) in conn.execute(
                    "select column_name from duckdb_columns() where table_name = ? "
                    "and column_name <> 'run_id'", [table]
                ).fetchall()
            ]
            rows = conn.execute(f"select {', '.join(columns)} from {table}").fetchall()
            tables[table] = sorted(rows, key=repr)
        return tables


def test_demo_corpus_builds_both_marts_and_rerunning_changes_nothing(
    prefect_server, seed_dir, tmp_path
):
    warehouse = tmp_path / "corroborate.duckdb"
    first = run_pipeline([seed_dir], warehouse)
    assert first["documents_seen"] == 5
    before = snapshot(warehouse)
    assert len(before["documents"]) == 5
    assert before["casualty_claims"] and before["source_agreement"] and before["timeline"]
    with duckdb.connect(str(warehouse), read_only=True) as conn:
        # Four articles carry the 2022 ceasefire, all on the Russian foreign ministry's word.
        assert conn.execute(
            "select n_independent, n_original_sources, sources.name from source_agreement, "
            "unnest(source_ids) as ids(source_id) join sources using (source_id) "
            "where fact like 'ceasefire%' and source_agreement.n_documents > 1"
        ).fetchall() == [(4, 1, "Russian Foreign Ministry")]

    published = warehouse.stat()
    second = run_pipeline([seed_dir], warehouse)
    assert (second["published"], second["files_unchanged"]) == (False, 5)
    assert warehouse.stat().st_ino == published.st_ino  # not even republished

    copies = tmp_path / "copies"
    shutil.copytree(seed_dir, copies)  # the same articles in other files: read, nothing new
    third = run_pipeline([copies], warehouse)
    assert (third["files_new"], third["documents_seen"], third["documents_new"]) == (5, 5, 0)
    after = snapshot(warehouse)
    assert len(after["document_sources"]) == 10
    assert {k: v for k, v in after.items() if k != "document_sources"} == {
        k: v for k, v in before.items() if k != "document_sources"
    }
    with duckdb.connect(str(warehouse), read_only=True) as conn:
        assert conn.execute("select count(*) from runs").fetchone()[0] == 2


def test_bad_inputs_land_in_rejected_and_the_good_ones_still_load(
    prefect_server, seed_dir, tmp_path
):
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    good = (seed_dir / "004_3737467c3f90d56b.txt").read_text(encoding="utf-8")
    (inbox / "good.txt").write_text(good, encoding="utf-8")
    (inbox / "empty.txt").write_bytes(b"")
    (inbox / "image.txt").write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 8)
    (inbox / "nul.txt").write_bytes(b"Troops were killed.\x00\x00 More text here.")
    (inbox / "notes.docx").write_bytes(b"PK\x03\x04 not really a document")
    (inbox / "feed.jsonl").write_text(
        json.dumps({"id": "a1", "title": "Flood", "text": "Floods killed 12 people on Monday."})
        + "\n{not json\n"
        + json.dumps({"id": "a3", "title": "No text"})
        + "\n",
        encoding="utf-8",
    )
    warehouse = tmp_path / "w.duckdb"
    result = run_pipeline([inbox, tmp_path / "missing.txt"], warehouse)

    with duckdb.connect(str(warehouse), read_only=True) as conn:
        reasons = dict(
            conn.execute("select source_file || coalesce('#' || source_id, ''), reason "
                         "from rejected").fetchall()
        )
        sources = {row[0] for row in conn.execute("select source_id from documents").fetchall()}
    assert result["documents_seen"] == 2
    assert sources == {"good.txt", "a1"}
    by_file = {Path(key.split("#")[0]).name: reason for key, reason in reasons.items()}
    assert by_file["empty.txt"] == "empty_file"
    assert by_file["image.txt"] == "binary_file"
    assert by_file["nul.txt"] == "nul_bytes"
    assert by_file["notes.docx"] == "unknown_extension"
    assert by_file["missing.txt"] == "not_found"
    jsonl_reasons = sorted(r for key, r in reasons.items() if "feed.jsonl" in key)
    assert jsonl_reasons == ["malformed_json", "missing_text"]

    # Every file that was read, or refused for what it is, was recorded: none is read again.
    again = run_pipeline([inbox], warehouse)
    assert (again["published"], again["files_unchanged"], again["files_new"]) == (False, 6, 0)


def test_a_year_dated_article_takes_its_day_from_the_incident_only_with_dated_company(
    prefect_server, seed_dir, tmp_path
):
    """004 has no dateline: alone, its text dates it to 2022; once the other reports of the
    same clashes (dated to 13 September 2022 by their own text) are in, its "Tuesday" dates it
    to that day, and it says who dated it."""
    query = (
        "select published_at, published_precision, published_basis, published_dated_by "
        "from documents where source_id = '004_3737467c3f90d56b.txt'"
    )
    alone = tmp_path / "alone"
    alone.mkdir()
    shutil.copy(seed_dir / "004_3737467c3f90d56b.txt", alone)
    warehouse = tmp_path / "corroborate.duckdb"
    run_pipeline([alone], warehouse)
    with duckdb.connect(str(warehouse), read_only=True) as conn:
        at, precision, basis, dated_by = conn.execute(query).fetchone()
    assert (at.year, precision, basis, dated_by) == (2022, "year", "inferred", None)

    run_pipeline([seed_dir], warehouse)
    with duckdb.connect(str(warehouse), read_only=True) as conn:
        at, precision, basis, dated_by = conn.execute(query).fetchone()
        witnesses = {row[0] for row in conn.execute(
            "select source_id from documents where doc_id in (select unnest(?))", [dated_by]
        ).fetchall()}
    assert (at.date().isoformat(), precision, basis) == ("2022-09-13", "day", "inferred")
    assert len(witnesses) >= 2 and "004_3737467c3f90d56b.txt" not in witnesses


def test_a_build_out_of_memory_is_built_again_on_one_thread(
    prefect_server, seed_dir, tmp_path, monkeypatch
):
    from corroborate import model_runner

    real_build, threads = model_runner.build_models, []

    def build_that_runs_out_once(conn, *args, **kwargs):
        threads.append(conn.execute("select current_setting('threads')").fetchall()[0][0])
        if len(threads) == 1:
            conn.execute("create table half_built as select 1 as x")  # rolled back after
            try:
                raise duckdb.OutOfMemoryException("could not allocate block of size 256.0 KiB")
            except duckdb.OutOfMemoryException as error:
                raise model_runner.ModelBuildError(f"model statements (marts): {error}") from error
        return real_build(conn, *args, **kwargs)

    monkeypatch.setattr(model_runner, "build_models", build_that_runs_out_once)
    result = run_pipeline([seed_dir], tmp_path / "w.duckdb")

    assert result["published"] and threads[1] == 1 and threads[0] >= threads[1]
    with duckdb.connect(str(tmp_path / "w.duckdb"), read_only=True) as conn:
        assert conn.execute("select count(*) from documents").fetchall()[0][0] == 5
        names = conn.execute("select table_name from duckdb_tables()").fetchall()
        tables = {name for (name,) in names}
        assert "half_built" not in tables and "source_agreement" in tables


def test_a_data_test_out_of_memory_runs_again_on_one_thread(
    prefect_server, seed_dir, tmp_path, monkeypatch
):
    """The data tests read the written build; one that runs out of memory aborts their
    read-only transaction, and they run again on one thread."""
    from corroborate import model_runner

    real_tests, threads = model_runner.run_data_tests, []

    def tests_that_run_out_once(conn, *args):
        threads.append(conn.execute("select current_setting('threads')").fetchall()[0][0])
        if len(threads) == 1:
            raise duckdb.OutOfMemoryException("could not allocate block of size 256.0 KiB")
        return real_tests(conn, *args)

    monkeypatch.setattr(model_runner, "run_data_tests", tests_that_run_out_once)
    result = run_pipeline([seed_dir], tmp_path / "w.duckdb")

    assert result["published"] and threads[1] == 1 and threads[0] >= threads[1]
    assert result["data_tests"] > 0


def test_a_warehouse_built_by_other_models_is_rebuilt_by_a_run_with_nothing_new(
    prefect_server, seed_dir, tmp_path
):
    """An upgrade changes the models: the next run rebuilds the marts from the loaded rows,
    though no file is new; the run after it has nothing to do."""
    warehouse = tmp_path / "corroborate.duckdb"
    run_pipeline([seed_dir], warehouse)
    before = snapshot(warehouse)
    with duckdb.connect(str(warehouse)) as conn:  # as an older version of the models left it
        conn.execute("update model_build set models_digest = 'older models'")
        conn.execute("drop table timeline")

    rebuilt = run_pipeline([seed_dir], warehouse)
    assert (rebuilt["published"], rebuilt["files_unchanged"]) == (True, 5)
    assert snapshot(warehouse) == before
    again = run_pipeline([seed_dir], warehouse)
    assert again["published"] is False
