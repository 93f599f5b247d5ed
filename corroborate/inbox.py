"""Which input files a run must read: new or changed ones, once they have stopped changing.

An unchanged inbox should cost a directory walk and a `stat` per file, not a read: a file whose
size and modification time match its `source_files` row is skipped unread. A file whose stat
differs is hashed, and only a different hash makes it changed (a `touch` or a copy that keeps
the bytes is not a change). A new file is not hashed here: ingest hashes the bytes it reads,
and records the file's state from them. A scraper may still be writing a file: one modified
within the last `settle_seconds` is watched until it has been quiet that long, and one still
changing when the wait runs out is left for the next run rather than read half-written. A read
that fails for a reason that may pass (a lock, a permission being set) is retried with backoff;
if it still fails, ingest rejects the file with the reason and the file stays unrecorded, so
the next run tries again and its earlier documents are kept meanwhile.
"""

from __future__ import annotations

import os
import time
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path

import duckdb

from corroborate.ingest.files import FileState, discover, file_sha256, shown_path, stat_of


@dataclass
class Plan:
    """The files a run reads, and what it learned about the others."""

    #: New, changed or unusable paths, in order; as plain strings, which take a quarter of the
    #: memory of `Path` objects (a plan holds every new file of the inbox).
    read: list[str] = field(default_factory=list)
    new: int = 0
    changed: int = 0
    unchanged: int = 0
    touched: list[FileState] = field(default_factory=list)  # same bytes, new stat: record only
    deferred: list[str] = field(default_factory=list)  # still being written

    @property
    def is_empty(self) -> bool:
        return not self.read and not self.touched


@dataclass(frozen=True)
class _Seen:
    path: str
    size: int
    mtime_us: int


def recorded_files(published: Path) -> dict[str, FileState]:
    """What the published warehouse remembers of each file (nothing for a new warehouse). A
    reader of the published file never blocks a run, and sees one whole snapshot."""
    if not published.exists():
        return {}
    with duckdb.connect(str(published), read_only=True) as conn:
        has_state = conn.execute(
            "select count(*) from information_schema.tables where table_name = 'source_files'"
        ).fetchall()[0][0]
        return known_files(conn) if has_state else {}


def known_files(conn: duckdb.DuckDBPyConnection) -> dict[str, FileState]:
    """The recorded state of every file earlier runs read."""
    rows = conn.execute(
        "select source_file, file_size, epoch_us(file_mtime), file_sha256 from source_files"
    ).fetchall()
    return {row[0]: FileState(*row) for row in rows}


def plan_files(
    paths: Iterable[Path | str],
    known: Mapping[str, FileState],
    *,
    settle_seconds: float = 1.0,
    max_wait_seconds: float = 30.0,
    clock: Callable[[], float] = time.time,
    sleep: Callable[[float], None] = time.sleep,
) -> Plan:
    """Decide, file by file, what this run must read. Paths that cannot be used (missing,
    unlistable) are always read, so that ingest rejects them with a reason."""
    plan = Plan()
    candidates: list[_Seen] = []
    for found in discover(paths):
        if found.problem is not None:
            plan.read.append(found.path)
            continue
        seen = _stat(found.path)
        if seen is None and os.path.islink(found.path):
            plan.read.append(found.path)  # a broken link: ingest rejects it as not_found
            continue
        if seen is None:
            continue  # vanished since the walk: a deleted file keeps its documents
        previous = known.get(shown_path(found.path))
        if previous and (previous.file_size, previous.mtime_us) == (seen.size, seen.mtime_us):
            plan.unchanged += 1
        else:
            candidates.append(seen)
    settled, plan.deferred = _settle(candidates, settle_seconds, max_wait_seconds, clock, sleep)
    for seen in settled:
        _classify(plan, seen, known.get(shown_path(seen.path)), sleep)
    return plan


def _classify(plan: Plan, seen: _Seen, previous: FileState | None, sleep) -> None:
    """A new file is read; a known one whose stat changed is read only if its bytes did."""
    if previous is None:
        plan.read.append(seen.path)
        plan.new += 1
        return
    digest = file_sha256(seen.path, sleep)
    if digest is None:
        plan.read.append(seen.path)  # ingest says why; nothing recorded, so the next run retries
    elif digest == previous.file_sha256:
        plan.unchanged += 1
        plan.touched.append(FileState(previous.source_file, seen.size, seen.mtime_us, digest))
    else:
        plan.read.append(seen.path)
        plan.changed += 1


def _stat(path: str) -> _Seen | None:
    try:
        size, mtime_us, _ = stat_of(path)
    except FileNotFoundError:
        return None
    except OSError:
        return _Seen(path, -1, -1)  # unreadable: let ingest report it
    return _Seen(path, size, mtime_us)


def _settle(
    files: list[_Seen], quiet: float, max_wait: float, clock, sleep
) -> tuple[list[_Seen], list[str]]:
    """Files not modified for `quiet` seconds, waiting up to `max_wait` for the young ones (a
    write moves the mtime, so a quiet mtime means the size has settled too). Those still
    changing when the wait runs out come back as deferred paths."""
    deadline = clock() + max_wait
    settled: list[_Seen] = []
    waiting = files
    while True:
        now = clock()
        young = []
        for seen in waiting:
            is_young = seen.size >= 0 and now - seen.mtime_us / 1e6 < quiet
            (young if is_young else settled).append(seen)
        if not young or now >= deadline:
            break
        newest = max(seen.mtime_us for seen in young) / 1e6
        sleep(max(0.05, min(newest + quiet - now, deadline - now)))
        waiting = [fresh for seen in young if (fresh := _stat(seen.path)) is not None]
    order = {seen.path: index for index, seen in enumerate(files)}
    settled.sort(key=lambda seen: order[seen.path])
    return settled, [shown_path(seen.path) for seen in young]
