"""Inputs named by fsspec URL (`s3://bucket/news/`, `file:///srv/inbox/*.json`): listed, globbed,
stat'ed and read through fsspec, so that the workers of a cluster can read what no shared mount
gives them. Only what differs from a local path lives here; `corroborate.ingest.files` keeps the
rules (what is skipped, what is refused) the same for both.

A URL names its files in fsspec's own form (`memory://corpus` lists `memory:///corpus/a.txt`),
so the same file keeps one name from run to run. A protocol whose package is not installed
(`s3://` without `s3fs`) is an `OSError` like any other that stops a read: the input is
rejected with the reason, and the run goes on.
"""

from __future__ import annotations

import errno
import hashlib
import re
from collections.abc import Iterator
from datetime import datetime
from typing import Any

import fsspec

_URL = re.compile(r"[A-Za-z][A-Za-z0-9+.-]*://")
_GLOB = re.compile(r"[*?\[]")


def is_url(path: str) -> bool:
    """Whether `path` is a URL (`scheme://...`) rather than a local path."""
    return "://" in path and _URL.match(path) is not None


def is_pattern(url: str) -> bool:
    """Whether the URL's path is a glob pattern (`*`, `?`, `[...]`)."""
    return _GLOB.search(url.split("://", 1)[-1]) is not None


def filesystem(url: str) -> tuple[Any, str]:
    """The fsspec filesystem of `url`, and the path on it; an `OSError` when no installed
    package serves the protocol."""
    try:
        return fsspec.core.url_to_fs(url)
    except (ImportError, ValueError) as error:
        protocol = url.split("://", 1)[0]
        detail = f"{protocol}:// cannot be read here: {error}"
        raise OSError(errno.EPROTONOSUPPORT, detail) from None


def exists(url: str) -> bool:
    """Whether anything is at `url` (for a pattern, whether anything matches it)."""
    fs, path = filesystem(url)
    return bool(fs.glob(path)) if is_pattern(url) else fs.exists(path)


def canonical(url: str) -> str:
    """`url` in the form its files are named in (`memory://a/` as `memory:///a`); as written
    when no installed package serves its protocol."""
    try:
        fs, path = filesystem(url)
    except OSError:
        return url
    return fs.unstrip_protocol(path)


def matches(url: str) -> Iterator[tuple[str, bool]]:
    """Each file or folder `url` names, as (URL, is a folder): itself, or what its glob
    pattern matches, in sorted order. Raises `FileNotFoundError` when nothing is there."""
    fs, path = filesystem(url)
    if not is_pattern(url):
        yield fs.unstrip_protocol(path), fs.info(path)["type"] == "directory"
        return
    found = fs.glob(path, detail=True)
    names = sorted(name for name in found if not skipped(name.rstrip("/").rsplit("/", 1)[-1]))
    if not names:
        raise FileNotFoundError(errno.ENOENT, "No file matches the pattern", url)
    for name in names:
        yield fs.unstrip_protocol(name), found[name]["type"] == "directory"


def walk(url: str) -> Iterator[tuple[str, OSError | None]]:
    """Every file under the folder `url`, in the order `os.walk` gives a local folder (sorted,
    a folder's files before its subfolders, hidden entries skipped); a folder that cannot be
    listed comes with its error."""
    fs, path = filesystem(url)
    yield from _walk(fs, path.rstrip("/"))


def _walk(fs: Any, folder: str) -> Iterator[tuple[str, OSError | None]]:
    try:
        entries = fs.ls(folder, detail=True)
    except OSError as error:
        yield fs.unstrip_protocol(folder), error
        return
    files, folders = [], []
    for entry in entries:
        name = entry["name"].rstrip("/")
        if name != folder and not skipped(name.rsplit("/", 1)[-1]):
            (folders if entry["type"] == "directory" else files).append(name)
    for name in sorted(files):
        yield fs.unstrip_protocol(name), None
    for name in sorted(folders):
        yield from _walk(fs, name)


def skipped(name: str) -> bool:
    """Hidden entries and editor/office leftovers, skipped in a folder or a glob."""
    return name.startswith((".", "~"))


def stat(url: str) -> tuple[int, int, bool]:
    """Size, modification time (microseconds since the epoch; 0 when the store keeps none)
    and whether `url` is a regular file."""
    fs, path = filesystem(url)
    info = fs.info(path)
    return info.get("size") or 0, _mtime_us(fs, path, info), info["type"] == "file"


def _mtime_us(fs: Any, path: str, info: dict) -> int:
    """Stores name the modification time differently (`mtime` on disk, `LastModified` on S3);
    the others answer `modified()`, or keep none."""
    value = info.get("mtime", info.get("LastModified"))
    if value is None:
        try:
            value = fs.modified(path)
        except (NotImplementedError, OSError):
            return 0
    if isinstance(value, str):
        value = datetime.fromisoformat(value)
    seconds = value.timestamp() if isinstance(value, datetime) else float(value)
    return round(seconds * 1_000_000)


def read(url: str, limit: int) -> bytes:
    """At most `limit` bytes from the start of the file at `url`."""
    fs, path = filesystem(url)
    return fs.cat_file(path, start=0, end=limit)


def sha256(url: str) -> str:
    """The file's content hash, read in chunks."""
    fs, path = filesystem(url)
    digest = hashlib.sha256()
    with fs.open(path, "rb") as handle:
        while chunk := handle.read(1 << 20):
            digest.update(chunk)
    return digest.hexdigest()
