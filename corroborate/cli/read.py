"""The commands that read the published warehouse: `sql` (a read-only query), `status` (runs,
row counts, rejections) and `eval` (scores against gold files or TimeML corpora). They open it
read-only, so they never block a run and never see a half-built one."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from corroborate import catalog, output
from corroborate.cli import options
from corroborate.cli.options import UsageError


def add_commands(commands: argparse._SubParsersAction) -> None:
    sql = options.command(commands, "sql", _sql)
    sql.add_argument("query", help='e.g. "select * from source_agreement"')
    sql.add_argument(
        "--format", choices=output.FORMATS, default="table",
        help="table (default; whole, never cut, when piped), csv, json or markdown",
    )
    sql.add_argument(
        "--max-rows", type=int, default=None,
        help=f"rows to print (default: {output.TABLE_ROWS} for a table, all for the others)",
    )
    sql.add_argument(
        "--allow-files", action="store_true",
        help="let the query read files and URLs outside the warehouse (it never writes)",
    )
    options.warehouse_option(sql)

    options.warehouse_option(options.command(commands, "status", _status))

    evaluate = options.command(commands, "eval", _eval)
    evaluate.add_argument("gold", nargs="?", type=Path, help="a gold JSON file")
    evaluate.add_argument(
        "--timebank", type=Path, action="append", metavar="DIR",
        help="a folder of TimeML .tml files (repeatable)",
    )
    options.warehouse_option(evaluate)


def _sql(args: argparse.Namespace) -> int:
    """Run a SQL query on the published warehouse and print the result.

    Run a query read-only against the published warehouse. Statements that write, export,
    attach, install, load or change settings are refused, and files outside the warehouse are
    out of reach unless --allow-files.
    """
    with _sql_session(args) as conn:
        relation = conn.sql(args.query)
        if relation is None:
            print("ok")
        else:
            output.write_result(relation, sys.stdout, fmt=args.format, max_rows=args.max_rows)
    return 0


@contextmanager
def _sql_session(args: argparse.Namespace) -> Iterator[Any]:
    """A reader that refuses every write, load, attach and setting (`corroborate.reader`)."""
    from corroborate.reader import RefusedQuery, sql_session

    options.require_warehouse(args.warehouse)
    try:
        with sql_session(args.warehouse, args.query, allow_files=args.allow_files) as conn:
            yield conn
    except RefusedQuery as error:
        raise UsageError(str(error)) from None


def _status(args: argparse.Namespace) -> int:
    """Show the last runs, row counts per table and rejected inputs.

    Show the last runs, row counts per public table, and rejected inputs with their reasons.
    """
    with options.reader(args.warehouse) as conn:
        print(f"warehouse: {args.warehouse}")
        conn.sql(
            "select run_id, started_at, finished_at, files_seen, documents_seen, documents_new, "
            "rejected, quarantined, casualty_claims, event_claims from runs "
            "order by started_at desc limit 5"
        ).show(max_width=200)
        present = options.present_tables(conn)
        counts = " union all ".join(
            f"select '{table}' as table_name, count(*) as rows from {table}"
            for table in catalog.public_tables() if table in present
        )
        conn.sql(counts).show()
        conn.sql(
            "select source_file, source_id, stage, reason, detail from rejected "
            "order by source_file, source_id"
        ).show(max_width=200, max_rows=50)
    return 0


def _eval(args: argparse.Namespace) -> int:
    """Score the warehouse against a gold file, or the time tagger against TimeML.

    Score the published warehouse against a gold file in the seeds gold format (casualties,
    times, documents, agreement: whichever sections it has), or, with --timebank, run the time
    normaliser on TimeML files with their gold creation times and score it TempEval-3 style.
    """
    if args.gold is None and not args.timebank:
        raise UsageError("give a gold file, or --timebank DIR")
    if args.gold is not None:
        from corroborate.evaluation.warehouse import evaluate_warehouse

        if not args.gold.exists():
            raise UsageError(f"no gold file at {args.gold}")
        with options.reader(args.warehouse):
            pass  # the same clear message as other readers when there is no warehouse
        print(evaluate_warehouse(args.gold, args.warehouse))
    for folder in args.timebank or []:
        from corroborate.evaluation.timebank import evaluate_timebank, format_report

        if not folder.is_dir():
            raise UsageError(f"no folder at {folder}")
        print(format_report(evaluate_timebank(folder), name=str(folder)))
    return 0

