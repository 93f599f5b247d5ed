"""Find the input files behind the paths a run is given, and read their bytes safely.

Folders are walked recursively in sorted order so a run is reproducible; hidden entries and
editor/office leftovers (names starting with "." or "~") are skipped there. A path given
explicitly is always taken, and everything that cannot be read becomes an `Unusable`.
"""

from __future__ import annotations

import hashlib
import os
import stat
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from flows.ingest.rejections import Reason, Unusable

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


@dataclass(frozen=True)
class RawFile:
    path: str
    data: bytes
    sha256: str
    size: int
    mtime: datetime


def discover(paths: Iterable[Path | str]) -> Iterator[Found]:
    """Every file named or contained in `paths`, once each, in a stable order."""
    seen: set[str] = set()
    for given in paths:
        path = os.path.abspath(given)
        if os.path.isdir(path):
            found = _walk(path)
        elif os.path.lexists(path):
            found = iter([Found(path)])
        else:
            found = iter([Found(path, Unusable(Reason.NOT_FOUND, "The path does not exist."))])
        for item in found:
            if item.path not in seen:
                seen.add(item.path)
                yield item


def _walk(folder: str) -> Iterator[Found]:
    failures: list[OSError] = []
    for root, dirs, files in os.walk(folder, onerror=failures.append):
        dirs[:] = sorted(name for name in dirs if not _skipped(name))
        for name in sorted(files):
            if not _skipped(name):
                yield Found(os.path.join(root, name))
    for error in failures:
        detail = f"The folder could not be listed: {error.strerror or error}."
        yield Found(str(error.filename or folder), Unusable(Reason.UNREADABLE, detail))


def shown_path(path: str) -> str:
    """The path as storable text: bytes of a file name that are not UTF-8 become U+FFFD."""
    return path.encode("utf-8", "surrogateescape").decode("utf-8", "replace")


def _skipped(name: str) -> bool:
    return name.startswith((".", "~"))


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
        info = os.stat(path)
        if not stat.S_ISREG(info.st_mode):
            raise Unusable(Reason.UNREADABLE, "The path is not a regular file.")
        if info.st_size > max_bytes:
            raise Unusable(
                Reason.TOO_LARGE,
                f"The file has {info.st_size:,} bytes, more than the limit of {max_bytes:,}.",
            )
        with open(path, "rb") as handle:
            data = handle.read(max_bytes + 1)
    except FileNotFoundError:
        detail = "The file vanished before it could be read, or is a broken link."
        raise Unusable(Reason.NOT_FOUND, detail) from None
    except OSError as error:
        detail = f"The file could not be read: {error.strerror or error}."
        raise Unusable(Reason.UNREADABLE, detail) from None
    if len(data) > max_bytes:
        raise Unusable(Reason.TOO_LARGE, f"The file grew past the limit of {max_bytes:,} bytes.")
    if not data:
        raise Unusable(Reason.EMPTY_FILE, "The file has no bytes.")
    return RawFile(
        path=path,
        data=data,
        sha256=hashlib.sha256(data).hexdigest(),
        size=len(data),
        mtime=datetime.fromtimestamp(info.st_mtime, UTC),
    )
