"""`corroborate`: the command line.

Every command prints one clear line and exits non-zero on failure; `--debug` shows the
traceback for a developer. Readers (`sql`, `status`, `eval`) open the published warehouse
read-only, so they never block a run and never see a half-built one.
"""

from __future__ import annotations

import argparse
import os
import signal
import sys
from collections.abc import Iterator, Sequence
from contextlib import AbstractContextManager, contextmanager, nullcontext
from pathlib import Path
from typing import Any

from flows import catalog, defaults, desk, output

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_WAREHOUSE = defaults.WAREHOUSE


class UsageError(RuntimeError):
    """A problem the user can fix from the message alone."""


class Terminated(BaseException):
    """SIGTERM (a service stop, a scheduler's timeout) as an exception, so that the run's
    clean-up runs as for Ctrl-C: the build file, the run lock, Prefect's temporary server.
    `received` stays set when a library turns it into an error of its own (DuckDB: "Query
    interrupted")."""

    received = False


def _terminate(signum: int, frame: object) -> None:
    Terminated.received = True
    raise Terminated(signum)


def main(argv: Sequence[str] | None = None) -> int:
    parser = _parser()
    args = parser.parse_args(argv)
    signal.signal(signal.SIGTERM, _terminate)
    try:
        return args.handler(args)
    except BrokenPipeError:
        return _reader_went_away()
    except KeyboardInterrupt:
        print("corroborate: interrupted; the published warehouse is unchanged", file=sys.stderr)
        return 130
    except BaseException as error:
        if _terminated(error):
            print("corroborate: terminated; the published warehouse is unchanged",
                  file=sys.stderr)
            return 143
        if not isinstance(error, Exception) or args.debug:
            raise
        message = str(error).strip().splitlines()[0] if str(error).strip() else ""
        label = "" if isinstance(error, UsageError) else f"{type(error).__name__}: "
        print(f"corroborate: error: {label}{message}", file=sys.stderr)
        return 1


def _reader_went_away() -> int:
    """The reader closed the pipe (`corroborate sql ... | head`): what it wanted was printed, so
    end quietly and successfully. Output still buffered would fail again at exit, so stdout is
    pointed at /dev/null first."""
    devnull = os.open(os.devnull, os.O_WRONLY)
    os.dup2(devnull, sys.stdout.fileno())
    os.close(devnull)
    return 0


def _terminated(error: BaseException) -> bool:
    """Whether the run ended because of SIGTERM: ours, or Prefect's own handler, which replaces
    ours while a flow runs (and which DuckDB reports as an interrupted query)."""
    prefect_exceptions = sys.modules.get("prefect.exceptions")
    prefect_signal = prefect_exceptions.TerminationSignal if prefect_exceptions else Terminated
    return Terminated.received or isinstance(error, Terminated | prefect_signal)


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="corroborate",
        description="Extract claims from news articles into a DuckDB warehouse and show what "
        "independent sources agree on.",
    )
    parser.add_argument("--debug", action="store_true", help="show tracebacks on errors")
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    _add_run_command(commands)
    _add_serve_command(commands)
    _add_forget_command(commands)
    _add_sql_command(commands)
    desk.add_commands(commands, _warehouse_option)
    _add_status_command(commands)
    _add_eval_command(commands)
    return parser


def _add_run_command(commands: argparse._SubParsersAction) -> None:
    """`run`: read inputs, rebuild and publish."""
    run = commands.add_parser(
        "run",
        help="ingest files or folders, rebuild the marts and publish the warehouse",
        description="Ingest .txt/.md/.json/.jsonl/.html files (or folders of them), extract "
        "claims, validate, load, rebuild the models and publish the warehouse atomically. "
        "Unusable inputs are listed in the `rejected` table with a reason.",
    )
    run.add_argument(
        "paths", nargs="*", type=_input,
        help="files or folders, or fsspec URLs (s3://bucket/news/, globs too; "
        "default: the demo corpus)",
    )
    _warehouse_option(run)
    run.add_argument("--batch-files", type=int, default=defaults.BATCH_FILES,
                     help=f"files per batch (default {defaults.BATCH_FILES})")
    run.add_argument(
        "--max-bytes", type=int, default=defaults.MAX_BYTES,
        help=f"reject files larger than this (default {defaults.MAX_BYTES})",
    )
    run.add_argument("--workers", type=int, default=defaults.WORKERS,
                     help=f"extraction processes (default {defaults.WORKERS})")
    run.add_argument(
        "--time-budget", type=float, default=defaults.TIME_BUDGET_SECONDS, metavar="SECONDS",
        help="reject a document whose extraction takes longer, as extraction_timeout "
        f"(default {defaults.TIME_BUDGET_SECONDS:g})",
    )
    _cluster_option(run)
    _wait_option(run)
    _settle_option(run)
    run.add_argument("--show-marts", action="store_true", help="print both marts afterwards")
    run.set_defaults(handler=_run)


def _add_serve_command(commands: argparse._SubParsersAction) -> None:
    """`serve`: scheduled runs over an inbox folder."""
    serve = commands.add_parser(
        "serve",
        help="run the pipeline over an inbox folder on a schedule, until stopped",
        description="Serve the pipeline on a schedule over an inbox folder: each run reads only "
        "new and changed files and publishes the warehouse. Uses the Prefect server at "
        "PREFECT_API_URL when set, otherwise starts a local one on 127.0.0.1 and stops it on "
        "exit. Stop with Ctrl-C or SIGTERM.",
    )
    serve.add_argument(
        "--inbox", type=Path, default=Path("inbox"), help="the folder to watch (default inbox/)"
    )
    when = serve.add_mutually_exclusive_group()
    when.add_argument("--every", default=None, help="interval between runs: 30s, 10m, 1h "
                      "(default 15m)")
    when.add_argument("--cron", default=None, help='a cron schedule, e.g. "*/15 * * * *"')
    serve.add_argument(
        "--port", type=int, default=defaults.SERVE_PORT,
        help="port of the local Prefect server when PREFECT_API_URL is not set "
        f"(default {defaults.SERVE_PORT})",
    )
    serve.add_argument(
        "--server-log", type=Path, default=None,
        help="log file of the local Prefect server (default: beside the warehouse)",
    )
    _warehouse_option(serve)
    _settle_option(serve)
    _cluster_option(serve)
    serve.set_defaults(handler=_serve)


def _add_forget_command(commands: argparse._SubParsersAction) -> None:
    """`forget`: remove inputs and what only they carried."""
    forget = commands.add_parser(
        "forget",
        help="remove files (or folders) from the warehouse, with the documents only they carry",
        description="Remove every trace of the given input files, or of every file under the "
        "given folders: their sources, rejections and state, and the documents (with their "
        "claims) that no other file carries. The files need not exist any more. A deleted file "
        "is otherwise kept: the news it reported happened.",
    )
    forget.add_argument("paths", nargs="+", type=_input,
                        help="files or folders (or URLs), as they were read")
    _warehouse_option(forget)
    _wait_option(forget)
    forget.set_defaults(handler=_forget)


def _add_sql_command(commands: argparse._SubParsersAction) -> None:
    """`sql`: a read-only query on the published warehouse."""
    sql = commands.add_parser(
        "sql",
        help="run a SQL query on the published warehouse and print the result",
        description="Run a query read-only against the published warehouse. Statements that "
        "write, export, attach, install, load or change settings are refused, and files "
        "outside the warehouse are out of reach unless --allow-files.",
    )
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
    _warehouse_option(sql)
    sql.set_defaults(handler=_sql)


def _add_status_command(commands: argparse._SubParsersAction) -> None:
    """`status`: last runs, row counts and rejections."""
    status = commands.add_parser(
        "status",
        help="show the last runs, row counts per table and rejected inputs",
        description="Show the last runs, row counts per public table, and rejected inputs "
        "with their reasons.",
    )
    _warehouse_option(status)
    status.set_defaults(handler=_status)


def _add_eval_command(commands: argparse._SubParsersAction) -> None:
    """`eval`: scores against gold files or TimeML corpora."""
    evaluate = commands.add_parser(
        "eval",
        help="score the warehouse against a gold file, or the time tagger against TimeML",
        description="Score the published warehouse against a gold file in the seeds gold "
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


def _wait_option(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--wait", type=float, default=0.0, metavar="SECONDS",
        help="wait this long for another running run instead of refusing at once",
    )


def _warehouse_option(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--warehouse", type=Path, default=DEFAULT_WAREHOUSE,
        help=f"the published DuckDB file (default {DEFAULT_WAREHOUSE})",
    )


def _settle_option(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--settle", type=float, default=defaults.SETTLE_SECONDS, metavar="SECONDS",
        help="read a file only once it has not changed for this long "
        f"(default {defaults.SETTLE_SECONDS:g})",
    )


def _cluster_option(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--cluster", default=os.environ.get("CORROBORATE_DASK_ADDRESS") or None,
        metavar="ADDRESS",
        help="prepare the batches on a Dask cluster: its scheduler's address "
        "(tcp://host:8786), or local[:N] to start N local worker processes "
        "(default: $CORROBORATE_DASK_ADDRESS, else --workers processes)",
    )


def _check_cluster(args: argparse.Namespace) -> None:
    """A bad `--cluster`, or a scheduler out of reach, in one line before anything starts."""
    if args.cluster:
        from flows.cluster import ClusterError, check_reachable

        try:
            check_reachable(args.cluster)
        except ClusterError as error:
            raise UsageError(str(error)) from None


def _run(args: argparse.Namespace) -> int:
    _check_cluster(args)
    paths = args.paths or [ROOT / "seeds" / "articles"]
    missing = [str(path) for path in paths if not _exists(path)]
    if missing:
        # A typo must not publish a warehouse that only says the path was not found.
        raise UsageError(f"no such file or folder: {', '.join(missing)}; nothing was read")
    _pipeline(
        args,
        paths=[str(path) for path in paths],
        batch_files=args.batch_files,
        max_bytes=args.max_bytes,
        workers=args.workers,
        settle_seconds=args.settle,
        budget_seconds=args.time_budget,
        cluster=args.cluster,
    )
    if args.show_marts:
        with _reader(args.warehouse) as conn:
            for query in (
                "select incident_id, kind, fact, value_low, value_high, n_documents, "
                "n_independent, status, speakers from source_agreement "
                "order by incident_id, kind, fact",
                "select incident_id, ordinal, is_background, occurred, event_type, "
                "n_documents, status, summary from timeline order by incident_id, ordinal",
            ):
                conn.sql(query).show(max_width=200, max_rows=200)
    return 0


def _input(text: str) -> Path | str:
    """A local path, or an fsspec URL kept as written (a `Path` would fold its `//`)."""
    from flows.ingest.remote import is_url

    return text if is_url(text) else Path(text)


def _exists(path: Path | str) -> bool:
    """Whether a path, or a URL (any match for a glob), names something to read."""
    if isinstance(path, Path):
        return os.path.lexists(path)
    from flows.ingest import remote

    try:
        return remote.exists(path)
    except OSError as error:
        raise UsageError(f"cannot read {path}: {error.strerror or error}") from None


def _as_read(path: Path | str) -> str:
    """A path or URL in the form the files under it were recorded in."""
    if isinstance(path, Path):
        return os.path.abspath(path)
    from flows.ingest import remote

    return remote.canonical(path)


def _forget(args: argparse.Namespace) -> int:
    if not args.warehouse.exists():
        raise UsageError(f"no warehouse at {args.warehouse}; nothing to forget")
    _pipeline(args, paths=[], forget=[_as_read(path) for path in args.paths])
    return 0


def _pipeline(args: argparse.Namespace, **parameters) -> dict:
    """Run the pipeline flow in this process, with a progress bar on a terminal, and print
    the run summary."""
    from flows import quiet_run
    from flows.publish import check_not_busy
    from flows.summary import RunStats, summary_markdown

    if parameters.get("forget"):
        check_not_busy(args.warehouse, wait_seconds=args.wait)
    else:  # plans under the lock, so it refuses a busy warehouse as early
        idle = quiet_run.nothing_new(
            args.warehouse, parameters["paths"], parameters["settle_seconds"], args.wait
        )
        if idle is not None:
            print(summary_markdown(idle, args.warehouse))
            return idle.as_dict()
    os.environ.setdefault("PREFECT_SERVER_ANALYTICS_ENABLED", "false")
    os.environ.setdefault("PREFECT_LOGGING_LOGGERS_PREFECT_TASK_RUNS_LEVEL", "WARNING")
    from flows import progress
    from flows.pipeline import pipeline  # Prefect is imported only when a run needs it

    reporter = progress.Bar() if sys.stderr.isatty() else progress.Silent()
    with progress.reporting(reporter), _helpers_end_with_this_process():
        result = pipeline(
            warehouse=str(args.warehouse), lock_wait_seconds=args.wait, **parameters
        )
    print(summary_markdown(RunStats(**result), args.warehouse))
    return result


def _helpers_end_with_this_process() -> AbstractContextManager[None]:
    """Prefect's temporary server, when the run starts one, dies with the run (`flows.lifeline`);
    a server at PREFECT_API_URL is the user's own."""
    if os.environ.get("PREFECT_API_URL"):
        return nullcontext()
    from flows.lifeline import temporary_server_ends_with_us

    return temporary_server_ends_with_us()


def _serve(args: argparse.Namespace) -> int:
    from flows import serve

    _check_cluster(args)
    try:
        every = serve.parse_every(args.every or "15m") if args.cron is None else None
        warehouse = args.warehouse.resolve()
        serve.serve(
            inbox=args.inbox.resolve(),
            warehouse=warehouse,
            every=every,
            cron=args.cron,
            settle_seconds=args.settle,
            port=args.port,
            server_log=args.server_log or warehouse.with_name("prefect-server.log"),
            cluster=args.cluster,
        )
    except serve.ServeError as error:
        raise UsageError(str(error)) from None
    return 0


def _sql(args: argparse.Namespace) -> int:
    with _sql_session(args) as conn:
        relation = conn.sql(args.query)
        if relation is None:
            print("ok")
        else:
            output.write_result(relation, sys.stdout, fmt=args.format, max_rows=args.max_rows)
    return 0


@contextmanager
def _sql_session(args: argparse.Namespace) -> Iterator[Any]:
    """A reader that refuses every write, load, attach and setting (`flows.reader`)."""
    from flows.reader import RefusedQuery, sql_session

    _require_warehouse(args.warehouse)
    try:
        with sql_session(args.warehouse, args.query, allow_files=args.allow_files) as conn:
            yield conn
    except RefusedQuery as error:
        raise UsageError(str(error)) from None


def _status(args: argparse.Namespace) -> int:
    with _reader(args.warehouse) as conn:
        print(f"warehouse: {args.warehouse}")
        conn.sql(
            "select run_id, started_at, finished_at, files_seen, documents_seen, documents_new, "
            "rejected, quarantined, casualty_claims, event_claims from runs "
            "order by started_at desc limit 5"
        ).show(max_width=200)
        present = desk.present_tables(conn)
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


def _require_warehouse(warehouse: Path) -> None:
    if not warehouse.exists():
        raise UsageError(f"no warehouse at {warehouse}; run `corroborate run` first")


def _reader(warehouse: Path):
    import duckdb

    _require_warehouse(warehouse)
    return duckdb.connect(str(warehouse), read_only=True)


if __name__ == "__main__":
    sys.exit(main())
