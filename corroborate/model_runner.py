"""A small SQL model runner: build `sql/` models in dependency order, document them, test them.

Models are `select` statements, one per file, named by the file stem. A model depends on the
models it names after `from` or `join`. A step SQL cannot express (a clustering loop) is a
Python model, as in dbt: a `.py` file beside the SQL ones that names the models it reads in
`REFERENCES` and returns its table from `model(conn)`; it is always a table.
Staging models are views (thin renames over the raw tables); intermediate models and marts
are materialised as tables so a reader of the published snapshot pays nothing; a model whose
first line is `-- materialized: view` is a view wherever it lives (a cheap reshaping of a
table readers rarely open). A rule that several models apply (a fact's status) is a DuckDB
macro in `sql/macros/`, as dbt keeps its macros, created before the models. After the build,
every `sql/tests/*.sql` query must return no rows.
Column documentation lives in `*.yml` beside the models and becomes `COMMENT ON` statements,
so `DESCRIBE` and `duckdb_columns()` document the warehouse from inside SQL.
"""

from __future__ import annotations

import importlib.util
import re
from collections.abc import Callable
from dataclasses import dataclass
from graphlib import TopologicalSorter
from pathlib import Path

import duckdb
import yaml

SQL_DIR = Path(__file__).resolve().parents[1] / "sql"
LAYERS = ("staging", "intermediate", "marts")
_MATERIALIZED = re.compile(r"\A--\s*materialized:\s*(view|table)\b", re.IGNORECASE)
_REFERENCE = re.compile(r"\b(?:from|join)\s+([a-z_][a-z0-9_]*)", re.IGNORECASE)
# A CTE's name, also when it says whether DuckDB copies it ("x as not materialized (").
_COMMON_TABLE = re.compile(
    r"\b([a-z_][a-z0-9_]*)\s+as\s*(?:(?:not\s+)?materialized\s*)?\(", re.IGNORECASE
)
#: A Python model works in the interpreter's memory (the clustering's pairs and sums), not in
#: DuckDB's, so while one runs DuckDB keeps no more than this for the model's own queries:
#: lowering the limit evicts DuckDB's cached blocks and gives their memory back at once, and
#: the build's share returns when the model is done.
PYTHON_MODEL_MEMORY_LIMIT = "128MB"


class ModelBuildError(RuntimeError):
    """A model's SQL failed; the message names the model."""


class DataTestFailure(RuntimeError):
    """A SQL data test returned rows: the build is wrong and must not be published."""


@dataclass(frozen=True)
class Model:
    name: str
    layer: str
    sql: str
    python: Callable[[duckdb.DuckDBPyConnection], object] | None = None
    python_references: tuple[str, ...] = ()

    @property
    def references(self) -> set[str]:
        """The models it reads; a CTE that shadows a model's name is its own, not the model."""
        if self.python is not None:
            return set(self.python_references)
        return set(_REFERENCE.findall(self.sql)) - set(_COMMON_TABLE.findall(self.sql))

    @property
    def materialization(self) -> str:
        if self.python is not None:
            return "table"
        declared = _MATERIALIZED.match(self.sql)
        if declared:
            return declared.group(1).lower()
        return "view" if self.layer == "staging" else "table"


def discover_models(sql_dir: Path = SQL_DIR) -> dict[str, Model]:
    models: dict[str, Model] = {}
    for layer in LAYERS:
        for path in sorted((sql_dir / layer).glob("*.sql")):
            models[path.stem] = Model(path.stem, layer, path.read_text(encoding="utf-8"))
        for path in sorted((sql_dir / layer).glob("*.py")):
            models[path.stem] = _python_model(path, layer)
    return models


def _python_model(path: Path, layer: str) -> Model:
    spec = importlib.util.spec_from_file_location(f"corroborate_models.{path.stem}", path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return Model(path.stem, layer, "", module.model, tuple(module.REFERENCES))


def build_order(models: dict[str, Model]) -> list[Model]:
    """Models sorted so that each comes after every model it selects from."""
    graph = {
        name: {ref for ref in model.references if ref in models and ref != name}
        for name, model in models.items()
    }
    return [models[name] for name in TopologicalSorter(graph).static_order()]


def create_source_tables(conn: duckdb.DuckDBPyConnection, sql_dir: Path = SQL_DIR) -> None:
    """Create the loaded tables as `tables.sql` declares them, and bring an older release's up to
    it: a column it added is added (the rows loaded before keep NULL there until their file
    changes), a NOT NULL it dropped is dropped, and a table with a primary key it no longer
    declares is rebuilt, rows and all (the key's index grows with the corpus). So a column is
    declared once, in `tables.sql`, and never again as a migration."""
    ddl = (sql_dir / "sources" / "tables.sql").read_text(encoding="utf-8")
    conn.execute(ddl)
    with duckdb.connect() as fresh:
        fresh.execute(ddl)
        declared = fresh.execute(_COLUMNS).fetchall()
        keyed = set(fresh.execute(_PRIMARY_KEYS).fetchall())
    existing = {(table, column): nullable for table, column, _, nullable
                in conn.execute(_COLUMNS).fetchall()}
    for table, column, data_type, nullable in declared:
        if (table, column) not in existing:
            conn.execute(f'alter table {table} add column "{column}" {data_type}')
        elif nullable and not existing[table, column]:
            conn.execute(f'alter table {table} alter column "{column}" drop not null')
    stale = sorted(set(conn.execute(_PRIMARY_KEYS).fetchall()) - keyed)
    for (table,) in stale:
        conn.execute(f"alter table {table} rename to {table}__keyed")
    if stale:
        conn.execute(ddl)
    for (table,) in stale:
        conn.execute(f"insert into {table} by name select * from {table}__keyed")
        conn.execute(f"drop table {table}__keyed")


_COLUMNS = (
    "select table_name, column_name, data_type, is_nullable from duckdb_columns() "
    "where schema_name = 'main' order by table_name, column_index"
)
_PRIMARY_KEYS = (
    "select distinct table_name from duckdb_constraints() "
    "where constraint_type = 'PRIMARY KEY' and schema_name = 'main'"
)


def build_models(
    conn: duckdb.DuckDBPyConnection, sql_dir: Path = SQL_DIR, memory_limit: str | None = None
) -> list[str]:
    """Create or replace every model; returns the names in build order. `memory_limit` is
    DuckDB's share for the SQL models, when the caller set one: Python models then run with
    `PYTHON_MODEL_MEMORY_LIMIT`, and the share is set back after each."""
    create_macros(conn, sql_dir)
    built = []
    existing = _object_kinds(conn)
    for model in build_order(discover_models(sql_dir)):
        kind = existing.get(model.name)
        if kind is not None and kind != model.materialization:
            conn.execute(f"drop {kind} {model.name}")
        try:
            _create(conn, model, memory_limit)
        except duckdb.Error as error:
            raise ModelBuildError(f"model {model.name} ({model.layer}): {error}") from error
        built.append(model.name)
    return built


def create_macros(conn: duckdb.DuckDBPyConnection, sql_dir: Path = SQL_DIR) -> None:
    """Create or replace every macro of `sql/macros/`. They stay in the warehouse, so ad-hoc
    SQL can apply the models' rules too (`fact_status(false, 2)`)."""
    for path in sorted((sql_dir / "macros").glob("*.sql")):
        try:
            conn.execute(path.read_text(encoding="utf-8"))
        except duckdb.Error as error:
            raise ModelBuildError(f"macros {path.name}: {error}") from error


def _create(
    conn: duckdb.DuckDBPyConnection, model: Model, memory_limit: str | None = None
) -> None:
    if model.python is None:
        conn.execute(f"create or replace {model.materialization} {model.name} as\n{model.sql}")
        return
    if memory_limit is not None:
        conn.execute(f"set memory_limit = '{PYTHON_MODEL_MEMORY_LIMIT}'")
    try:
        table = model.python(conn)
    finally:
        if memory_limit is not None:
            conn.execute(f"set memory_limit = '{memory_limit}'")
    conn.register("python_model_result", table)
    try:
        conn.execute(f"create or replace table {model.name} as select * from python_model_result")
    finally:
        conn.unregister("python_model_result")


def apply_comments(conn: duckdb.DuckDBPyConnection, sql_dir: Path = SQL_DIR) -> None:
    """Turn the `*.yml` documentation into `COMMENT ON` statements."""
    kinds = _object_kinds(conn)
    for path in sorted(sql_dir.rglob("*.yml")):
        for table in yaml.safe_load(path.read_text(encoding="utf-8")).get("tables", []):
            name = table["name"]
            if name not in kinds:
                continue
            conn.execute(f"comment on {kinds[name]} {name} is {_quote(table['description'])}")
            for column, description in (table.get("columns") or {}).items():
                conn.execute(f"comment on column {name}.{column} is {_quote(description)}")


def run_data_tests(conn: duckdb.DuckDBPyConnection, sql_dir: Path = SQL_DIR) -> int:
    """Run every data test; raise with the offending rows when any returns rows."""
    failures = []
    tests = sorted((sql_dir / "tests").glob("*.sql"))
    for path in tests:
        query = path.read_text(encoding="utf-8")
        rows = conn.execute(f"select * from ({query}) limit 5").fetchall()
        if rows:
            failures.append(f"{path.stem}: {rows}")
    if failures:
        raise DataTestFailure("SQL data tests failed: " + " | ".join(failures))
    return len(tests)


def _object_kinds(conn: duckdb.DuckDBPyConnection) -> dict[str, str]:
    """Name -> 'table' or 'view' for everything in the main schema."""
    return dict(
        conn.execute(
            "select table_name, case when table_type = 'VIEW' then 'view' else 'table' end "
            "from information_schema.tables where table_schema = 'main'"
        ).fetchall()
    )


def _quote(text: str) -> str:
    return "'" + " ".join(text.split()).replace("'", "''") + "'"
