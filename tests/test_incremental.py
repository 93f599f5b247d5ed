"""Incremental runs: only new and changed files are read; corrections replace, deletions keep."""

from __future__ import annotations

import errno
import hashlib
import os
from pathlib import Path

import duckdb
import pytest

from corroborate.inbox import FileState, plan_files

SEED = "004_3737467c3f90d56b.txt"


def state_of(path: Path, sha256: str = "0" * 64) -> FileState:
    info = path.stat()
    return FileState(str(path), info.st_size, info.st_mtime_ns // 1000, sha256)


def sha256_of(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def age(path: Path, seconds: float = 60) -> None:
    then = path.stat().st_mtime - seconds
    os.utime(path, (then, then))


def test_plan_reads_new_and_changed_files_and_skips_unchanged_ones_unread(tmp_path):
    for name in ("same.txt", "changed.txt", "touched.txt", "new.txt"):
        (tmp_path / name).write_text(f"{name} text", encoding="utf-8")
        age(tmp_path / name)
    known = {str(tmp_path / name): state_of(tmp_path / name, sha256_of(tmp_path / name))
             for name in ("same.txt", "changed.txt", "touched.txt")}
    (tmp_path / "changed.txt").write_text("corrected text", encoding="utf-8")
    age(tmp_path / "changed.txt", 30)
    os.utime(tmp_path / "touched.txt", (1, 1))  # new mtime, same bytes

    plan = plan_files([tmp_path], known)

    assert sorted(Path(path).name for path in plan.read) == ["changed.txt", "new.txt"]
    assert (plan.new, plan.changed, plan.unchanged) == (1, 1, 2)
    assert [Path(s.source_file).name for s in plan.touched] == ["touched.txt"]


def test_a_file_still_being_written_is_waited_for_then_left_for_the_next_run(tmp_path):
    growing = tmp_path / "growing.txt"
    growing.write_text("Troops ", encoding="utf-8")
    clock = [growing.stat().st_mtime]

    def sleep(seconds: float) -> None:  # the scraper appends while the planner waits
        clock[0] += seconds
        with growing.open("a", encoding="utf-8") as handle:
            handle.write("were killed. ")
        os.utime(growing, (clock[0], clock[0]))

    plan = plan_files([tmp_path], {}, settle_seconds=1.0, max_wait_seconds=5.0,
                      clock=lambda: clock[0], sleep=sleep)
    assert plan.read == [] and plan.deferred == [str(growing)]

    quiet = plan_files([tmp_path], {}, settle_seconds=1.0, clock=lambda: clock[0] + 2)
    assert quiet.read == [str(growing)] and quiet.new == 1


def test_a_locked_file_whose_stat_changed_is_hashed_with_backoff(tmp_path, monkeypatch):
    locked = tmp_path / "locked.txt"
    locked.write_text("Floods killed 12 people.", encoding="utf-8")
    age(locked)
    known = {str(locked): state_of(locked, sha256_of(locked))}
    os.utime(locked, (1, 1))  # touched: the bytes must be hashed to know it is unchanged
    real_open, failures, waits = Path.open, [2], []

    def flaky_open(self, *args, **kwargs):
        if self == locked and failures[0]:
            failures[0] -= 1
            raise PermissionError(errno.EACCES, "locked")
        return real_open(self, *args, **kwargs)

    monkeypatch.setattr(Path, "open", flaky_open)
    plan = plan_files([tmp_path], known, sleep=waits.append)
    assert plan.read == [] and [s.mtime_us for s in plan.touched] == [1_000_000]
    assert waits == [0.2, 0.5]


def test_a_new_file_is_planned_unread(tmp_path, monkeypatch):
    (tmp_path / "new.txt").write_text("Floods killed 12 people.", encoding="utf-8")
    age(tmp_path / "new.txt")

    def no_reads(self, *args, **kwargs):
        raise AssertionError(f"the plan read {self}")

    monkeypatch.setattr(Path, "open", no_reads)
    plan = plan_files([tmp_path], {})
    assert plan.read == [str(tmp_path / "new.txt")] and plan.new == 1


def run(paths, warehouse: Path, **options) -> dict:
    from corroborate.flows.pipeline import pipeline

    return pipeline(paths=[str(p) for p in paths], warehouse=str(warehouse), workers=1,
                    settle_seconds=0.0, **options)


def rows(warehouse: Path, query: str) -> list[tuple]:
    with duckdb.connect(str(warehouse), read_only=True) as conn:
        return conn.execute(query).fetchall()


@pytest.mark.slow
def test_a_corrected_file_replaces_its_claims_a_deleted_one_stays_until_forgotten(
    prefect_server, seed_dir, tmp_path
):
    inbox, warehouse = tmp_path / "inbox", tmp_path / "w.duckdb"
    inbox.mkdir()
    story = (seed_dir / SEED).read_text(encoding="utf-8")
    (inbox / "a.txt").write_text(story, encoding="utf-8")
    (inbox / "copy.txt").write_text(story, encoding="utf-8")  # the same article twice
    (inbox / "b.txt").write_text("Floods killed 12 people in the town of Lorca on Monday.\n",
                                 encoding="utf-8")
    first = run([inbox], warehouse)
    assert (first["files_new"], first["documents_new"]) == (3, 2)
    (old_doc,) = rows(warehouse, "select doc_id from documents where source_id = 'a.txt'")[0]
    b_claims = rows(warehouse, "select * from casualty_claims where doc_id in "
                               "(select doc_id from documents where source_id = 'b.txt')")

    corrected = story.replace("49", "50", 1)
    assert corrected != story
    (inbox / "a.txt").write_text(corrected, encoding="utf-8")
    (inbox / "b.txt").write_text("A storm killed 3 people on Tuesday.\n", encoding="utf-8")
    second = run([inbox], warehouse)
    assert (second["files_changed"], second["files_unchanged"]) == (2, 1)
    assert second["documents_removed"] == 1  # b's first version; a's is still carried by copy
    carried = dict(rows(warehouse, "select source_file, doc_id from document_sources"))
    assert carried[str(inbox / "copy.txt")] == old_doc != carried[str(inbox / "a.txt")]
    assert len(rows(warehouse, "select * from documents")) == 3
    assert b_claims and not set(b_claims) & set(rows(warehouse, "select * from casualty_claims"))

    (inbox / "b.txt").unlink()
    third = run([inbox], warehouse)
    assert third["published"] is False  # a deleted file changes nothing: the news happened
    assert len(rows(warehouse, "select * from documents")) == 3

    forgot = run([], warehouse, forget=[str(inbox / "b.txt"), str(inbox / "copy.txt")])
    assert (forgot["files_forgotten"], forgot["documents_removed"]) == (2, 2)
    assert rows(warehouse, "select source_file, source_id from documents") == [
        (str(inbox / "a.txt"), "a.txt")
    ]
    assert rows(warehouse, "select count(*) from source_files") == [(1,)]


def test_a_broken_link_is_planned_and_ingest_rejects_it_as_not_found(tmp_path):
    from corroborate.ingest import Reason, ingest_paths

    (tmp_path / "good.txt").write_text("Floods killed 12 people on Monday.", encoding="utf-8")
    age(tmp_path / "good.txt")
    (tmp_path / "broken.txt").symlink_to(tmp_path / "gone.txt")

    plan = plan_files([tmp_path], {})

    assert sorted(Path(path).name for path in plan.read) == ["broken.txt", "good.txt"]
    batch = ingest_paths(plan.read, max_bytes=10_000, run_id="r")
    assert [(Path(r["source_file"]).name, r["reason"]) for r in batch.rejected] == [
        ("broken.txt", Reason.NOT_FOUND)]
