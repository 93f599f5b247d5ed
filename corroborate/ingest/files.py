"""Find the input files behind the paths a run is given, and read their bytes safely.

Folders are walked recursively in sorted order so a run is reproducible; hidden entries and
editor/office leftovers (names starting with "." or "~") are skipped there. A path given
explicitly is always taken, and everything that cannot be read becomes an `Unusable`. An input
may also be an fsspec URL (`s3://bucket/news/`, with a glob pattern or not), listed and read
through `corroborate.ingest.remote` under the same rules. A read that fails for a reason that may
pass is retried with backoff. Each file read leaves its `FileState` (size, modification time
and hash of the bytes read), by which the next run knows it unchanged.
"""

from __future__ import annotations

import errno
import hashlib
import os
import stat
import time
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import TypeVar

from corroborate.ingest import remote
from corroborate.ingest.rejections import Reason, Unusable

T = TypeVar("T")

FORMATS = {
    ".txt": "txt",
    ".text": "txt",
    ".md": "md",
    ".markdown": "md",
    ".json": "json",
    ".jsonl": "jsonl",
    ".ndjson": "jsonl",
    ".html": "html",
    ".htm": "html",
}


@dataclass(frozen=True)
class Found:
    """A file to ingest, or a path that already failed while looking for files."""

    path: str
    problem: Unusable | None = None


#: Seconds to wait before each retry of a read that failed for a reason that may pass.
READ_RETRY_DELAYS = (0.2, 0.5, 1.0, 2.0)
_TRANSIENT_ERRNOS = {errno.EACCES, errno.EPERM, errno.EAGAIN, errno.EBUSY, errno.ETXTBSY}
_EPOCH = datetime(1970, 1, 1, tzinfo=UTC)
#: Files refused for what they are, not for failing to read: recorded like files read, so an
#: unchanged one is not read (and rejected) again by every run.
_REFUSED_AS_THEY_ARE = frozenset({Reason.UNKNOWN_EXTENSION, Reason.TOO_LARGE, Reason.EMPTY_FILE})


@dataclass(frozen=True)
class FileState:
    """What a file looked like when read: its `source_files` row without the run id. The next
    run compares a file's stat with it, and reads the file again only if it changed."""

    source_file: str
    file_size: int
    mtime_us: int
    file_sha256: str

    def row(self, run_id: str) -> dict:
        return {
            "source_file": self.source_file,
            "file_size": self.file_size,
            "file_mtime": mtime_of(self.mtime_us),
            "file_sha256": self.file_sha256,
            "run_id": run_id,
        }


@dataclass(frozen=True)
class RawFile:
    path: str
    data: bytes
    sha256: str
    size: int
    mtime_us: int

    @property
    def mtime(self) -> datetime:
        return mtime_of(self.mtime_us)

    @property
    def state(self) -> FileState:
        return FileState(shown_path(self.path), self.size, self.mtime_us, self.sha256)


def mtime_of(mtime_us: int) -> datetime:
    """A modification time in microseconds since the epoch (what `stat` gives), as UTC."""
    return _EPOCH + timedelta(microseconds=mtime_us)


def discover(paths: Iterable[Path | str]) -> Iterator[Found]:
    """Every file named or contained in `paths`, once each, in a stable order."""
    seen: set[str] = set()
    for given in paths:
        for item in _found_at(str(given)):
            if item.path not in seen:
                seen.add(item.path)
                yield item


def _found_at(given: str) -> Iterator[Found]:
    if remote.is_url(given):
        return _found_at_url(given)
    path = os.path.abspath(given)
    if os.path.isdir(path):
        return _walk(path)
    if os.path.lexists(path):
        return iter([Found(path)])
    return iter([Found(path, Unusable(Reason.NOT_FOUND, "The path does not exist."))])


def _walk(folder: str) -> Iterator[Found]:
    failures: list[OSError] = []
    for root, dirs, files in os.walk(folder, onerror=failures.append):
        dirs[:] = sorted(name for name in dirs if not remote.skipped(name))
        for name in sorted(files):
            if not remote.skipped(name):
                yield Found(os.path.join(root, name))
    for error in failures:
        yield Found(str(error.filename or folder), _unlistable(error))


def _found_at_url(url: str) -> Iterator[Found]:
    """The files a URL names: itself, what its pattern matches, and all under its folders."""
    try:
        named = list(remote.matches(url))
    except FileNotFoundError:
        missing = "No file matches the pattern." if remote.is_pattern(url) else (
            "The path does not exist.")
        yield Found(url, Unusable(Reason.NOT_FOUND, missing))
        return
    except OSError as error:
        detail = f"The path could not be read: {error.strerror or error}."
        yield Found(url, Unusable(Reason.UNREADABLE, detail))
        return
    for name, is_folder in named:
        if not is_folder:
            yield Found(name)
            continue
        for path, error in remote.walk(name):
            yield Found(path) if error is None else Found(path, _unlistable(error))


def _unlistable(error: OSError) -> Unusable:
    detail = f"The folder could not be listed: {error.strerror or error}."
    return Unusable(Reason.UNREADABLE, detail)


def shown_path(path: str) -> str:
    """The path as storable text: bytes of a file name that are not UTF-8 become U+FFFD."""
    return path.encode("utf-8", "surrogateescape").decode("utf-8", "replace")


def format_of(path: str) -> str:
    """The format name for a file's extension; unknown extensions are not guessed at."""
    extension = os.path.splitext(path)[1].lower()
    if extension not in FORMATS:
        shown = extension or "no extension"
        raise Unusable(
            Reason.UNKNOWN_EXTENSION,
            f"The file has {shown}; expected one of {', '.join(sorted(FORMATS))}.",
        )
    return FORMATS[extension]


def read_file(path: str, max_bytes: int) -> RawFile:
    """The file's bytes, refusing before reading anything that is too large or not a file."""
    try:
        return _with_retries(lambda: _read_once(path, max_bytes))
    except OSError as error:
        detail = f"The file could not be read: {error.strerror or error}."
        raise Unusable(Reason.UNREADABLE, detail) from None


def stat_of(path: str) -> tuple[int, int, bool]:
    """A file's size, modification time (microseconds since the epoch) and whether it is a
    regular file, at a local path or a URL; raises `OSError` as `os.stat` does."""
    if remote.is_url(path):
        return remote.stat(path)
    info = os.stat(path)
    return info.st_size, info.st_mtime_ns // 1000, stat.S_ISREG(info.st_mode)


def _read_once(path: str, max_bytes: int) -> RawFile:
    try:
        size, mtime_us, regular = stat_of(path)
        if not regular:
            raise Unusable(Reason.UNREADABLE, "The path is not a regular file.")
        if size > max_bytes:
            raise Unusable(
                Reason.TOO_LARGE,
                f"The file has {size:,} bytes, more than the limit of {max_bytes:,}.",
            )
        data = _read_bytes(path, max_bytes + 1)
    except FileNotFoundError:
        detail = "The file vanished before it could be read, or is a broken link."
        raise Unusable(Reason.NOT_FOUND, detail) from None
    if len(data) > max_bytes:
        raise Unusable(Reason.TOO_LARGE, f"The file grew past the limit of {max_bytes:,} bytes.")
    if not data:
        raise Unusable(Reason.EMPTY_FILE, "The file has no bytes.")
    return RawFile(
        path=path,
        data=data,
        sha256=hashlib.sha256(data).hexdigest(),
        size=len(data),
        mtime_us=mtime_us,
    )


def _read_bytes(path: str, limit: int) -> bytes:
    if remote.is_url(path):
        return remote.read(path, limit)
    with open(path, "rb") as handle:
        return handle.read(limit)


def refused_file_state(path: str, problem: Unusable) -> FileState | None:
    """The state to record for a file refused unread (or read empty) for what it is, so the
    next run skips it while it is unchanged; None for a file that could not be read, which the
    next run tries again."""
    if problem.reason not in _REFUSED_AS_THEY_ARE:
        return None
    try:
        size, mtime_us, _ = stat_of(path)
    except OSError:
        return None
    digest = file_sha256(path)
    if digest is None:
        return None
    return FileState(shown_path(path), size, mtime_us, digest)


def file_sha256(path: Path | str, sleep: Callable[[float], None] | None = None) -> str | None:
    """The file's content hash, read in chunks (it may be larger than a run reads); None if it
    cannot be read."""
    try:
        return _with_retries(lambda: _hash_once(str(path)), sleep)
    except OSError:
        return None


def _hash_once(path: str) -> str:
    if remote.is_url(path):
        return remote.sha256(path)
    digest = hashlib.sha256()
    with Path(path).open("rb") as handle:
        while chunk := handle.read(1 << 20):
            digest.update(chunk)
    return digest.hexdigest()


def _with_retries(action: Callable[[], T], sleep: Callable[[float], None] | None = None) -> T:
    """`action()`, retried with backoff while it fails for a reason that may pass (a lock, a
    permission being set); the last failure is raised."""
    for delay in READ_RETRY_DELAYS:
        try:
            return action()
        except OSError as error:
            if error.errno not in _TRANSIENT_ERRNOS:
                raise
            (sleep or time.sleep)(delay)
    return action()
