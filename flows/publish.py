"""Build privately, publish atomically, and let only one run build at a time.

DuckDB allows one writing process or many readers, never both. So a run never opens the
published file for writing: it copies it to a private build file, loads and builds there, and
publishes with `os.replace`, an atomic rename. An analyst's session that holds the old file open
keeps reading the old snapshot (the old inode) and never blocks the run; a run killed at any
point leaves the published file as it was. A lock file serialises runs.
"""

from __future__ import annotations

import fcntl
import os
import shutil
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path


class WarehouseBusy(RuntimeError):
    """Another run holds the warehouse lock."""


def lock_path(published: Path) -> Path:
    return published.with_name(f".{published.name}.lock")


def build_path(published: Path, run_id: str) -> Path:
    return published.with_name(f".{published.name}.build-{run_id}")


@contextmanager
def exclusive_run(published: Path, *, wait_seconds: float = 0.0) -> Iterator[None]:
    """Hold the run lock; wait up to `wait_seconds` for a running run, then refuse."""
    published.parent.mkdir(parents=True, exist_ok=True)
    with lock_path(published).open("a+") as handle:
        deadline = time.monotonic() + wait_seconds
        while True:
            try:
                fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
                break
            except BlockingIOError:
                if time.monotonic() >= deadline:
                    raise WarehouseBusy(
                        f"another run is building {published}; try again when it finishes"
                    ) from None
                time.sleep(0.2)
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


def check_not_busy(published: Path, *, wait_seconds: float = 0.0) -> None:
    """Refuse early, before any start-up cost, when another run holds the lock. The run takes
    the lock again itself; this check only spares the user a slow start and a noisy failure."""
    with exclusive_run(published, wait_seconds=wait_seconds):
        pass


def remove_stale_builds(published: Path) -> list[Path]:
    """Delete build files left by killed runs. Call only while holding the run lock."""
    stale = sorted(published.parent.glob(f".{published.name}.build-*"))
    for path in stale:
        path.unlink(missing_ok=True)
    return stale


def start_build(published: Path, run_id: str) -> Path:
    """A private copy of the published warehouse (or a fresh path) to build into."""
    target = build_path(published, run_id)
    target.unlink(missing_ok=True)
    if published.exists():
        shutil.copyfile(published, target)
    return target


def publish(build: Path, published: Path) -> None:
    """Make the finished build the published warehouse, atomically and durably."""
    with build.open("rb") as handle:
        os.fsync(handle.fileno())
    os.replace(build, published)
    directory = os.open(published.parent, os.O_RDONLY)
    try:
        os.fsync(directory)
    finally:
        os.close(directory)
