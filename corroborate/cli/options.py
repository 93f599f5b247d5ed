"""What the commands share: their common options, the error a user can fix from its message
alone, and the read-only connection every reader opens."""

from __future__ import annotations

import argparse
import inspect
import os
from collections.abc import Callable
from pathlib import Path

import duckdb

from corroborate import defaults


class UsageError(RuntimeError):
    """A problem the user can fix from the message alone."""


def command(
    commands: argparse._SubParsersAction,
    name: str,
    handler: Callable[[argparse.Namespace], int],
) -> argparse.ArgumentParser:
    """A subcommand run by `handler`, which returns the exit status. The handler's docstring is
    its help, in one place: the first line is the command's line in `corroborate --help`, the
    paragraph after it the description its own `--help` prints."""
    summary, _, description = inspect.cleandoc(handler.__doc__ or "").partition("\n\n")
    parser = commands.add_parser(
        name, help=summary[:1].lower() + summary[1:].rstrip("."),
        description=" ".join(description.split()),
    )
    parser.set_defaults(handler=handler)
    return parser


def wait_option(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--wait", type=float, default=0.0, metavar="SECONDS",
        help="wait this long for another running run instead of refusing at once",
    )


def warehouse_option(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--warehouse", type=Path, default=defaults.WAREHOUSE,
        help=f"the published DuckDB file (default {defaults.WAREHOUSE})",
    )


def settle_option(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--settle", type=float, default=defaults.SETTLE_SECONDS, metavar="SECONDS",
        help="read a file only once it has not changed for this long "
        f"(default {defaults.SETTLE_SECONDS:g})",
    )


def cluster_option(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--cluster", default=os.environ.get("CORROBORATE_DASK_ADDRESS") or None,
        metavar="ADDRESS",
        help="prepare the batches on a Dask cluster: its scheduler's address "
        "(tcp://host:8786), or local[:N] to start N local worker processes "
        "(default: $CORROBORATE_DASK_ADDRESS, else --workers processes)",
    )


def check_cluster(args: argparse.Namespace) -> None:
    """A bad `--cluster`, or a scheduler out of reach, in one line before anything starts."""
    if args.cluster:
        from corroborate.flows.cluster import ClusterError, check_reachable

        try:
            check_reachable(args.cluster)
        except ClusterError as error:
            raise UsageError(str(error)) from None


def require_warehouse(warehouse: Path) -> None:
    if not warehouse.exists():
        raise UsageError(f"no warehouse at {warehouse}; run `corroborate run` first")


def reader(warehouse: Path) -> duckdb.DuckDBPyConnection:
    require_warehouse(warehouse)
    return duckdb.connect(str(warehouse), read_only=True)


def present_tables(conn: duckdb.DuckDBPyConnection) -> set[str]:
    return {row[0] for row in conn.execute(
        "select table_name from duckdb_tables() union all select view_name from duckdb_views()"
    ).fetchall()}
