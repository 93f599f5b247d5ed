"""Chaos: `kill -9` of a run's main process at a random point, then at once another run.

`make chaos` does it 20 times (`python -m tests.chaos --kills 20`); `tests/test_faults.py` runs
3 of them. Each time, the run that follows the kill must succeed (no lock left held, no
process of the killed run left alive), and the warehouse must equal, table by table and row by
row (`except all` both ways, run ids aside), the one an uninterrupted run builds.
"""

from __future__ import annotations

import argparse
import hashlib
import os
import random
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path

import duckdb
import psutil

ROOT = Path(__file__).resolve().parents[1]
SEEDS = ROOT / "seeds" / "articles"
#: Columns that say which run wrote a row, which a rerun changes by design.
RUN_COLUMNS = ("run_id", "first_run_id")


def cli(corpus: Path, warehouse: Path) -> list[str]:
    return [sys.executable, "-m", "corroborate.cli", "run", str(corpus),
            "--warehouse", str(warehouse), "--batch-files", "300", "--settle", "0"]


def run(corpus: Path, warehouse: Path) -> subprocess.CompletedProcess:
    return subprocess.run(cli(corpus, warehouse), cwd=ROOT, capture_output=True, text=True,
                          check=False)


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def differences(left: Path, right: Path) -> list[str]:
    """Tables and views (but `runs`) whose rows differ, with the rows only each side has."""
    with duckdb.connect() as conn:
        conn.execute(f"attach '{left}' as l (read_only)")
        conn.execute(f"attach '{right}' as r (read_only)")
        names = [row[0] for row in conn.execute(
            "select table_name from information_schema.tables where table_catalog = 'l' "
            "and table_schema = 'main' and table_name <> 'runs' order by 1").fetchall()]
        found = []
        for name in names:
            columns = ", ".join(
                f'"{column}"' for (column,) in conn.execute(
                    "select column_name from information_schema.columns where table_catalog = "
                    "'l' and table_name = ? order by ordinal_position", [name]).fetchall()
                if column not in RUN_COLUMNS)
            only = [conn.execute(
                f"select count(*) from (select {columns} from {a}.{name} "
                f"except all select {columns} from {b}.{name})").fetchone()[0]
                for a, b in (("l", "r"), ("r", "l"))]
            if any(only):
                found.append(f"{name}: {only[0]} rows only left, {only[1]} only right")
        return found


def kill_main_process(
    corpus: Path, warehouse: Path, after: float
) -> tuple[set[int], subprocess.Popen]:
    """Start a run, `kill -9` its main process alone after `after` seconds; returns the ids of
    the processes it had started (workers, Prefect's temporary server)."""
    victim = subprocess.Popen(cli(corpus, warehouse), cwd=ROOT, stdout=subprocess.DEVNULL,
                              stderr=subprocess.DEVNULL)
    time.sleep(after)
    try:
        helpers = {child.pid for child in psutil.Process(victim.pid).children(recursive=True)}
    except psutil.NoSuchProcess:
        helpers = set()
    victim.send_signal(signal.SIGKILL)
    victim.wait()
    return helpers, victim


def survivors(helpers: set[int], grace: float = 5.0) -> list[int]:
    """Those of `helpers` still alive `grace` seconds on (they poll their parent each second)."""
    deadline = time.monotonic() + grace
    while True:
        alive = [pid for pid in helpers if psutil.pid_exists(pid)
                 and psutil.Process(pid).status() != psutil.STATUS_ZOMBIE]
        if not alive or time.monotonic() >= deadline:
            return alive
        time.sleep(0.2)


def chaos(corpus: Path, start: Path, workdir: Path, kills: int, seed: int) -> Iterator[str]:
    """Yield a line per kill; raise AssertionError on the first failure."""
    reference = workdir / "reference" / "w.duckdb"
    reference.parent.mkdir(parents=True)
    shutil.copyfile(start, reference)
    began = time.monotonic()
    done = run(corpus, reference)
    assert done.returncode == 0, done.stderr
    duration = time.monotonic() - began
    chooser = random.Random(seed)
    for kill in range(1, kills + 1):
        warehouse = workdir / f"kill-{kill:02d}" / "w.duckdb"
        warehouse.parent.mkdir()
        shutil.copyfile(start, warehouse)
        after = chooser.uniform(0.5, duration)
        helpers, _ = kill_main_process(corpus, warehouse, after)
        # Untouched, or (killed after the rename) the whole run: never anything between.
        if digest(warehouse) != digest(start):
            assert not differences(reference, warehouse), f"kill {kill}: half a run published"
        rerun = run(corpus, warehouse)
        assert rerun.returncode == 0, f"kill {kill} at {after:.1f} s: {rerun.stderr}"
        left = survivors(helpers)
        assert not left, f"kill {kill} at {after:.1f} s: processes left alive: {left}"
        different = differences(reference, warehouse)
        assert not different, f"kill {kill} at {after:.1f} s: {different}"
        builds = [p.name for p in warehouse.parent.iterdir() if ".build-" in p.name]
        assert not builds, f"kill {kill}: build files left: {builds}"
        yield (f"kill {kill:2d} at {after:5.1f} s of {duration:.1f}: rerun ok, "
               f"{len(helpers)} helper processes ended, warehouse equal")
        shutil.rmtree(warehouse.parent)


def prepare(workdir: Path, documents: int) -> tuple[Path, Path]:
    """A warehouse of the demo articles to start from, and a corpus of generated articles (with
    two bad inputs) for each run to add."""
    from corroborate.bench.throughput import write_corpus

    corpus = workdir / "corpus"
    write_corpus(corpus, documents)
    (corpus / "empty.txt").write_bytes(b"")
    (corpus / "feed.jsonl").write_text('{"id": "x", "text": "Floods killed 12."}\n{bad\n')
    start = workdir / "start" / "w.duckdb"
    start.parent.mkdir(parents=True)
    done = run(SEEDS, start)
    assert done.returncode == 0, done.stderr
    return corpus, start


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--kills", type=int, default=20)
    parser.add_argument("--documents", type=int, default=600)
    parser.add_argument("--seed", type=int, default=int(time.time()))
    args = parser.parse_args(argv)
    os.environ.setdefault("PREFECT_SERVER_ANALYTICS_ENABLED", "false")
    # Each run starts Prefect's temporary server, which takes longer than Prefect's default
    # wait on a busy machine: a run that cannot start is not what this checks.
    os.environ.setdefault("PREFECT_SERVER_EPHEMERAL_STARTUP_TIMEOUT_SECONDS", "180")
    with tempfile.TemporaryDirectory(prefix="corroborate-chaos-") as folder:
        workdir = Path(folder)
        os.environ.setdefault("PREFECT_HOME", str(workdir / "prefect-home"))
        corpus, start = prepare(workdir, args.documents)
        print(f"chaos: {args.kills} kills, seed {args.seed}", flush=True)
        for line in chaos(corpus, start, workdir, args.kills, args.seed):
            print(line, flush=True)
    print("chaos: every run after a kill succeeded, and every warehouse equals the reference")
    return 0


if __name__ == "__main__":
    sys.exit(main())
