"""Readers and runs at once: no query fails, none sees a half-built warehouse."""

from __future__ import annotations

import itertools
import json
import shutil
import signal
import subprocess
import sys
from pathlib import Path

import duckdb
import pytest

from corroborate.bench.throughput import write_corpus
from tests.serving import start_serve, still_running, wait_for

pytestmark = pytest.mark.slow

ROOT = Path(__file__).resolve().parents[1]
HEADER_BYTES = 3 * 4096  # DuckDB's main header and its two database headers
TABLES = ("documents", "document_sources", "casualty_claims", "source_agreement", "source_files")

READER = """
import json, sys, time, duckdb
warehouse, stop = sys.argv[1], sys.argv[2]
queries, failures, seen, last = 0, [], set(), 0
import os
while True:
    # The query after the stop file appears reads the last publish: stop comes once the test
    # has seen it, and a query begun before it may have opened the one before.
    stopping = os.path.exists(stop)
    if not os.path.exists(warehouse):
        if stopping:
            break
        continue
    try:
        conn = duckdb.connect(warehouse, read_only=True)
        documents, carried, orphans = conn.execute(
            "select (select count(*) from documents), "
            "(select count(distinct doc_id) from document_sources), "
            "(select count(*) from casualty_claims where doc_id not in "
            " (select doc_id from documents))").fetchone()
        conn.close()
        queries += 1
        seen.add(documents)
        if documents != carried or orphans or documents < last:
            failures.append(f"inconsistent snapshot: {documents} {carried} {orphans} {last}")
        last = documents
    except Exception as error:
        failures.append(f"{type(error).__name__}: {error}")
    if stopping:
        break
print(json.dumps({"queries": queries, "failures": failures[:5], "snapshots": sorted(seen)}))
"""


def table_counts(path: Path) -> dict[str, int]:
    with duckdb.connect(str(path), read_only=True) as conn:
        return {t: conn.execute(f"select count(*) from {t}").fetchone()[0] for t in TABLES}


def test_a_reader_that_opens_during_the_rename_reads_the_old_snapshot_whole(
    prefect_server, seed_dir, tmp_path
):
    """DuckDB reads a file's header and its blocks through separate opens; a publish between
    them pairs the old header with the new file. The publish protocol makes that pair read as
    the old snapshot, exactly: this builds the pair on purpose, for growing and shrinking runs."""
    from corroborate.flows.pipeline import pipeline

    warehouse, corpus = tmp_path / "w.duckdb", tmp_path / "corpus"
    write_corpus(corpus, 300)
    versions = []
    for paths, forget in (([seed_dir], None), ([corpus], None), ([], [str(corpus)])):
        pipeline(paths=[str(p) for p in paths], warehouse=str(warehouse), forget=forget,
                 settle_seconds=0, batch_files=50)
        versions.append(tmp_path / f"v{len(versions)}.duckdb")
        shutil.copyfile(warehouse, versions[-1])
    for old, new in itertools.pairwise(versions):
        hybrid = tmp_path / "hybrid.duckdb"
        with hybrid.open("wb") as out:
            out.write(old.read_bytes()[:HEADER_BYTES] + new.read_bytes()[HEADER_BYTES:])
        assert table_counts(hybrid) == table_counts(old) != table_counts(new)


def test_queries_from_another_process_never_fail_while_scheduled_runs_publish(
    seed_dir, tmp_path
):
    inbox, warehouse, stop = tmp_path / "inbox", tmp_path / "w.duckdb", tmp_path / "stop"
    waves = tmp_path / "waves"
    write_corpus(waves, 120)
    serve, log = start_serve(tmp_path, inbox, warehouse, "--every", "2s", "--settle", "0.5")
    reader = subprocess.Popen([sys.executable, "-c", READER, str(warehouse), str(stop)],
                              stdout=subprocess.PIPE, text=True)
    processes: set = set()
    try:
        files = sorted(waves.rglob("*.txt"))
        for start in range(0, len(files), 40):
            wave = inbox / f"wave-{start}"
            wave.mkdir(parents=True)
            for path in files[start : start + 40]:
                shutil.copyfile(path, wave / path.name)
            count = start + len(files[start : start + 40])
            wait_for(warehouse, f"select count(*) >= {count} from documents", serve, log,
                     processes)
    finally:
        stop.touch()
        report = json.loads(reader.communicate(timeout=60)[0])
        serve.send_signal(signal.SIGINT)
        serve.wait(timeout=90)
    assert report["failures"] == [], report
    assert report["queries"] > 50 and len(report["snapshots"]) >= 3, report
    assert serve.returncode == 0, log.read_text()[-3000:]
    assert still_running(processes) == []
