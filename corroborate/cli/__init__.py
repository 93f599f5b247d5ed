"""`corroborate`: the command line.

Every command prints one clear line and exits non-zero on failure; `--debug` shows the
traceback for a developer. The commands live by what they do to the warehouse: `write` (run,
serve, forget), `read` (sql, status, eval) and `desk` (report, export, docs, for the analyst);
`options` holds what they share.
"""

from __future__ import annotations

import argparse
import os
import signal
import sys
from collections.abc import Sequence

from corroborate.cli import desk, read, write
from corroborate.cli.options import UsageError


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

    write.add_commands(commands)
    read.add_commands(commands)
    desk.add_commands(commands)
    return parser

