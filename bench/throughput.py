"""`make bench`: throughput per stage and peak memory on a generated corpus of realistic articles.

`--engine` measures the extraction engine alone instead: warm documents per second on one core
(CPU time, after a warm-up pass that loads the reference data) and the cold start of a fresh
worker process (import and first document), the figures the engine's own target is set in.

Articles are made by recombining sentences of real articles (the demo corpus, and the FA-KES
and TimeBank texts of the evaluation folder named by `CORROBORATE_EVAL_DIR`, when set; `make
bench` sets it), so the extractor meets real sentence
shapes at realistic density. The corpus is written as `.txt` files, the way a scraper fills an
inbox. Prefect's start-up is excluded by a warm-up run before the timed one.
"""

from __future__ import annotations

import argparse
import json
import multiprocessing
import os
import random
import re
import resource
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Iterator
from concurrent.futures import ProcessPoolExecutor
from contextlib import suppress
from pathlib import Path

import psutil

from corroborate import progress
from corroborate.extract.sentences import split_sentences

ROOT = Path(__file__).resolve().parents[1]
_TAG = re.compile(r"<[^>]+>")


def corpus_sentences() -> list[str]:
    """Sentences of every real article available here."""
    seeds = sorted((ROOT / "seeds" / "articles").glob("*.txt"))
    texts = [path.read_text(encoding="utf-8") for path in seeds]
    eval_dir = os.environ.get("CORROBORATE_EVAL_DIR")
    if eval_dir:
        texts.extend(_evaluation_texts(Path(eval_dir)))
    return [s.text for text in texts for s in split_sentences(text) if 30 <= len(s.text) <= 600]


def _evaluation_texts(folder: Path) -> Iterator[str]:
    """The FA-KES articles and the TimeBank texts of an evaluation folder, those present."""
    fakes = folder / "fakes" / "dev.jsonl"
    if fakes.exists():
        with fakes.open(encoding="utf-8") as handle:
            yield from (json.loads(line)["text"] for line in handle if line.strip())
    for path in sorted((folder / "timebank").rglob("*.tml")):
        body = path.read_text(encoding="utf-8", errors="replace")
        yield _TAG.sub("", body.split("<TEXT>", 1)[-1])


def generate_articles(count: int, seed: int = 7) -> Iterator[str]:
    """`count` articles of 8 to 40 sentences in paragraphs of 1 to 3 sentences."""
    rng = random.Random(seed)
    sentences = corpus_sentences()
    for _ in range(count):
        picked = rng.sample(sentences, rng.randint(8, 40))
        paragraphs, start = [], 1
        while start < len(picked):
            step = rng.randint(1, 3)
            paragraphs.append(" ".join(picked[start : start + step]))
            start += step
        headline = picked[0].rstrip(".")[:120]
        yield headline + "\n\n" + "\n\n".join(paragraphs) + "\n"


def write_corpus(folder: Path, count: int) -> int:
    """Write the corpus as `.txt` files, 1,000 to a folder; returns the bytes written."""
    total = 0
    for index, article in enumerate(generate_articles(count)):
        target = folder / f"part-{index // 1000:04d}" / f"article-{index:06d}.txt"
        target.parent.mkdir(parents=True, exist_ok=True)
        total += target.write_text(article, encoding="utf-8")
    return total


def peak_rss_mb() -> float:
    """Peak resident memory of this process over its lifetime, in MB."""
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


class RssSampler:
    """The main process's resident memory, sampled every `every` seconds while a block runs:
    its peak while the batches load (until the model build starts) and over the whole block,
    which `getrusage` cannot tell apart from the warm-up run and the runs after. Also the
    largest worker's peak (`worker_mb`), and the proportional set size of the main process and
    its workers together (`total_mb`): the machine's memory the run takes, each page shared
    after the fork counted once."""

    def __init__(self, every: float = 0.5) -> None:
        self.every = every
        self.samples: list[tuple[float, float]] = []  # (perf_counter, MB)
        self.worker_mb = 0.0
        self.total_mb = 0.0
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._sample, daemon=True)

    def _sample(self) -> None:
        process = psutil.Process()
        while not self._stop.is_set():
            self.samples.append((time.perf_counter(), process.memory_info().rss / 2**20))
            workers = _workers(process)
            self.worker_mb = max([self.worker_mb, *(_memory_mb(w, "rss") for w in workers)])
            total = sum(_memory_mb(p, "pss") for p in [process, *workers])
            self.total_mb = max(self.total_mb, total)
            self._stop.wait(self.every)

    def __enter__(self) -> RssSampler:
        self._thread.start()
        return self

    def __exit__(self, *exc_info: object) -> None:
        self._stop.set()
        self._thread.join()

    def peak_mb(self, until: float | None = None) -> float:
        return max((mb for at, mb in self.samples if until is None or at <= until), default=0.0)


class _BuildClock(progress.Silent):
    """When the run's model build starts (its `perf_counter`): loading ends there."""

    def __init__(self) -> None:
        self.build_started: float | None = None

    def stage(self, name: str) -> None:
        if name == "build" and self.build_started is None:
            self.build_started = time.perf_counter()


def _workers(process: psutil.Process) -> list[psutil.Process]:
    """The extraction workers: forked children running the same command, or a LocalCluster's
    worker processes, spawned or forked from its fork server (counted with the server and
    multiprocessing's resource tracker), but not Prefect's temporary server, which a
    deployment's own server replaces."""
    command = _cmdline(process)
    with suppress(psutil.Error):
        return [child for child in process.children(recursive=True)
                if _cmdline(child) == command or "multiprocessing" in " ".join(_cmdline(child))]
    return []


def _cmdline(process: psutil.Process) -> list[str]:
    with suppress(psutil.Error):
        return process.cmdline()
    return []


def _memory_mb(process: psutil.Process, kind: str) -> float:
    """A process's `rss` or `pss` in MB; 0 for a worker that ended between listing and reading."""
    with suppress(psutil.Error):
        info = process.memory_full_info() if kind == "pss" else process.memory_info()
        return getattr(info, kind) / 2**20
    return 0.0


def run(count: int, workers: int, keep: bool, cluster: str | None = None) -> dict:
    os.environ.setdefault("PREFECT_SERVER_ANALYTICS_ENABLED", "false")
    os.environ.setdefault("PREFECT_LOGGING_LEVEL", "WARNING")
    from corroborate.flows.pipeline import pipeline

    work = Path(tempfile.mkdtemp(prefix="corroborate-bench-"))
    try:
        started = time.perf_counter()
        # In a process of its own, so that the sentences it holds are not counted as the run's.
        with ProcessPoolExecutor(1, mp_context=multiprocessing.get_context("fork")) as writer:
            corpus_bytes = writer.submit(write_corpus, work / "corpus", count).result()
        generate_seconds = time.perf_counter() - started

        # On the cluster too: a cluster run never loads the engine in this process.
        pipeline(paths=[str(ROOT / "seeds" / "articles")], warehouse=str(work / "warmup.duckdb"),
                 cluster=cluster)
        started = time.perf_counter()
        with RssSampler() as memory, progress.reporting(_BuildClock()) as clock:
            result = pipeline(
                paths=[str(work / "corpus")], warehouse=str(work / "bench.duckdb"),
                workers=workers, settle_seconds=0, cluster=cluster,
            )
        wall = time.perf_counter() - started
        own = peak_rss_mb()
        incremental = time_incremental_runs(work / "corpus", work / "bench.duckdb", cluster)
        documents = result["documents_seen"]
        return {
            "documents": documents,
            "cluster": cluster,
            "corpus_mb": round(corpus_bytes / 1e6, 1),
            "generate_seconds": round(generate_seconds, 1),
            "end_to_end_seconds": round(wall, 2),
            "end_to_end_docs_per_s": round(documents / wall, 1),
            # ingest, extract and validate seconds are summed over the workers: per-core rates.
            "stage_docs_per_s": {
                stage: round(documents / seconds, 1) if seconds else None
                for stage, seconds in result["seconds"].items()
            },
            "stage_seconds": {k: round(v, 2) for k, v in result["seconds"].items()},
            "claims": result["claims"],
            "peak_rss_mb_main": round(own, 1),
            "peak_rss_mb_main_loading": round(memory.peak_mb(until=clock.build_started), 1),
            "peak_rss_mb_main_run": round(memory.peak_mb(), 1),
            "peak_rss_mb_largest_worker": round(memory.worker_mb, 1),
            "peak_pss_mb_main_and_workers": round(memory.total_mb, 1),
            "warehouse_mb": round((work / "bench.duckdb").stat().st_size / 1e6, 1),
            **incremental,
        }
    finally:
        if keep:
            print(f"kept {work}", file=sys.stderr)
        else:
            shutil.rmtree(work, ignore_errors=True)


def engine_throughput(count: int, passes: int = 3) -> dict:
    """`extract_document` alone over `count` generated articles in this process: the best of
    `passes` warm passes, so a busy machine's noise counts as little as it can."""
    from corroborate.extract.document import extract_document

    articles = [(f"bench-{index}", text) for index, text in enumerate(generate_articles(count))]
    for doc_id, text in articles[:200]:
        extract_document(doc_id, text, None)
    seconds = []
    for _ in range(passes):
        started = time.process_time()
        for doc_id, text in articles:
            extract_document(doc_id, text, None)
        seconds.append(time.process_time() - started)
    return {
        "documents": count,
        "warm_docs_per_s_one_core": round(count / min(seconds), 1),
        "warm_docs_per_s_each_pass": [round(count / s, 1) for s in seconds],
        "cold_start_seconds": cold_start_seconds(articles[0][1]),
    }


def cold_start_seconds(text: str) -> float:
    """Wall time of a fresh interpreter that imports the engine and extracts one document."""
    code = "import sys\nfrom corroborate.extract.document import extract_document\n" + (
        "extract_document('cold', sys.stdin.read(), None)"
    )
    started = time.perf_counter()
    subprocess.run([sys.executable, "-c", code], input=text, text=True, check=True, cwd=ROOT)
    return round(time.perf_counter() - started, 2)


def time_incremental_runs(corpus: Path, warehouse: Path, cluster: str | None = None) -> dict:
    """What a scheduled run costs on the same corpus: with nothing new (a walk and a stat per
    file), and with one new article (read, extract, then rebuild and publish everything)."""
    from corroborate.flows.pipeline import pipeline

    timings = {}
    for label in ("no_change_run", "one_new_file_run"):
        if label == "one_new_file_run":
            (corpus / "new-article.txt").write_text(next(generate_articles(1, seed=99)))
        started = time.perf_counter()
        result = pipeline(paths=[str(corpus)], warehouse=str(warehouse), settle_seconds=0,
                          cluster=cluster)
        timings[f"{label}_seconds"] = round(time.perf_counter() - started, 2)
        timings[f"{label}_stage_seconds"] = {k: round(v, 2) for k, v in result["seconds"].items()}
    return timings


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--docs", type=int, default=20_000, help="articles to generate")
    parser.add_argument("--workers", type=int, default=2, help="extraction processes")
    parser.add_argument("--keep", action="store_true", help="keep the corpus and warehouse")
    parser.add_argument(
        "--cluster", default=None, metavar="ADDRESS",
        help="prepare on a Dask cluster (local:N, or a scheduler's address) instead of --workers",
    )
    parser.add_argument(
        "--engine", action="store_true", help="time the extraction engine alone, on one core"
    )
    args = parser.parse_args(argv)
    if args.engine:
        print(json.dumps(engine_throughput(args.docs), indent=2))
        return 0
    print(json.dumps(run(args.docs, args.workers, args.keep, args.cluster), indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
