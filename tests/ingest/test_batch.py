"""The batch: which files are read, the source rows, and one document per distinct text."""

from __future__ import annotations

import errno
import hashlib
import json
import os
from datetime import UTC, datetime, timedelta
from pathlib import Path

from corroborate.ingest import IngestBatch, doc_id_of, ingest_paths
from corroborate.ingest import files as ingest_files
from tests.ingest.samples import ARTICLE

SOURCE_KEYS = {
    "doc_id",
    "source_file",
    "source_id",
    "file_sha256",
    "file_size",
    "file_mtime",
    "record_index",
    "format",
}
DOCUMENT_KEYS = {
    "doc_id",
    "source_file",
    "source_id",
    "title",
    "outlet",
    "url",
    "published_at",
    "published_precision",
    "published_basis",
    "text",
    "char_count",
}


def test_rows_have_the_contract_keys(write) -> None:
    path = write("story.txt", ARTICLE)
    batch = ingest_paths(str(path))  # a single path, even as a plain string
    assert isinstance(batch, IngestBatch)
    [document], [source] = batch.documents, batch.sources
    assert set(document) == DOCUMENT_KEYS
    assert set(source) == SOURCE_KEYS
    assert document["doc_id"] == doc_id_of(document["text"])
    assert document["doc_id"] == hashlib.sha256(document["text"].encode()).hexdigest()[:16]
    assert source["doc_id"] == document["doc_id"]
    assert source["source_file"] == document["source_file"] == str(path)
    assert source["file_sha256"] == hashlib.sha256(path.read_bytes()).hexdigest()
    assert source["file_size"] == path.stat().st_size
    assert source["file_mtime"] == mtime_of(path)
    assert (source["record_index"], source["format"]) == (0, "txt")


def mtime_of(path: Path) -> datetime:
    epoch = datetime(1970, 1, 1, tzinfo=UTC)
    return epoch + timedelta(microseconds=path.stat().st_mtime_ns // 1000)


def test_each_file_read_or_refused_for_what_it_is_leaves_its_state(write, tmp_path) -> None:
    """The next run skips a file by its state; a file that could not be read has none, so the
    next run tries it again."""
    good = write("story.txt", ARTICLE)
    binary = write("photo.txt", b"\x89PNG\r\n\x1a\n" + bytes(range(256)))
    empty = write("empty.txt", b"")
    unknown = write("report.pdf", b"%PDF-1.7")
    batch = ingest_paths([good, binary, empty, unknown, tmp_path / "missing.txt"], run_id="r")

    states = {Path(row["source_file"]).name: row for row in batch.files}
    assert sorted(states) == ["empty.txt", "photo.txt", "report.pdf", "story.txt"]
    for path in (good, binary, empty, unknown):
        assert states[path.name] == {
            "source_file": str(path),
            "file_size": path.stat().st_size,
            "file_mtime": mtime_of(path),
            "file_sha256": hashlib.sha256(path.read_bytes()).hexdigest(),
            "run_id": "r",
        }
    assert len(batch.rejected) == 4 and len(batch.documents) == 1


def test_a_locked_file_is_read_after_a_backoff(write, monkeypatch) -> None:
    locked = write("locked.txt", ARTICLE)
    failures, waits = [2], []

    def flaky_open(path, *args, **kwargs):
        if path == str(locked) and failures[0]:
            failures[0] -= 1
            raise PermissionError(errno.EACCES, "locked")
        return open(path, *args, **kwargs)

    monkeypatch.setattr(ingest_files, "open", flaky_open, raising=False)
    monkeypatch.setattr(ingest_files.time, "sleep", waits.append)
    batch = ingest_paths([locked])
    assert len(batch.documents) == 1 and len(batch.files) == 1 and not batch.rejected
    assert waits == [0.2, 0.5]


def test_same_article_in_two_files_is_one_document_with_two_sources(write) -> None:
    """Same words, other bytes: BOM, CRLF, NBSP, extra blank lines, a JSON record."""
    noisy = "\ufeff" + ARTICLE.replace("\n", "\r\n").replace(" ", "\u00a0", 3) + "\r\n\r\n\r\n"
    record = {"id": "w1", "text": ARTICLE.replace("\n\n", "\n"), "outlet": "Wire"}
    record["published"] = "2022-09-14"
    first = write("a/story.txt", noisy)
    second = write("b/feed.jsonl", json.dumps({"id": "other", "text": "Another story."}))
    second.write_text(second.read_text() + "\n" + json.dumps(record) + "\n")

    batch = ingest_paths([first, second])

    assert batch.rejected == []
    assert len(batch.documents) == 2
    article = batch.documents[0]
    assert article["source_file"] == str(first)  # the first file that carried it
    assert article["source_id"] == "story.txt"
    assert article["outlet"] == "Wire"  # completed from the later copy
    assert article["published_at"] == datetime(2022, 9, 14, tzinfo=UTC)
    assert article["published_basis"] == "metadata"
    carriers = [
        (Path(s["source_file"]).name, s["source_id"], s["record_index"]) for s in batch.sources
    ]
    assert carriers == [
        ("story.txt", "story.txt", 0),
        ("feed.jsonl", "other", 0),
        ("feed.jsonl", "w1", 1),
    ]
    assert batch.sources[0]["doc_id"] == batch.sources[2]["doc_id"] == article["doc_id"]


def test_duplicate_records_in_one_file(write) -> None:
    line = json.dumps({"text": ARTICLE})
    batch = ingest_paths([write("feed.jsonl", f"{line}\n{line}\n")])
    assert len(batch.documents) == 1
    assert [s["record_index"] for s in batch.sources] == [0, 1]


def test_folders_are_walked_sorted_skipping_hidden_and_lock_files(write, tmp_path: Path) -> None:
    for name in ("b/2.txt", "a/z.md", "a/nested/y.txt", "c.txt"):
        write(f"in/{name}", f"{ARTICLE}\n\nStory {name}.")
    for name in (".hidden.txt", "~$lock.txt", ".cache/x.txt", "~tmp/x.txt"):
        write(f"in/{name}", "this must not be read")
    batch = ingest_paths([tmp_path / "in"])
    relative = [os.path.relpath(s["source_file"], tmp_path / "in") for s in batch.sources]
    assert relative == ["c.txt", "a/z.md", "a/nested/y.txt", "b/2.txt"]  # a folder's files first
    assert batch.rejected == []


def test_a_file_named_twice_is_read_once(write, tmp_path: Path) -> None:
    path = write("in/story.txt", ARTICLE)
    batch = ingest_paths([tmp_path / "in", path, str(path)])
    assert len(batch.sources) == 1


def test_a_file_name_that_is_not_utf8_is_stored_readably(tmp_path: Path) -> None:
    path = tmp_path / os.fsdecode(b"caf\xe9.txt")  # a latin-1 file name from another system
    path.write_text(ARTICLE, encoding="utf-8")
    batch = ingest_paths([tmp_path])
    [source] = batch.sources
    assert source["source_file"].endswith("caf\ufffd.txt")
    source["source_file"].encode("utf-8")  # storable: no lone surrogates
