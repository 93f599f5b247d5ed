"""The session behind `corroborate sql`: a reader that can change nothing and read nothing else.

A read-only connection is not enough on its own: DuckDB still lets such a session write files
(`copy ... to` over the warehouse replaced it with four bytes), read any file (`read_text`),
attach other databases, install extensions and change settings. So every statement is vetted
before anything runs (only queries, and the pragmas that only describe), and the connection is
opened with file access and extension auto-install and auto-load switched off and its
configuration locked, so a statement the vetting missed still cannot reach the file system.
Reading files is a choice the user states (`--allow-files`); writing them is `export`'s job.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import duckdb

#: Every reader session, whatever the user asks: no extension download or load behind a
#: query's back, and no `set`/`pragma` may undo any of this afterwards.
LOCKED_SETTINGS: dict[str, object] = {
    "autoinstall_known_extensions": False,
    "autoload_known_extensions": False,
    "allow_community_extensions": False,
    "lock_configuration": True,
}
#: Pragmas that describe the warehouse and change nothing ("pragma table_info(documents)").
DESCRIBING_PRAGMAS = frozenset({
    "table_info", "show_tables", "show_tables_expanded", "show", "database_size",
    "database_list", "storage_info", "metadata_info", "functions", "version", "platform",
    "collations", "user_agent",
})
_PRAGMA_NAME = re.compile(r"\s*pragma\s+(\w+)", re.IGNORECASE)
_EXPLAINED_QUERY = re.compile(r"\s*explain\s+(?:analyze\s+)?(?:select|with|from|\(|values)\b",
                              re.IGNORECASE)
_WHY_REFUSED = {
    duckdb.StatementType.COPY: "`copy` writes or reads files; use `corroborate export`",
    duckdb.StatementType.EXPORT: "`export database` writes files; use `corroborate export`",
    duckdb.StatementType.ATTACH: "`attach` opens another database",
    duckdb.StatementType.DETACH: "`detach` changes the session's databases",
    duckdb.StatementType.LOAD: "`install` and `load` add extensions",
    duckdb.StatementType.SET: "`set`, `reset`, `use` and assigning pragmas change the session",
}


class RefusedQuery(ValueError):
    """A statement that would write, load, attach or reconfigure: refused before it runs."""


def vet_query(query: str) -> None:
    """Refuse the whole query when any of its statements is not a pure read."""
    for statement in duckdb.extract_statements(query):
        reason = _refusal(statement)
        if reason is not None:
            raise RefusedQuery(f"refused: {reason}; `corroborate sql` only reads the warehouse")


def _refusal(statement: duckdb.Statement) -> str | None:
    kind = statement.type
    if kind == duckdb.StatementType.SELECT:
        return None
    if kind == duckdb.StatementType.EXPLAIN:
        return None if _EXPLAINED_QUERY.match(statement.query) else "explain only a query"
    if kind == duckdb.StatementType.PRAGMA:
        name = _PRAGMA_NAME.match(statement.query)
        if name and name.group(1).lower() in DESCRIBING_PRAGMAS:
            return None
        return "this pragma changes the session"
    return _WHY_REFUSED.get(kind, f"`{kind.name.lower()}` statements change the warehouse")


def connect_reader(warehouse: Path, *, allow_files: bool = False) -> duckdb.DuckDBPyConnection:
    """The warehouse read-only, locked; files and URLs outside it only with `allow_files`."""
    config = {**LOCKED_SETTINGS, "enable_external_access": allow_files}
    return duckdb.connect(str(warehouse), read_only=True, config=config)


@contextmanager
def sql_session(
    warehouse: Path, query: str, *, allow_files: bool = False
) -> Iterator[duckdb.DuckDBPyConnection]:
    """Vet `query`, then a locked reader on `warehouse`; a refused file access says how to
    allow it, in one line."""
    vet_query(query)
    with connect_reader(warehouse, allow_files=allow_files) as conn:
        try:
            yield conn
        except duckdb.PermissionException as error:
            raise RefusedQuery(
                f"refused: {str(error).splitlines()[0]}; `--allow-files` lets a query read "
                "files outside the warehouse"
            ) from None
