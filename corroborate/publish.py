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
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import IO


class WarehouseBusy(RuntimeError):
    """Another run holds the warehouse lock."""


def lock_path(published: Path) -> Path:
    return published.with_name(f".{published.name}.lock")


def build_path(published: Path, run_id: str) -> Path:
    return published.with_name(f".{published.name}.build-{run_id}")


#: Descriptors of the run locks this process holds; a forked worker drops its copies.
_HELD_LOCKS: set[int] = set()


@contextmanager
def exclusive_run(published: Path, *, wait_seconds: float = 0.0) -> Iterator[None]:
    """Hold the run lock; wait up to `wait_seconds` for a running run, then refuse. A lock
    whose recorded holder is dead (held on by processes it left) is recovered, with a warning."""
    published.parent.mkdir(parents=True, exist_ok=True)
    path = lock_path(published)
    deadline = time.monotonic() + wait_seconds
    while (handle := _try_lock(path)) is None:
        if _recover_if_orphaned(path):
            continue
        if time.monotonic() >= deadline:
            raise WarehouseBusy(f"another run is building {published}; try again when it finishes")
        time.sleep(0.2)
    _HELD_LOCKS.add(handle.fileno())
    try:
        yield
    finally:
        _HELD_LOCKS.discard(handle.fileno())
        fcntl.flock(handle, fcntl.LOCK_UN)
        handle.close()


def _try_lock(path: Path) -> IO[str] | None:
    """The lock file, locked and holding this process's id; None while another holds it. A lock
    taken on a file that a recovery has since replaced does not count."""
    with _turn(path):
        handle = path.open("a+")
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
            if os.fstat(handle.fileno()).st_ino != os.stat(path).st_ino:
                raise BlockingIOError
        except (BlockingIOError, FileNotFoundError):
            handle.close()
            return None
        handle.seek(0)
        handle.truncate()
        handle.write(f"{os.getpid()}\n")
        handle.flush()
        return handle


def _recover_if_orphaned(path: Path) -> bool:
    """Replace a lock whose recorded holder is dead (held on by a process that inherited it,
    such as a worker of a killed run) with a fresh file; True when replaced. Taking the lock
    and recovering it take turns, so the holder recorded is always the one holding it."""
    with _turn(path):
        holder = _holder(path)
        if holder is None or _alive(holder) or _free(path):
            return False
        fresh = path.with_name(f"{path.name}.{os.getpid()}")
        fresh.write_text("")
        os.replace(fresh, path)
    print(f"corroborate: warning: recovered the run lock of a run that died (pid {holder}); "
          "processes it left may still be running", file=sys.stderr)
    return True


@contextmanager
def _turn(path: Path) -> Iterator[None]:
    """A short lock around taking or recovering the run lock (never held while a run builds)."""
    with path.with_name(path.name + ".turn").open("a") as turn:
        fcntl.flock(turn, fcntl.LOCK_EX)
        yield


def _free(path: Path) -> bool:
    with path.open("a") as probe:
        try:
            fcntl.flock(probe, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            return False
        fcntl.flock(probe, fcntl.LOCK_UN)
        return True


def _holder(path: Path) -> int | None:
    try:
        text = path.read_text().strip()
    except OSError:
        return None
    return int(text) if text.isdigit() else None


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def drop_inherited_locks() -> None:
    """In a forked worker: let go of the run lock's descriptors inherited from the main process
    (an flock is held while any process has the file open), so that only the main process
    holds the lock and a worker that outlives it keeps no run out. The descriptor is pointed at
    /dev/null rather than closed, so the inherited file object's own close stays harmless."""
    if not _HELD_LOCKS:
        return
    null = os.open(os.devnull, os.O_RDONLY)
    for descriptor in _HELD_LOCKS:
        os.dup2(null, descriptor)
    os.close(null)


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


@contextmanager
def private_build(published: Path, run_id: str) -> Iterator[Path]:
    """A private copy of the published warehouse (or a fresh path) to build into; gone on
    exit, published by then or abandoned."""
    target = build_path(published, run_id)
    target.unlink(missing_ok=True)
    try:
        if published.exists():
            shutil.copyfile(published, target)
        yield target
    finally:
        target.unlink(missing_ok=True)


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
