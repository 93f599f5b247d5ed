"""The command line: clear one-line errors, non-zero exits, readable results."""

from __future__ import annotations

import pytest

from corroborate.cli import main


@pytest.fixture(scope="module")
def warehouse(prefect_server, tmp_path_factory):
    from corroborate.flows.pipeline import pipeline
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


@pytest.fixture
def empty_warehouse(tmp_path):
    import duckdb

    path = tmp_path / "empty.duckdb"
    duckdb.connect(str(path)).close()
    return path


WIDE = "select " + ", ".join(f"'{'v' * 60}{n}' as column_{n}" for n in range(12))


def test_piped_table_output_keeps_every_column_whole(capsys, empty_warehouse):
    assert main(["sql", WIDE, "--warehouse", str(empty_warehouse)]) == 0
    out = capsys.readouterr().out
    for n in range(12):
        assert f"column_{n}" in out and f"{'v' * 60}{n}" in out
    assert "shown" not in out and "…" not in out


def test_sql_prints_csv_json_and_markdown(capsys, empty_warehouse):
    import csv
    import io
    import json

    query = ("select 1 as n, 'a|b, \"c\"' as text, null as nothing, "
             "timestamptz '2022-09-13 00:05:00+00' as at, ['x', 'y'] as list")
    base = ["sql", query, "--warehouse", str(empty_warehouse), "--format"]
    assert main([*base, "csv"]) == 0
    rows = list(csv.reader(io.StringIO(capsys.readouterr().out)))
    assert rows[0] == ["n", "text", "nothing", "at", "list"]
    assert rows[1][:3] == ["1", 'a|b, "c"', ""] and rows[1][3].startswith("2022-09-13")
    assert main([*base, "json"]) == 0
    records = json.loads(capsys.readouterr().out)
    assert records == [{"n": 1, "text": 'a|b, "c"', "nothing": None,
                        "at": records[0]["at"], "list": ["x", "y"]}]
    assert main([*base, "markdown"]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines[0] == "| n | text | nothing | at | list |"
    assert lines[1] == "|---|---|---|---|---|"
    assert lines[2].startswith('| 1 | a\\|b, "c" |  | 2022-09-13')


def test_other_formats_print_every_row_unless_capped(capsys, empty_warehouse):
    query = ["sql", "select * from range(250)", "--warehouse", str(empty_warehouse)]
    assert main([*query, "--format", "csv"]) == 0
    assert len(capsys.readouterr().out.splitlines()) == 251
    assert main([*query, "--format", "csv", "--max-rows", "7"]) == 0
    assert len(capsys.readouterr().out.splitlines()) == 8


def test_a_closed_pipe_ends_quietly_with_status_zero(empty_warehouse):
    import subprocess
    import sys

    from tests.conftest import ROOT

    process = subprocess.Popen(
        [sys.executable, "-m", "corroborate.cli", "sql", "select * from range(2000000)",
         "--format", "csv", "--warehouse", str(empty_warehouse)],
        cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
    )
    assert process.stdout.readline() == b"range\n"
    process.stdout.close()  # as `| head -1` does
    _, err = process.communicate(timeout=120)
    assert process.returncode == 0
    assert err == b""


def test_a_missing_input_path_is_an_error_and_publishes_nothing(capsys, tmp_path, seed_dir):
    warehouse = tmp_path / "w.duckdb"
    code = main(["run", str(seed_dir), str(tmp_path / "typo"), "--warehouse", str(warehouse)])
    assert code == 1
    assert "no such file or folder" in capsys.readouterr().err
    assert not warehouse.exists()


def test_the_cli_and_the_pipeline_share_their_defaults():
    import inspect

    from corroborate import defaults
    from corroborate.cli import _parser
    from corroborate.flows.pipeline import pipeline

    run = _parser().parse_args(["run"])
    flow = inspect.signature(pipeline.fn).parameters
    for option in ("batch_files", "max_bytes", "workers"):
        assert getattr(run, option) == flow[option].default
    assert run.settle == flow["settle_seconds"].default
    assert str(run.warehouse) == flow["warehouse"].default == str(defaults.WAREHOUSE)
    assert run.batch_files == 2000


def test_docs_prints_a_tables_documented_columns(capsys):
    import yaml

    from tests.conftest import ROOT

    marts = yaml.safe_load((ROOT / "sql" / "marts" / "_marts.yml").read_text())["tables"]
    timeline = next(table for table in marts if table["name"] == "timeline")
    assert main(["docs", "timeline"]) == 0
    out = capsys.readouterr().out
    for column, description in timeline["columns"].items():
        assert f"{column}  " in out and description in out
    assert main(["docs", "no_such_table"]) == 1


def test_every_mart_is_public_and_listed_by_docs(capsys):
    from corroborate.catalog import public_tables
    from tests.conftest import ROOT

    marts = {path.stem for path in (ROOT / "sql" / "marts").glob("*.sql")}
    assert marts <= set(public_tables())
    assert {"runs", "rejected", "source_files"} <= set(public_tables())
    assert not any(name.startswith("raw_") for name in public_tables())
    assert main(["docs"]) == 0
    listed = {line.split()[0] for line in capsys.readouterr().out.splitlines()}
    assert listed == set(public_tables())


def test_a_run_with_nothing_new_ends_without_starting_prefect(
    capsys, caplog, monkeypatch, warehouse, seed_dir
):
    import logging
    import sys

    # Importing the flow would fail.
    monkeypatch.setitem(sys.modules, "corroborate.flows.pipeline", None)
    with caplog.at_level(logging.INFO, logger="corroborate.run"):
        code = main(["run", str(seed_dir), "--warehouse", str(warehouse)])
    assert code == 0
    assert "Nothing new: 5 files: 0 new, 0 changed, 5 unchanged" in capsys.readouterr().out
    assert any("nothing new" in record.getMessage() for record in caplog.records)
