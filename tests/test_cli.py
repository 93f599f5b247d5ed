"""The command line: clear one-line errors, non-zero exits, readable results."""

from __future__ import annotations

import pytest

from flows.cli import main


@pytest.fixture(scope="module")
def warehouse(prefect_server, tmp_path_factory):
    from flows.pipeline import pipeline
    from tests.conftest import SEEDS

    path = tmp_path_factory.mktemp("cli") / "w.duckdb"
    pipeline(paths=[str(SEEDS)], warehouse=str(path))
    return path


def test_help_explains_every_command(capsys):
    with pytest.raises(SystemExit) as exit_info:
        main(["--help"])
    assert exit_info.value.code == 0
    out = capsys.readouterr().out
    for command in ("run", "sql", "status", "eval"):
        assert command in out


def test_reading_a_missing_warehouse_is_one_clear_line(capsys, tmp_path):
    code = main(["sql", "select 1", "--warehouse", str(tmp_path / "none.duckdb")])
    err = capsys.readouterr().err
    assert code == 1
    assert err.count("\n") == 1
    assert err.startswith("corroborate: error: no warehouse at")


def test_a_bad_query_is_one_clear_line_not_a_traceback(capsys, warehouse):
    code = main(["sql", "select nonsense from nowhere", "--warehouse", str(warehouse)])
    err = capsys.readouterr().err
    assert code == 1
    assert err.startswith("corroborate: error: CatalogException")
    assert "Traceback" not in err


def test_sql_prints_the_marts(capsys, warehouse):
    code = main(["sql", "select kind, status from source_agreement", "--warehouse",
                 str(warehouse)])
    assert code == 0
    out = capsys.readouterr().out
    assert "status" in out and "casualty" in out


def test_status_shows_runs_counts_and_rejections(capsys, warehouse):
    assert main(["status", "--warehouse", str(warehouse)]) == 0
    out = capsys.readouterr().out
    assert "casualty_claims" in out and "source_agreement" in out and "run_id" in out


def test_eval_without_a_gold_file_says_what_it_needs(capsys):
    assert main(["eval"]) == 1
    assert "give a gold file, or --timebank DIR" in capsys.readouterr().err
