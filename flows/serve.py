"""`corroborate serve`: run the pipeline over an inbox folder on a schedule, until stopped.

Scheduling needs a real Prefect server (the temporary one Prefect starts for a single run
cannot schedule). When `PREFECT_API_URL` is set, that server is used; otherwise a local one is
started on loopback for as long as `serve` runs, and stopped with it. Runs are incremental, so
a run over an unchanged inbox costs a directory walk and leaves the warehouse untouched.

SIGINT and SIGTERM stop cleanly: the runner stops polling and cancels a run in progress (the
published warehouse is untouched by a run that does not finish), the local server is stopped,
and any process this one started that is still alive is ended, so nothing is left behind.
"""

from __future__ import annotations

import os
import re
import signal
import socket
import subprocess
import sys
import time
import urllib.request
import warnings
from collections.abc import Iterator
from contextlib import contextmanager, nullcontext, suppress
from datetime import timedelta
from pathlib import Path
from typing import IO

DEPLOYMENT = "inbox"
SERVER_START_SECONDS = 120
#: How long a scheduled run waits for a run that holds the warehouse (say, a manual one).
LOCK_WAIT_SECONDS = 600
_UNITS = {"s": 1, "m": 60, "h": 3600, "d": 86400}
_DURATION = re.compile(r"(\d+(?:\.\d+)?)([smhd])")


class ServeError(RuntimeError):
    """A problem starting to serve that the user can fix from the message alone."""


def parse_every(text: str) -> timedelta:
    """"90s", "10m", "1h30m", "1d", or plain seconds: the interval between runs."""
    spec = text.strip().lower()
    if re.fullmatch(r"\d+(?:\.\d+)?", spec):
        seconds = float(spec)
    elif spec and _DURATION.sub("", spec) == "":
        seconds = sum(float(n) * _UNITS[unit] for n, unit in _DURATION.findall(spec))
    else:
        raise ServeError(f"--every takes a duration such as 30s, 10m or 1h, not {text!r}")
    if seconds <= 0:
        raise ServeError("--every must be longer than zero")
    return timedelta(seconds=seconds)


def check_cron(expression: str) -> str:
    from prefect.client.schemas.schedules import CronSchedule

    try:
        CronSchedule(cron=expression)
    except ValueError:
        raise ServeError(f"--cron takes a cron expression such as '*/15 * * * *', "
                         f"not {expression!r}") from None
    return expression


def serve(
    *,
    inbox: Path,
    warehouse: Path,
    every: timedelta | None,
    cron: str | None,
    settle_seconds: float,
    port: int,
    server_log: Path,
    cluster: str | None = None,
) -> None:
    """Serve the pipeline over `inbox` until SIGINT or SIGTERM; each run prepares its batches
    on the Dask `cluster` when given."""
    previous = signal.signal(signal.SIGTERM, _raise_interrupt)  # until Prefect installs its own
    # Prefect's SIGTERM handler stops the runner from inside the signal handler, which leaves a
    # harmless "never awaited" coroutine behind; the warning would only alarm the reader.
    warnings.filterwarnings("ignore", message="coroutine 'Runner.astop' was never awaited")
    try:
        configured = os.environ.get("PREFECT_API_URL")
        api_url = configured or f"http://127.0.0.1:{port}/api"
        _configure_prefect(api_url, every)  # before Prefect is first imported
        if cron is not None:
            check_cron(cron)
        inbox.mkdir(parents=True, exist_ok=True)
        warehouse.parent.mkdir(parents=True, exist_ok=True)
        with nullcontext() if configured else _local_server(port, server_log):
            from prefect.types.entrypoint import EntrypointType

            from corroborate.flows.pipeline import pipeline

            print(f"corroborate: serving {inbox} into {warehouse} "
                  f"({'cron ' + cron if cron else f'every {every}'}); "
                  f"runs at {api_url.removesuffix('/api')}", file=sys.stderr, flush=True)
            pipeline.serve(
                name=DEPLOYMENT,
                interval=every if cron is None else None,
                cron=cron,
                parameters={
                    "paths": [str(inbox)],
                    "warehouse": str(warehouse),
                    "lock_wait_seconds": LOCK_WAIT_SECONDS,
                    "settle_seconds": settle_seconds,
                    "report": True,
                    "cluster": cluster,
                },
                pause_on_shutdown=False,
                limit=1,
                entrypoint_type=EntrypointType.MODULE_PATH,
                print_starting_message=False,
            )
    except (KeyboardInterrupt, SystemExit):
        pass  # SIGINT, or SIGTERM (Prefect's runner turns that into SystemExit once stopped)
    finally:
        signal.signal(signal.SIGTERM, previous)
        _end_children()
    print("corroborate: stopped serving", file=sys.stderr, flush=True)


def _configure_prefect(api_url: str, every: timedelta | None) -> None:
    """Settings Prefect reads once, at import: the server, and how often the runner looks for
    due runs (often enough for a short interval)."""
    os.environ["PREFECT_API_URL"] = api_url
    os.environ.setdefault("PREFECT_SERVER_ANALYTICS_ENABLED", "false")
    if every is not None:
        poll = max(1, min(10, int(every.total_seconds() / 2)))
        os.environ.setdefault("PREFECT_RUNNER_POLL_FREQUENCY", str(poll))


@contextmanager
def _local_server(port: int, server_log: Path) -> Iterator[None]:
    """A Prefect server on 127.0.0.1:`port` for as long as the block runs."""
    if not _port_is_free(port):
        raise ServeError(f"port {port} on 127.0.0.1 is in use; pass --port, or set "
                         "PREFECT_API_URL to use a Prefect server that is already running")
    server_log.parent.mkdir(parents=True, exist_ok=True)
    with server_log.open("ab") as log:
        server = _start_server(port, log)
        try:
            _wait_for_health(server, f"http://127.0.0.1:{port}/api", server_log)
            yield
        finally:
            _stop_group(server)


def _start_server(port: int, log: IO[bytes]) -> subprocess.Popen:
    env = {**os.environ, "PREFECT_SERVER_ANALYTICS_ENABLED": "false"}
    command = [sys.executable, "-m", "prefect", "server", "start",
               "--host", "127.0.0.1", "--port", str(port)]
    # A session of its own: a Ctrl-C at the terminal reaches `serve`, which stops the runner
    # first and the server after it, instead of both at once.
    return subprocess.Popen(
        command, stdout=log, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL, env=env,
        start_new_session=True,
    )


def _wait_for_health(server: subprocess.Popen, url: str, server_log: Path) -> None:
    deadline = time.monotonic() + SERVER_START_SECONDS
    while time.monotonic() < deadline:
        if server.poll() is not None:
            raise ServeError(f"the Prefect server stopped while starting; see {server_log}")
        try:
            with urllib.request.urlopen(f"{url}/health", timeout=2) as response:
                if response.status == 200:
                    return
        except OSError:
            pass
        time.sleep(0.5)
    raise ServeError(f"the Prefect server did not start within {SERVER_START_SECONDS} s; "
                     f"see {server_log}")


def _stop_group(process: subprocess.Popen, grace: float = 15.0) -> None:
    """SIGTERM the process's group, then SIGKILL whatever is left after `grace` seconds."""
    for sig, wait in ((signal.SIGTERM, grace), (signal.SIGKILL, 5.0)):
        try:
            os.killpg(process.pid, sig)
        except ProcessLookupError:
            break
        try:
            process.wait(timeout=wait)
            if not _group_alive(process.pid):
                return
        except subprocess.TimeoutExpired:
            continue


def _group_alive(pgid: int) -> bool:
    try:
        os.killpg(pgid, 0)
    except ProcessLookupError:
        return False
    return True


def _end_children(grace: float = 10.0) -> None:
    """End any process this one started that outlived the shutdown (a run's workers)."""
    import psutil

    children = psutil.Process().children(recursive=True)
    for child in children:
        with suppress(psutil.NoSuchProcess):
            child.terminate()
    _, alive = psutil.wait_procs(children, timeout=grace)
    for child in alive:
        with suppress(psutil.NoSuchProcess):
            child.kill()
    psutil.wait_procs(alive, timeout=5)


def _port_is_free(port: int) -> bool:
    with socket.socket() as probe:
        probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)  # as the server will
        try:
            probe.bind(("127.0.0.1", port))
        except OSError:
            return False
    return True


def _raise_interrupt(signum: int, frame: object) -> None:
    raise KeyboardInterrupt
