"""Load validated batches into the build warehouse, idempotently.

Rows arrive as Arrow tables and go in with `INSERT ... SELECT`, about a hundred times faster
than `executemany`. Idempotency comes from keys, not from luck: a document is inserted once (its id
is the hash of its text); a re-extracted document's claims replace its earlier claims; an
input's rejections replace that input's earlier rejections. Re-running on the same input
therefore leaves every table as it was, apart from the `runs` log.

Files are the unit of change. A file read again replaces all of its `document_sources` rows, so
a document its earlier version carried and no file carries any more is removed with its claims
(the file was corrected); documents another file still carries stay. A deleted file changes
nothing (the news happened) until `forget` is asked for, which removes the file's rows and the
documents only it carried.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping
from contextlib import contextmanager, suppress
from pathlib import Path

import duckdb
import pyarrow as pa

from corroborate import model_runner, publish

#: Claim-like tables: a document's rows are replaced whenever the document is re-extracted.
PER_DOCUMENT_TABLES = {
    "casualty_claims": "raw_casualty_claims",
    "event_claims": "raw_event_claims",
    "statements": "raw_statements",
    "time_expressions": "raw_time_expressions",
}


def load_batch(
    conn: duckdb.DuckDBPyConnection,
    tables: Mapping[str, pa.Table],
    quarantine: list[dict],
    *,
    input_files: Iterable[str],
    run_id: str,
) -> int:
    """Write one batch; returns how many documents it removed. The caller owns the transaction.

    `input_files` are every input of the batch, whose rejections are replaced; the files in
    `tables["source_files"]` were read whole, so their document sources are replaced too and
    their state is recorded for the next run.
    """
    documents = tables["documents"]
    files = pa.table({"source_file": pa.array(sorted(set(input_files)), pa.string())})
    conn.register("batch_doc_ids", documents.select(["doc_id"]))
    conn.register("batch_files", files)
    conn.register("read_files", tables["source_files"].select(["source_file"]))
    try:
        # Only documents the warehouse already holds can have claims to replace; on a corpus
        # of new files there are none, and the deletes below would each scan a whole table.
        conn.execute(
            "create or replace temp table known_doc_ids as select doc_id from batch_doc_ids "
            "where doc_id in (select doc_id from raw_documents)"
        )
        replaces_claims = _count(conn, "known_doc_ids") > 0
        _insert_new_documents(conn, documents, run_id)
        _remember_documents_of("select source_file from read_files", conn)
        _replace(conn, "document_sources", tables["document_sources"], run_id,
                 "source_file in (select source_file from read_files) or "
                 "(source_file, record_index) in (select source_file, record_index from incoming)")
        conn.execute(
            "delete from rejected where source_file in (select source_file from batch_files)"
        )
        _insert(conn, "rejected", tables["rejected"])
        conn.execute("delete from quarantine where doc_id in (select doc_id from batch_doc_ids)")
        if quarantine:
            _insert(conn, "quarantine", pa.Table.from_pylist(quarantine))
        for table, raw_table in PER_DOCUMENT_TABLES.items():
            if replaces_claims:
                conn.execute(
                    f"delete from {raw_table} where doc_id in (select doc_id from known_doc_ids)"
                )
            _insert(conn, raw_table, tables[table])
        record_files(conn, tables["source_files"], run_id)
        return _remove_orphans(conn)
    finally:
        conn.unregister("batch_doc_ids")
        conn.unregister("batch_files")
        conn.unregister("read_files")


def record_files(conn: duckdb.DuckDBPyConnection, states: pa.Table, run_id: str) -> None:
    """Remember what each file looked like when read (validated `source_files` rows)."""
    _replace(
        conn, "source_files", states, run_id, "source_file in (select source_file from incoming)"
    )


def record_run(conn: duckdb.DuckDBPyConnection, row: dict[str, object]) -> None:
    """Add the run's row to `runs`."""
    columns = ", ".join(row)
    placeholders = ", ".join("?" for _ in row)
    conn.execute(f"insert into runs ({columns}) values ({placeholders})", list(row.values()))


def forget(conn: duckdb.DuckDBPyConnection, targets: Iterable[str]) -> tuple[int, int]:
    """Remove every trace of the files at `targets` (files, or folders and all under them):
    their sources, state and rejections, and the documents no other file carries. Returns the
    number of files and of documents removed. The caller owns the transaction."""
    conn.register("forget_targets", pa.table({"target": pa.array(list(targets), pa.string())}))
    try:
        conn.execute(
            "create or replace temp table forgotten_files as "
            "select distinct source_file from ("
            "  select source_file from document_sources union all "
            "  select source_file from source_files union all "
            "  select source_file from rejected"
            ") join forget_targets on source_file = target "
            "  or starts_with(source_file, rtrim(target, '/') || '/')"
        )
    finally:
        conn.unregister("forget_targets")
    _remember_documents_of("select source_file from forgotten_files", conn)
    for table in ("document_sources", "source_files", "rejected"):
        conn.execute(
            f"delete from {table} where source_file in (select source_file from forgotten_files)"
        )
    return _count(conn, "forgotten_files"), _remove_orphans(conn)


def _remember_documents_of(files_query: str, conn: duckdb.DuckDBPyConnection) -> None:
    """Note the documents the given files carry now, before their sources are replaced."""
    conn.execute(
        "create or replace temp table previous_documents as select distinct doc_id "
        f"from document_sources where source_file in ({files_query})"
    )


def _remove_orphans(conn: duckdb.DuckDBPyConnection) -> int:
    """Remove the remembered documents that no file carries any more, with everything that
    hangs off them; a remembered document that stays but lost the file it names as its source
    is re-pointed to a file that still carries it. Returns the number removed."""
    if _count(conn, "previous_documents") == 0:
        return 0  # files read for the first time: nothing to re-point or remove
    conn.execute(
        "create or replace temp table orphan_documents as select doc_id from previous_documents "
        "where doc_id not in (select doc_id from document_sources)"
    )
    removed = _count(conn, "orphan_documents")
    if removed:
        for table in ("raw_documents", "quarantine", *PER_DOCUMENT_TABLES.values()):
            conn.execute(
                f"delete from {table} where doc_id in (select doc_id from orphan_documents)"
            )
    conn.execute(
        "update raw_documents set source_file = carrier.source_file, "
        "source_id = carrier.source_id "
        "from (select doc_id, first(source_file order by source_file, record_index) as "
        "source_file, first(source_id order by source_file, record_index) as source_id "
        "from document_sources where doc_id in (select doc_id from previous_documents) "
        "group by doc_id) as carrier "
        "where raw_documents.doc_id = carrier.doc_id and not exists ("
        "select 1 from document_sources as kept where kept.doc_id = raw_documents.doc_id "
        "and kept.source_file = raw_documents.source_file)"
    )
    return removed


def _count(conn: duckdb.DuckDBPyConnection, table: str) -> int:
    return conn.execute(f"select count(*) from {table}").fetchall()[0][0]


def _insert_new_documents(
    conn: duckdb.DuckDBPyConnection, documents: pa.Table, run_id: str
) -> None:
    if documents.num_rows == 0:
        return
    conn.register("incoming", _with_column(documents, "first_run_id", run_id))
    try:
        conn.execute(
            "insert into raw_documents by name "
            "select * from incoming where doc_id not in (select doc_id from raw_documents)"
        )
    finally:
        conn.unregister("incoming")


def _replace(
    conn: duckdb.DuckDBPyConnection, table: str, rows: pa.Table, run_id: str, match: str
) -> None:
    """Delete the rows `match` names (it may refer to `incoming`), then insert `rows`."""
    conn.register("incoming", _with_column(rows, "run_id", run_id))
    try:
        conn.execute(f"delete from {table} where {match}")
        if rows.num_rows:
            conn.execute(f"insert into {table} by name select * from incoming")
    finally:
        conn.unregister("incoming")


def _insert(conn: duckdb.DuckDBPyConnection, table: str, rows: pa.Table) -> None:
    if rows.num_rows == 0:
        return
    conn.register("incoming", rows)
    try:
        conn.execute(f"insert into {table} by name select * from incoming")
    finally:
        conn.unregister("incoming")


def _with_column(rows: pa.Table, name: str, value: str) -> pa.Table:
    """`rows` with a constant column `name` (replacing one of that name)."""
    if name in rows.column_names:
        rows = rows.drop_columns([name])
    return rows.append_column(name, pa.array([value] * rows.num_rows, pa.string()))


@contextmanager
def open_build(build: Path, memory_limit: str) -> Iterator[duckdb.DuckDBPyConnection]:
    """The private build file, open for loading: one thread (the workers have the other
    cores), `memory_limit`, the source tables made, a transaction begun; rolled back on
    failure."""
    config = {
        "threads": 1,
        "memory_limit": memory_limit,
        "preserve_insertion_order": False,
        **publish.BUILD_SETTINGS,
    }
    conn = duckdb.connect(str(build), config=config)
    # DuckDB draws a bar on stdout for any statement over two seconds, even in a scheduled
    # run's log; the run reports its own progress.
    conn.execute("set enable_progress_bar = false")
    try:
        model_runner.create_source_tables(conn)
        conn.begin()
        yield conn
    except BaseException:
        with suppress(duckdb.Error):  # nothing to roll back once committed
            conn.rollback()
        raise
    finally:
        conn.close()


def count_new(conn: duckdb.DuckDBPyConnection, documents: pa.Table) -> int:
    """How many of a batch's documents the warehouse does not hold yet."""
    conn.register("batch_documents", documents.select(["doc_id"]))
    try:
        return conn.execute(
            "select count(*) from batch_documents "
            "where doc_id not in (select doc_id from raw_documents)"
        ).fetchall()[0][0]
    finally:
        conn.unregister("batch_documents")
