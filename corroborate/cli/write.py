"""The commands that write the warehouse: `run` (read inputs, rebuild, publish), `serve`
(scheduled runs over an inbox) and `forget` (drop what files gave). Prefect is imported only
when a run needs it, so the readers start fast."""

from __future__ import annotations

import argparse
import os
import sys
from contextlib import AbstractContextManager, nullcontext
from pathlib import Path

from corroborate import defaults
from corroborate.cli import options
from corroborate.cli.options import UsageError

ROOT = Path(__file__).resolve().parents[2]


def add_commands(commands: argparse._SubParsersAction) -> None:
    _add_run_command(commands)
    _add_serve_command(commands)
    _add_forget_command(commands)


def _add_run_command(commands: argparse._SubParsersAction) -> None:
    run = options.command(commands, "run", _run)
    run.add_argument(
        "paths", nargs="*", type=_input,
        help="files or folders, or fsspec URLs (s3://bucket/news/, globs too; "
        "default: the demo corpus)",
    )
    options.warehouse_option(run)
    run.add_argument("--batch-files", type=int, default=defaults.BATCH_FILES,
                     help=f"files per batch (default {defaults.BATCH_FILES})")
    run.add_argument("--max-bytes", type=int, default=defaults.MAX_BYTES,
                     help=f"reject files larger than this (default {defaults.MAX_BYTES})")
    run.add_argument("--workers", type=int, default=defaults.WORKERS,
                     help=f"extraction processes (default {defaults.WORKERS})")
    run.add_argument(
        "--time-budget", type=float, default=defaults.TIME_BUDGET_SECONDS, metavar="SECONDS",
        help="reject a document whose extraction takes longer, as extraction_timeout "
        f"(default {defaults.TIME_BUDGET_SECONDS:g})",
    )
    options.cluster_option(run)
    options.wait_option(run)
    options.settle_option(run)
    run.add_argument("--show-marts", action="store_true", help="print both marts afterwards")


def _add_serve_command(commands: argparse._SubParsersAction) -> None:
    serve = options.command(commands, "serve", _serve)
    serve.add_argument(
        "--inbox", type=Path, default=Path("inbox"), help="the folder to watch (default inbox/)"
    )
    when = serve.add_mutually_exclusive_group()
    when.add_argument("--every", default=None,
                      help="interval between runs: 30s, 10m, 1h (default 15m)")
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
    options.warehouse_option(serve)
    options.settle_option(serve)
    options.cluster_option(serve)


def _add_forget_command(commands: argparse._SubParsersAction) -> None:
    forget = options.command(commands, "forget", _forget)
    forget.add_argument("paths", nargs="+", type=_input,
                        help="files or folders (or URLs), as they were read")
    options.warehouse_option(forget)
    options.wait_option(forget)


def _run(args: argparse.Namespace) -> int:
    """Ingest files or folders, rebuild the marts and publish the warehouse.

    Ingest .txt/.md/.json/.jsonl/.html files (or folders of them), extract claims, validate,
    load, rebuild the models and publish the warehouse atomically. Unusable inputs are listed in
    the `rejected` table with a reason.
    """
    options.check_cluster(args)
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
        with options.reader(args.warehouse) as conn:
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
    from corroborate.ingest.remote import is_url

    return text if is_url(text) else Path(text)


def _exists(path: Path | str) -> bool:
    """Whether a path, or a URL (any match for a glob), names something to read."""
    if isinstance(path, Path):
        return os.path.lexists(path)
    from corroborate.ingest import remote

    try:
        return remote.exists(path)
    except OSError as error:
        raise UsageError(f"cannot read {path}: {error.strerror or error}") from None


def _as_read(path: Path | str) -> str:
    """A path or URL in the form the files under it were recorded in."""
    if isinstance(path, Path):
        return os.path.abspath(path)
    from corroborate.ingest import remote

    return remote.canonical(path)


def _forget(args: argparse.Namespace) -> int:
    """Remove files (or folders) from the warehouse, with the documents only they carry.

    Remove every trace of the given input files, or of every file under the given folders: their
    sources, rejections and state, and the documents (with their claims) that no other file
    carries. The files need not exist any more. A deleted file is otherwise kept: the news it
    reported happened.
    """
    if not args.warehouse.exists():
        raise UsageError(f"no warehouse at {args.warehouse}; nothing to forget")
    _pipeline(args, paths=[], forget=[_as_read(path) for path in args.paths])
    return 0


def _pipeline(args: argparse.Namespace, **parameters) -> dict:
    """Run the pipeline flow in this process, with a progress bar on a terminal, and print
    the run summary."""
    from corroborate import quiet_run
    from corroborate.publish import check_not_busy
    from corroborate.summary import RunStats, summary_markdown

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
    from corroborate import progress
    from corroborate.flows.pipeline import pipeline  # Prefect is imported only when a run needs it

    reporter = progress.Bar() if sys.stderr.isatty() else progress.Silent()
    with progress.reporting(reporter), _helpers_end_with_this_process():
        result = pipeline(
            warehouse=str(args.warehouse), lock_wait_seconds=args.wait, **parameters
        )
    print(summary_markdown(RunStats(**result), args.warehouse))
    return result


def _helpers_end_with_this_process() -> AbstractContextManager[None]:
    """Prefect's temporary server, when the run starts one, dies with the run
    (`corroborate.lifeline`); a server at PREFECT_API_URL is the user's own."""
    if os.environ.get("PREFECT_API_URL"):
        return nullcontext()
    from corroborate.lifeline import temporary_server_ends_with_us

    return temporary_server_ends_with_us()


def _serve(args: argparse.Namespace) -> int:
    """Run the pipeline over an inbox folder on a schedule, until stopped.

    Serve the pipeline on a schedule over an inbox folder: each run reads only new and changed
    files and publishes the warehouse. Uses the Prefect server at PREFECT_API_URL when set,
    otherwise starts a local one on 127.0.0.1 and stops it on exit. Stop with Ctrl-C or SIGTERM.
    """
    from corroborate.flows import serve

    options.check_cluster(args)
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

