"""Every kind of unusable input lands in `rejected` with its reason; the good ones still load."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from corroborate.ingest import Reason, ingest_paths
from corroborate.ingest import files as ingest_files
from tests.ingest.samples import ARTICLE

MAX_BYTES = 2_000
PNG_HEADER = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x10"


def _jsonl(*lines: object) -> str:
    return "\n".join(line if isinstance(line, str) else json.dumps(line) for line in lines)


@pytest.fixture
def inbox(write, tmp_path: Path) -> Path:
    """A folder of good files next to one of every kind of bad file."""
    write("inbox/good.txt", ARTICLE)
    write(
        "inbox/feed.jsonl",
        _jsonl(
            {"id": "a1", "title": "First", "text": "Troops withdrew from the border on Monday."},
            '{"id": "a2", "text": "unterminated',
            {"id": "a3", "title": "No text here"},
            {"id": "a4", "text": "Talks resumed in the capital on Tuesday."},
        ),
    )
    write("inbox/empty.txt", b"")
    write("inbox/blank.md", "  \n\n\t \n")
    write("inbox/photo.txt", PNG_HEADER + bytes(range(256)))
    write("inbox/nul.txt", b"Troops withdrew\x00 from the border on Monday.")
    write("inbox/garbled.txt", b"Troops withdrew. " + b"\x81\x8d\x8f\x90\x9d" * 6)
    write("inbox/huge.txt", "word " * MAX_BYTES)
    write("inbox/report.pdf", b"%PDF-1.7 whatever")
    write("inbox/broken.json", '{"text": "missing the end"')
    write("inbox/number.json", "42")
    write("inbox/bad_front.md", "---\ntitle: [unclosed\nnot a pair at all\n---\nBody text.\n")
    write("inbox/furniture.txt", "Read more: Earlier clashes\n\nIMAGE SOURCE: GETTY IMAGES\n")
    write(
        "inbox/shell.html", "<html><head><title>Soon</title><script>x = 1;</script></head></html>"
    )
    write("inbox/.hidden.txt", ARTICLE)
    write("inbox/~lock.txt", ARTICLE)
    write("inbox/.git/config.txt", ARTICLE)
    return tmp_path / "inbox"


def test_every_bad_input_is_rejected_with_its_reason(inbox: Path, tmp_path: Path) -> None:
    missing = tmp_path / "nowhere" / "article.txt"
    batch = ingest_paths([inbox, missing], max_bytes=MAX_BYTES, run_id="run-1")

    reasons = {
        (Path(row["source_file"]).name, row["source_id"]): row["reason"] for row in batch.rejected
    }
    assert reasons == {
        ("feed.jsonl", "feed.jsonl#1"): Reason.MALFORMED_JSON,
        ("feed.jsonl", "a3"): Reason.MISSING_TEXT,
        ("empty.txt", None): Reason.EMPTY_FILE,
        ("blank.md", None): Reason.EMPTY_FILE,
        ("photo.txt", None): Reason.BINARY_FILE,
        ("nul.txt", None): Reason.NUL_BYTES,
        ("garbled.txt", None): Reason.UNDECODABLE,
        ("huge.txt", None): Reason.TOO_LARGE,
        ("report.pdf", None): Reason.UNKNOWN_EXTENSION,
        ("broken.json", None): Reason.MALFORMED_JSON,
        ("number.json", None): Reason.MALFORMED_JSON,
        ("bad_front.md", None): Reason.MALFORMED_FRONT_MATTER,
        ("furniture.txt", "furniture.txt"): Reason.EMPTY_AFTER_CLEANING,
        ("shell.html", None): Reason.MISSING_TEXT,
        ("article.txt", None): Reason.NOT_FOUND,
    }
    for row in batch.rejected:
        assert set(row) == {"source_file", "source_id", "stage", "reason", "detail", "run_id"}
        assert row["stage"] == "ingest"
        assert row["run_id"] == "run-1"
        assert row["reason"] in {reason.value for reason in Reason}
        assert row["detail"].endswith(".")

    loaded = sorted((Path(row["source_file"]).name, row["source_id"]) for row in batch.sources)
    assert loaded == [("feed.jsonl", "a1"), ("feed.jsonl", "a4"), ("good.txt", "good.txt")]
    assert len(batch.documents) == 3


def test_jsonl_problems_name_their_line(inbox: Path) -> None:
    batch = ingest_paths([inbox / "feed.jsonl"])
    details = sorted(row["detail"] for row in batch.rejected)
    assert details[0].startswith("Line 2 is not valid JSON")
    assert details[1].startswith("Line 3 has no article text")


def test_too_large_is_refused_before_reading(write, monkeypatch: pytest.MonkeyPatch) -> None:
    path = write("big.txt", "x" * 5_000)

    def no_reading(*args, **kwargs):
        raise AssertionError("a file over the limit was opened")

    monkeypatch.setattr(ingest_files, "open", no_reading, raising=False)
    [row] = ingest_paths([path], max_bytes=1_000).rejected
    assert row["reason"] == Reason.TOO_LARGE
    assert "5,000 bytes" in row["detail"]


def test_unreadable_file_via_os_error(write, monkeypatch: pytest.MonkeyPatch) -> None:
    path = write("locked.txt", ARTICLE)

    def refuse(*args, **kwargs):
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(ingest_files, "open", refuse, raising=False)
    [row] = ingest_paths([path]).rejected
    assert row["reason"] == Reason.UNREADABLE
    assert "Permission denied" in row["detail"]


@pytest.mark.skipif(os.name != "posix" or os.geteuid() == 0, reason="root reads mode-000 files")
def test_unreadable_file_via_permissions(write) -> None:
    path = write("locked.txt", ARTICLE)
    path.chmod(0)
    try:
        [row] = ingest_paths([path]).rejected
    finally:
        path.chmod(0o644)
    assert row["reason"] == Reason.UNREADABLE


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="needs named pipes")
def test_a_named_pipe_is_rejected_not_read(tmp_path: Path) -> None:
    fifo = tmp_path / "pipe.txt"
    os.mkfifo(fifo)
    [row] = ingest_paths([fifo]).rejected
    assert row["reason"] == Reason.UNREADABLE


def test_a_bad_file_never_raises(write) -> None:
    """Whatever the bytes, ingest answers with rows, not exceptions."""
    paths = [
        write(f"junk{index}.{extension}", bytes(range(index, 256)) * 3)
        for index, extension in enumerate(("txt", "md", "json", "jsonl", "html"))
    ]
    paths.append(write("deep.json", "[" * 100_000))
    batch = ingest_paths(paths)
    assert len(batch.rejected) + len(batch.sources) >= len(paths)


def test_a_folder_that_cannot_be_listed_is_rejected(
    write, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    write("in/story.txt", ARTICLE)
    real_walk = os.walk

    def walk_with_a_locked_subfolder(top, onerror=None, **kwargs):
        yield from real_walk(top, onerror=onerror, **kwargs)
        onerror(PermissionError(13, "Permission denied", str(tmp_path / "in" / "locked")))

    monkeypatch.setattr(ingest_files.os, "walk", walk_with_a_locked_subfolder)
    batch = ingest_paths([tmp_path / "in"])
    assert len(batch.sources) == 1
    [row] = batch.rejected
    assert (Path(row["source_file"]).name, row["reason"]) == ("locked", Reason.UNREADABLE)
    assert "Permission denied" in row["detail"]
