"""`corroborate`: the command line.

Every command prints one clear line and exits non-zero on failure; `--debug` shows the
traceback for a developer. Readers (`sql`, `status`, `eval`) open the published warehouse
read-only, so they never block a run and never see a half-built one.
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Sequence
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_WAREHOUSE = Path("warehouse/corroborate.duckdb")
PUBLIC_TABLES = (
    "documents",
    "document_sources",
    "rejected",
    "quarantine",
    "casualty_claims",
    "event_claims",
    "statements",
    "time_expressions",
    "incidents",
    "source_agreement",
    "timeline",
    "runs",
)


class UsageError(RuntimeError):
    """A problem the user can fix from the message alone."""


def main(argv: Sequence[str] | None = None) -> int:
    parser = _parser()
    args = parser.parse_args(argv)
    try:
        return args.handler(args)
    except KeyboardInterrupt:
        print("corroborate: interrupted; the published warehouse is unchanged", file=sys.stderr)
        return 130
    except Exception as error:
        if args.debug:
            raise
        message = str(error).strip().splitlines()[0] if str(error).strip() else ""
        label = "" if isinstance(error, UsageError) else f"{type(error).__name__}: "
        print(f"corroborate: error: {label}{message}", file=sys.stderr)
        return 1


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="corroborate",
        description="Extract claims from news articles into a DuckDB warehouse and show what "
        "independent sources agree on.",
    )
    parser.add_argument("--debug", action="store_true", help="show tracebacks on errors")
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    run = commands.add_parser(
        "run",
        help="ingest files or folders, rebuild the marts and publish the warehouse",
        description="Ingest .txt/.md/.json/.jsonl/.html files (or folders of them), extract "
        "claims, validate, load, rebuild the models and publish the warehouse atomically. "
        "Unusable inputs are listed in the `rejected` table with a reason.",
    )
    run.add_argument(
        "paths", nargs="*", type=Path, help="files or folders (default: the demo corpus)"
    )
    _warehouse_option(run)
    run.add_argument("--batch-files", type=int, default=1000, help="files per batch (default 1000)")
    run.add_argument(
        "--max-bytes", type=int, default=20_000_000, help="reject files larger than this"
    )
    run.add_argument("--workers", type=int, default=2, help="extraction processes (default 2)")
    run.add_argument(
        "--wait", type=float, default=0.0, metavar="SECONDS",
        help="wait this long for another running run instead of refusing at once",
    )
    run.add_argument("--show-marts", action="store_true", help="print both marts afterwards")
    run.set_defaults(handler=_run)

    sql = commands.add_parser(
        "sql",
        help="run a SQL query on the published warehouse and print the result",
        description="Run a query read-only against the published warehouse.",
    )
    sql.add_argument("query", help='e.g. "select * from source_agreement"')
    sql.add_argument("--max-rows", type=int, default=100, help="rows to print (default 100)")
    _warehouse_option(sql)
    sql.set_defaults(handler=_sql)

    status = commands.add_parser(
        "status",
        help="show the last runs, row counts per table and rejected inputs",
        description="Show the last runs, row counts per public table, and rejected inputs "
        "with their reasons.",
    )
    _warehouse_option(status)
    status.set_defaults(handler=_status)

    evaluate = commands.add_parser(
        "eval",
        help="score the warehouse against a gold file, or the time tagger against TimeML",
        description="Score the published warehouse against a gold file in shared/gold/FORMAT.md's "
        "format (casualties, times, documents, agreement: whichever sections it has), or, with "
        "--timebank, run the time normaliser on TimeML files with their gold creation times and "
        "score it TempEval-3 style.",
    )
    evaluate.add_argument("gold", nargs="?", type=Path, help="a gold JSON file")
    evaluate.add_argument(
        "--timebank", type=Path, action="append", metavar="DIR",
        help="a folder of TimeML .tml files (repeatable)",
    )
    _warehouse_option(evaluate)
    evaluate.set_defaults(handler=_eval)
    return parser


def _warehouse_option(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--warehouse", type=Path, default=DEFAULT_WAREHOUSE,
        help=f"the published DuckDB file (default {DEFAULT_WAREHOUSE})",
    )


def _run(args: argparse.Namespace) -> int:
    from flows.publish import check_not_busy

    paths = args.paths or [ROOT / "seeds" / "articles"]
    check_not_busy(args.warehouse, wait_seconds=args.wait)
    os.environ.setdefault("PREFECT_SERVER_ANALYTICS_ENABLED", "false")
    os.environ.setdefault("PREFECT_LOGGING_LOGGERS_PREFECT_TASK_RUNS_LEVEL", "WARNING")
    from flows.pipeline import pipeline  # Prefect is imported only when a run needs it
    from flows.summary import RunStats, summary_markdown

    result = pipeline(
        paths=[str(path) for path in paths],
        warehouse=str(args.warehouse),
        batch_files=args.batch_files,
        max_bytes=args.max_bytes,
        workers=args.workers,
        lock_wait_seconds=args.wait,
    )
    print(summary_markdown(RunStats(**result), args.warehouse))
    if args.show_marts:
        with _reader(args.warehouse) as conn:
            for query in (
                "select incident_id, kind, fact, value_low, value_high, n_documents, "
                "n_independent, status, speakers from source_agreement "
                "order by incident_id, kind, fact",
                "select incident_id, ordinal, occurred_start, precision, event_type, "
                "n_documents, status, summary from timeline order by incident_id, ordinal",
            ):
                conn.sql(query).show(max_width=200, max_rows=200)
    return 0


def _sql(args: argparse.Namespace) -> int:
    with _reader(args.warehouse) as conn:
        relation = conn.sql(args.query)
        if relation is None:
            print("ok")
        else:
            relation.show(max_width=200, max_rows=args.max_rows)
    return 0


def _status(args: argparse.Namespace) -> int:
    with _reader(args.warehouse) as conn:
        print(f"warehouse: {args.warehouse}")
        conn.sql(
            "select run_id, started_at, finished_at, files_seen, documents_seen, documents_new, "
            "rejected, quarantined, casualty_claims, event_claims from runs "
            "order by started_at desc limit 5"
        ).show(max_width=200)
        counts = " union all ".join(
            f"select '{table}' as table_name, count(*) as rows from {table}"
            for table in PUBLIC_TABLES
        )
        conn.sql(counts).show()
        conn.sql(
            "select source_file, source_id, stage, reason, detail from rejected "
            "order by source_file, source_id"
        ).show(max_width=200, max_rows=50)
    return 0


def _eval(args: argparse.Namespace) -> int:
    if args.gold is None and not args.timebank:
        raise UsageError("give a gold file, or --timebank DIR")
    if args.gold is not None:
        from flows.evaluation.warehouse import evaluate_warehouse

        if not args.gold.exists():
            raise UsageError(f"no gold file at {args.gold}")
        with _reader(args.warehouse):
            pass  # the same clear message as other readers when there is no warehouse
        print(evaluate_warehouse(args.gold, args.warehouse))
    for folder in args.timebank or []:
        from flows.evaluation.timebank import evaluate_timebank, format_report

        if not folder.is_dir():
            raise UsageError(f"no folder at {folder}")
        print(format_report(evaluate_timebank(folder), name=str(folder)))
    return 0


def _reader(warehouse: Path):
    import duckdb

    if not warehouse.exists():
        raise UsageError(f"no warehouse at {warehouse}; run `corroborate run` first")
    return duckdb.connect(str(warehouse), read_only=True)


if __name__ == "__main__":
    sys.exit(main())
