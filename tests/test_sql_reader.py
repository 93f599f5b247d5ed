"""`corroborate sql` is a reader: every attack on the warehouse is refused in one clear line,
and the warehouse's bytes are the same after."""

from __future__ import annotations

import hashlib
from pathlib import Path

import duckdb
import pytest

from corroborate.cli import main
from corroborate.reader import RefusedQuery, vet_query


@pytest.fixture
def warehouse(tmp_path) -> Path:
    path = tmp_path / "warehouse" / "w.duckdb"
    path.parent.mkdir()
    with duckdb.connect(str(path)) as conn:
        conn.execute("create table runs as select 1 as run_id, 'a' as note")
    return path


def _digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


ATTACKS = [
    ("copy (select 'x' a) to '{warehouse}' (format csv)", "`copy` writes"),
    ("copy (select 1 a) to '{tmp}/evil.sh'", "`copy` writes"),
    ("copy runs from '{tmp}/in.csv'", "`copy` writes"),
    ("export database '{tmp}/export'", "`export database` writes"),
    ("select * from read_text('/etc/passwd')", "--allow-files"),
    ("select * from read_csv('{tmp}/in.csv')", "--allow-files"),
    ("attach '{warehouse}' as again", "`attach`"),
    ("attach '{tmp}/new.duckdb' as fresh", "`attach`"),
    ("detach memory", "`detach`"),
    ("install httpfs", "`install` and `load`"),
    ("load httpfs", "`install` and `load`"),
    ("set threads = 1", "`set`"),
    ("reset threads", "`set`"),
    ("pragma threads = 4", "`set`"),
    ("pragma enable_profiling", "this pragma"),
    ("pragma profiling_output = '{tmp}/profile.json'", "`set`"),
    ("select 1; copy (select 1) to '{tmp}/second.csv'", "`copy` writes"),
    ("explain analyze copy (select 1) to '{tmp}/explained.csv'", "explain only a query"),
    ("create table t (a int)", "`create`"),
    ("insert into runs values (2, 'b')", "`insert`"),
    ("update runs set note = 'x'", "`update`"),
    ("delete from runs", "`delete`"),
    ("drop table runs", "`drop`"),
    ("checkpoint", "`call`"),
    ("vacuum", "`vacuum`"),
]


@pytest.mark.parametrize(("attack", "says"), ATTACKS)
def test_every_attack_is_refused_in_one_line_and_the_warehouse_is_unchanged(
    attack, says, warehouse, tmp_path, capsys
):
    (tmp_path / "in.csv").write_text("run_id,note\n3,c\n")
    before, files_before = _digest(warehouse), sorted(tmp_path.rglob("*"))
    query = attack.format(warehouse=warehouse, tmp=tmp_path)
    code = main(["sql", query, "--warehouse", str(warehouse)])
    err = capsys.readouterr().err
    assert code == 1
    assert err.startswith("corroborate: error: refused:") and err.count("\n") == 1
    assert says in err
    assert _digest(warehouse) == before
    assert sorted(tmp_path.rglob("*")) == files_before  # nothing written anywhere


def test_queries_and_describing_pragmas_still_run(warehouse, capsys):
    for query in ("select count(*) as n from runs", "describe runs", "show tables",
                  "pragma table_info(runs)", "summarize runs", "explain select * from runs",
                  "with r as (select * from runs) select note from r"):
        assert main(["sql", query, "--warehouse", str(warehouse)]) == 0, query
    assert "note" in capsys.readouterr().out


def test_allow_files_reads_files_but_still_never_writes(warehouse, tmp_path, capsys):
    (tmp_path / "in.csv").write_text("run_id,note\n3,from-a-file\n")
    query = f"select note from read_csv('{tmp_path}/in.csv')"
    assert main(["sql", query, "--warehouse", str(warehouse), "--allow-files"]) == 0
    assert "from-a-file" in capsys.readouterr().out
    copy = f"copy (select 1) to '{tmp_path}/out.csv'"
    assert main(["sql", copy, "--warehouse", str(warehouse), "--allow-files"]) == 1
    assert not (tmp_path / "out.csv").exists()


def test_the_session_stays_locked_whatever_the_vetting_lets_through(warehouse):
    from corroborate.reader import connect_reader

    with connect_reader(warehouse) as conn:
        with pytest.raises(duckdb.Error, match="locked"):
            conn.execute("set enable_external_access = true")
        settings = dict(conn.execute(
            "select name, value from duckdb_settings() where name in ('enable_external_access',"
            " 'autoinstall_known_extensions', 'autoload_known_extensions', 'lock_configuration',"
            " 'access_mode')").fetchall())
    assert settings == {"enable_external_access": "false", "autoinstall_known_extensions": "false",
                        "autoload_known_extensions": "false", "lock_configuration": "true",
                        "access_mode": "read_only"}


def test_one_refused_statement_refuses_the_whole_query():
    vet_query("select 1; select 2")
    with pytest.raises(RefusedQuery):
        vet_query("select 1; install httpfs; select 2")
