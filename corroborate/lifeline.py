"""A run's helper processes end with the run: nothing outlives a `kill -9` of the main process.

Why: a killed run left its extraction workers and Prefect's temporary server running, and a
worker that had inherited the run lock's file descriptor kept every later run out. So each
helper watches its parent: the extraction workers poll it (a thread that ends the worker within
a second of the parent's death, whichever thread of the parent started it), and the temporary
server gets Linux's parent-death signal. The lock's descriptor is dropped in each worker
(`corroborate.publish.drop_inherited_locks`).
"""

from __future__ import annotations

import ctypes
import os
import signal
import subprocess
import sys
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any

_PR_SET_PDEATHSIG = 1
_POLL_SECONDS = 1.0


def end_with_parent(parent: int) -> None:
    """In a child process: exit as soon as `parent` is no longer its parent (it died)."""

    def watch() -> None:
        while os.getppid() == parent:
            time.sleep(_POLL_SECONDS)
        os._exit(1)

    threading.Thread(target=watch, name="end-with-parent", daemon=True).start()


def _killed_with_parent(parent: int) -> Callable[[], None]:
    """A `preexec_fn`: the child gets SIGKILL when the thread that started it ends (Linux), and
    does not start at all when its parent died while it was being forked."""

    def arm() -> None:
        if sys.platform.startswith("linux"):
            libc = ctypes.CDLL(None, use_errno=True)
            libc.prctl(_PR_SET_PDEATHSIG, signal.SIGKILL, 0, 0, 0)
        if os.getppid() != parent:
            os._exit(1)

    return arm


class _SubprocessEndingWithUs:
    """The `subprocess` module as Prefect's server module sees it, but whose `Popen` children
    are killed with this process."""

    def __getattr__(self, name: str) -> Any:
        return getattr(subprocess, name)

    @staticmethod
    def Popen(*args: Any, **kwargs: Any) -> subprocess.Popen:
        kwargs.setdefault("preexec_fn", _killed_with_parent(os.getpid()))
        return subprocess.Popen(*args, **kwargs)


@contextmanager
def temporary_server_ends_with_us() -> Iterator[None]:
    """While the block runs, Prefect's temporary server (started on demand, from its module
    `prefect.server.api.server`) is started so that it dies with this process."""
    from prefect.server.api import server

    original = server.subprocess
    server.subprocess = _SubprocessEndingWithUs()  # type: ignore[assignment]
    try:
        yield
    finally:
        server.subprocess = original
