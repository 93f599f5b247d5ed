"""Inputs named by fsspec URL are listed, globbed, read and rejected as the same files on disk
are: the same documents, the same reasons, only the names differ. `memory://` and `file://`
stand in for `s3://` (no network here)."""

from __future__ import annotations

import importlib.util
import multiprocessing
import uuid
from concurrent.futures import ProcessPoolExecutor
from datetime import UTC, datetime, timedelta
from pathlib import Path

import fsspec
import pytest

from corroborate import batches
from corroborate.cli import main
from corroborate.ingest import Reason, ingest_paths
from corroborate.ingest.files import file_sha256, stat_of
from tests.ingest.samples import ARTICLE

MAX_BYTES = 2_000
EPOCH = datetime(1970, 1, 1, tzinfo=UTC)


@pytest.fixture
def folder(write, tmp_path: Path) -> Path:
    """Good files, bad files and skipped files, in a folder with a subfolder."""
    write("news/good.txt", ARTICLE)
    write("news/feed.jsonl", '{"id": "a1", "text": "Troops withdrew on Monday."}\n{"id": "a2"}\n')
    write("news/deep/other.md", "---\ntitle: Talks\n---\nTalks resumed on Tuesday.\n")
    write("news/deep/copy.txt", ARTICLE)
    write("news/empty.txt", b"")
    write("news/huge.txt", "word " * MAX_BYTES)
    write("news/report.pdf", b"%PDF-1.7")
    write("news/broken.json", '{"text": "missing the end"')
    write("news/.hidden.txt", ARTICLE)
    write("news/~lock.txt", ARTICLE)
    write("news/.git/config.txt", ARTICLE)
    return tmp_path / "news"


@pytest.fixture
def memory_copy(folder: Path):
    """The folder copied to a `memory://` store of its own; its URL."""
    fs = fsspec.filesystem("memory")
    root = f"/{uuid.uuid4().hex}/news"
    for path in folder.rglob("*"):
        if path.is_file():
            fs.pipe(f"{root}/{path.relative_to(folder).as_posix()}", path.read_bytes())
    yield f"memory://{root}"
    fs.rm(root, recursive=True)


def _named(rows: list[dict], prefix: str) -> list[dict]:
    """Rows with their file named relative to `prefix`, which must begin it."""
    assert all(row["source_file"].startswith(prefix) for row in rows)
    return [{**row, "source_file": row["source_file"][len(prefix):]} for row in rows]


def _without_mtime(rows: list[dict]) -> list[dict]:
    return [{k: v for k, v in row.items() if k != "file_mtime"} for row in rows]


def test_a_folder_given_as_a_url_is_read_as_the_same_folder_on_disk(folder, memory_copy):
    on_disk = ingest_paths([folder], max_bytes=MAX_BYTES, run_id="r")
    by_url = ingest_paths([memory_copy], max_bytes=MAX_BYTES, run_id="r")

    assert _named(by_url.documents, memory_copy) == _named(on_disk.documents, str(folder))
    assert _named(by_url.rejected, memory_copy) == _named(on_disk.rejected, str(folder))
    for rows in ("sources", "files"):  # the store keeps its own clock
        assert _without_mtime(_named(getattr(by_url, rows), memory_copy)) == _without_mtime(
            _named(getattr(on_disk, rows), str(folder))
        )
    reasons = {row["source_file"].rsplit("/", 1)[-1]: row["reason"] for row in by_url.rejected}
    assert reasons == {
        "feed.jsonl": Reason.MISSING_TEXT,
        "empty.txt": Reason.EMPTY_FILE,
        "huge.txt": Reason.TOO_LARGE,
        "report.pdf": Reason.UNKNOWN_EXTENSION,
        "broken.json": Reason.MALFORMED_JSON,
    }
    assert len(by_url.documents) == 3  # good.txt and its copy are one document


def test_a_glob_reads_what_it_matches_and_a_url_naming_nothing_is_rejected(memory_copy):
    batch = ingest_paths(
        [f"{memory_copy}/*.txt", f"{memory_copy}/deep/*.md", f"{memory_copy}/*.html",
         f"{memory_copy}/nowhere.txt"],
        max_bytes=MAX_BYTES, run_id="r",
    )
    read = sorted(row["source_file"].rsplit("/", 1)[-1] for row in batch.files)
    assert read == ["empty.txt", "good.txt", "huge.txt", "other.md"]  # hidden ones skipped
    missing = {row["source_file"]: (row["reason"], row["detail"]) for row in batch.rejected
               if row["reason"] == Reason.NOT_FOUND}
    assert missing == {
        f"{memory_copy}/*.html": (Reason.NOT_FOUND, "No file matches the pattern."),
        f"{memory_copy}/nowhere.txt": (Reason.NOT_FOUND, "The path does not exist."),
    }


def test_a_url_no_installed_package_can_read_is_rejected_with_the_reason():
    urls = ["nosuchprotocol://bucket/news/a.txt"]
    if importlib.util.find_spec("s3fs") is None:
        urls.append("s3://bucket/news/")
    batch = ingest_paths(urls, run_id="r")
    assert [row["source_file"] for row in batch.rejected] == urls
    assert {row["reason"] for row in batch.rejected} == {Reason.UNREADABLE}
    assert "Protocol not known: nosuchprotocol" in batch.rejected[0]["detail"]
    if len(urls) == 2:
        assert batch.rejected[1]["detail"] == (
            "The path could not be read: s3:// cannot be read here: Install s3fs to access S3."
        )


def test_a_url_file_stats_and_hashes_as_the_file_on_disk(folder):
    local = str(folder / "good.txt")
    url = f"file://{local}"
    size, mtime_us, regular = stat_of(url)
    assert (size, regular) == stat_of(local)[::2]
    assert abs(mtime_us - stat_of(local)[1]) <= 1  # fsspec gives seconds as a float
    assert file_sha256(url) == file_sha256(local) is not None
    assert stat_of(f"file://{folder}")[2] is False


def test_pool_workers_read_file_urls(folder, monkeypatch):
    """The process pool's workers read `file://` URLs themselves: the batch is the one that
    local paths give, the files named by their URLs."""
    monkeypatch.setattr(batches, "POOL_MIN_BYTES", 0)
    files = sorted(str(path) for path in folder.rglob("*") if path.is_file())
    context = multiprocessing.get_context("spawn")  # workers that share no memory with this one
    with ProcessPoolExecutor(2, mp_context=context) as pool:
        by_url = batches.prepare_files([f"file://{f}" for f in files], pool=pool,
                                       max_bytes=MAX_BYTES, run_id="r")
    on_disk = batches.prepare_files(files, pool=None, max_bytes=MAX_BYTES, run_id="r")
    for name, table in on_disk.tables.items():
        if "source_file" in table.column_names:
            urls = by_url.tables[name]["source_file"].to_pylist()
            assert urls == [f"file://{path}" for path in table["source_file"].to_pylist()]
        aside = [c for c in ("source_file", "file_mtime") if c in table.column_names]
        assert by_url.tables[name].drop_columns(aside).equals(table.drop_columns(aside)), name


def test_run_refuses_a_url_that_names_nothing_as_it_refuses_a_missing_path(capsys, tmp_path):
    warehouse = tmp_path / "w.duckdb"
    for url, message in (
        ("memory://nothing-here/a.txt", "no such file or folder: memory://nothing-here/a.txt"),
        ("nosuchprotocol://bucket/a.txt", "cannot read nosuchprotocol://bucket/a.txt: "
         "nosuchprotocol:// cannot be read here: Protocol not known: nosuchprotocol"),
    ):
        assert main(["run", url, "--warehouse", str(warehouse)]) == 1
        assert message in capsys.readouterr().err
    assert not warehouse.exists()


def test_an_unchanged_url_is_not_read_again_and_a_changed_one_is(memory_copy):
    from corroborate.inbox import plan_files
    from corroborate.ingest.files import FileState

    first = ingest_paths([memory_copy], max_bytes=MAX_BYTES, run_id="r")
    known = {
        row["source_file"]: FileState(row["source_file"], row["file_size"],
                                      (row["file_mtime"] - EPOCH) // timedelta(microseconds=1),
                                      row["file_sha256"])
        for row in first.files
    }
    assert plan_files([memory_copy], known, settle_seconds=0).read == []
    fsspec.filesystem("memory").pipe(f"{memory_copy}/deep/other.md", b"Talks ended on Friday.\n")
    plan = plan_files([memory_copy], known, settle_seconds=0)
    assert (plan.read, plan.changed) == ([f"{memory_copy}/deep/other.md"], 1)
