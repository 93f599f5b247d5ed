"""Build privately, publish atomically, and let only one run build at a time.

DuckDB allows one writing process or many readers, never both. So a run never opens the
published file for writing: it copies it to a private build file, loads and builds there, and
publishes with `os.replace`, an atomic rename. An analyst's session that holds the old file open
keeps reading the old snapshot (the old inode) and never blocks the run; a run killed at any
point leaves the published file as it was. A lock file serialises runs.

The rename alone is not enough for a reader that is *opening* the file at that instant. DuckDB
opens a database path three times: twice to read the headers (12 KiB: magic, version, the
pointer to the newest checkpoint) and once more to read blocks. A rename between the second
and the third open hands the reader the old file's header and the new file's blocks (measured:
about one open in ten fails, or silently reads wrong rows, when publishes are back to back).
So the build is made such that the old header is still valid against the new file:

- the build starts as a byte copy of the published file and is checkpointed exactly once, at
  the end (automatic checkpoints are switched off; committed batches wait in DuckDB's buffer
  pool, which spills to disk past the memory limit). DuckDB never overwrites a block that the
  on-disk header still references during a checkpoint (its crash safety rests on this), so
  every block of the old snapshot is still in place in the new file;
- a checkpoint may truncate free blocks at the end of the file; if the build came out shorter
  than the published file, the published file's tail is appended back.

A reader that gets the old header therefore reads exactly the old snapshot, and one that gets
the new header reads the new one. `tests/test_concurrency.py` checks this directly by opening
an old-header/new-body hybrid.
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
    """Delete build files left by killed runs, with their WAL and DuckDB's spill folder
    (`.tmp`). Call only while holding the run lock."""
    stale = sorted(published.parent.glob(f".{published.name}.build-*"))
    for path in stale:
        if path.is_dir():
            shutil.rmtree(path, ignore_errors=True)
        else:
            path.unlink(missing_ok=True)
    return stale


def start_build(published: Path, run_id: str) -> Path:
    """A private copy of the published warehouse (or a fresh path) to build into."""
    target = build_path(published, run_id)
    target.unlink(missing_ok=True)
    if published.exists():
        shutil.copyfile(published, target)
    return target


#: DuckDB settings for every build: no checkpoint before the one at the end. Over a published
#: file this keeps the old snapshot's blocks in place (see above); for a first build it is also
#: the faster choice, since each automatic checkpoint rewrites what the batches just committed.
BUILD_SETTINGS: dict[str, object] = {
    "checkpoint_threshold": "1000TB",
    "auto_checkpoint_skip_wal_threshold": 2**62,
}


def publish(build: Path, published: Path) -> None:
    """Make the finished, closed build the published warehouse, atomically and durably."""
    with build.open("r+b") as handle:
        handle.seek(0, os.SEEK_END)
        _restore_tail(handle, published)
        os.fsync(handle.fileno())
    os.replace(build, published)
    directory = os.open(published.parent, os.O_RDONLY)
    try:
        os.fsync(directory)
    finally:
        os.close(directory)


def _restore_tail(handle, published: Path) -> None:
    """Append the published file's bytes past the build's end, so that every block the old
    header references is still there (see the module docstring). DuckDB ignores bytes past
    the blocks its own header counts."""
    try:
        with published.open("rb") as old:
            old.seek(handle.tell())
            shutil.copyfileobj(old, handle)
    except FileNotFoundError:
        pass  # the first publish: there is no old header to honour
