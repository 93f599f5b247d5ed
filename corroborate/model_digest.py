"""Which models built a warehouse: a digest of `sql/` and the project code its Python models run.

Runs build the marts only when they read or forget something, so a warehouse built by older
models would keep their marts after an upgrade: stale rows, or a run that fails on a column
the new models expect. So every build records the digest of the models that made it
(`model_build`), and a run whose models differ from the published warehouse's rebuilds it,
even with nothing new to read. The extraction engine is not part of it: claims already
loaded stay as they were extracted until their files change.
"""

from __future__ import annotations

import ast
import hashlib
import importlib.util
from functools import cache
from pathlib import Path

import duckdb

from corroborate.model_runner import SQL_DIR

TABLE = "model_build"
_PROJECT_PACKAGES = ("corroborate",)


@cache
def models_digest(sql_dir: Path = SQL_DIR) -> str:
    """SHA-256 over every file under `sql_dir` and the project modules its Python models
    import, by relative path and content."""
    digest = hashlib.sha256()
    files = sorted(path for path in sql_dir.rglob("*")
                   if path.is_file() and "__pycache__" not in path.parts)
    for path in files:
        digest.update(path.relative_to(sql_dir).as_posix().encode() + b"\0")
        digest.update(path.read_bytes() + b"\0")
    for module in sorted({name for path in files if path.suffix == ".py"
                          for name in _project_imports(path)}):
        digest.update(module.encode() + b"\0" + _module_bytes(module) + b"\0")
    return digest.hexdigest()


def record(conn: duckdb.DuckDBPyConnection) -> None:
    """Note in the warehouse being built which models built it."""
    conn.execute(
        f"create or replace table {TABLE} as select ?::varchar as models_digest",
        [models_digest()],
    )
    conn.execute(f"comment on table {TABLE} is 'The models that built this warehouse (the "
                 "runs table says when).'")
    conn.execute(f"comment on column {TABLE}.models_digest is 'SHA-256 of sql/ and the project "
                 "code its Python models import; a run with other models rebuilds the marts.'")


def out_of_date(published: Path) -> bool:
    """Whether the published warehouse was built by other models than these (or before
    builds were recorded). A missing warehouse has nothing to rebuild."""
    if not published.exists():
        return False
    with duckdb.connect(str(published), read_only=True) as conn:
        recorded = conn.execute(
            "select count(*) from information_schema.tables where table_name = ?", [TABLE]
        ).fetchall()[0][0]
        if not recorded:
            return True
        [(digest,)] = conn.execute(f"select models_digest from {TABLE}").fetchall()
    return digest != models_digest()


def _project_imports(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    names = {alias.name for node in ast.walk(tree) if isinstance(node, ast.Import)
             for alias in node.names}
    names |= {node.module for node in ast.walk(tree)
              if isinstance(node, ast.ImportFrom) and node.module and node.level == 0}
    return {name for name in names if name.split(".")[0] in _PROJECT_PACKAGES}


def _module_bytes(module: str) -> bytes:
    spec = importlib.util.find_spec(module)
    if spec is None or spec.origin is None:
        return b""
    return Path(spec.origin).read_bytes()
