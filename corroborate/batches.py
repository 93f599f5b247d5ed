"""Plain batch functions behind the pipeline's tasks: no Prefect here, so tests call them directly.

A batch of files is prepared (read, extracted, validated) in pieces over a process pool, never
one task per document: the engine is pure Python, so two cores need two processes. Each piece
does all three steps where it runs, so a document's text crosses between processes once, as
Arrow, and the main process is left free to load the previous batch meanwhile.
"""

from __future__ import annotations

import time
from collections.abc import Iterable, Iterator, Sequence
from concurrent.futures import Executor
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pyarrow as pa
import pyarrow.compute as pc

from corroborate.extract.budget import ExtractionTimeout
from corroborate.extract.document import extract_document, warm_up
from corroborate.extract.records import Publication
from corroborate.ingest import IngestBatch, ingest_paths
from corroborate.ingest.files import stat_of
from corroborate.validate import validate_records

CLAIM_TABLES = ("casualty_claims", "event_claims", "statements", "time_expressions")
#: Tables with a row per input file: a file's rows are its own even where its text repeats.
FILE_TABLES = ("document_sources", "rejected", "source_files")
#: Steps a piece times, in order; their seconds are summed over the pieces (per-core time).
PREPARE_STEPS = ("ingest", "extract", "validate")
#: A batch smaller than this is prepared in this process: a worker's start (imports, reference
#: data) costs about two seconds, the engine a few milliseconds per article.
POOL_MIN_BYTES = 1_000_000


@dataclass
class ExtractedBatch:
    """Documents with their publication time settled, the claims found, and failures."""

    documents: list[dict[str, Any]] = field(default_factory=list)
    claims: dict[str, list[dict[str, Any]]] = field(
        default_factory=lambda: {table: [] for table in CLAIM_TABLES}
    )
    rejected: list[dict[str, Any]] = field(default_factory=list)


@dataclass
class PreparedBatch:
    """A batch ready to load: validated rows per table as Arrow, quarantine rows for the rest,
    and the seconds each step took."""

    tables: dict[str, pa.Table]
    quarantine: list[dict[str, Any]] = field(default_factory=list)
    seconds: dict[str, float] = field(default_factory=lambda: dict.fromkeys(PREPARE_STEPS, 0.0))

    def count(self, table: str) -> int:
        return self.tables[table].num_rows


def chunks(items: Sequence[Any], size: int) -> Iterator[Sequence[Any]]:
    for start in range(0, len(items), size):
        yield items[start : start + size]


def file_batches(files: Sequence[str], *, max_files: int, max_bytes: int) -> Iterator[list[str]]:
    """Consecutive groups of at most `max_files` files and about `max_bytes` bytes, so memory
    stays flat however large the corpus; a single larger file forms a batch of its own."""
    batch: list[str] = []
    size = 0
    for path in files:
        length = _size(path)
        if batch and (len(batch) >= max_files or size + length > max_bytes):
            yield batch
            batch, size = [], 0
        batch.append(path)
        size += length
    if batch:
        yield batch


def _size(path: str | Path) -> int:
    try:
        return stat_of(str(path))[0]
    except OSError:
        return 0  # ingest reports the problem


def prepare_files(
    files: Sequence[str | Path],
    *,
    pool: Executor | None,
    max_bytes: int,
    run_id: str,
    parts: int = 2,
    budget_seconds: float | None = None,
) -> PreparedBatch:
    """Read, extract and validate `files` in `parts` pieces over the pool (in this process when
    there is none); a document whose extraction takes over `budget_seconds` is rejected."""
    pieces = list(chunks(files, max(1, -(-len(files) // parts))))
    if pool is None or len(pieces) < 2 or sum(map(_size, files)) < POOL_MIN_BYTES:
        results: Iterable[PreparedBatch] = [
            prepare_piece(p, max_bytes, run_id, budget_seconds) for p in pieces
        ]
    else:
        count = len(pieces)
        results = pool.map(prepare_piece, pieces, [max_bytes] * count, [run_id] * count,
                           [budget_seconds] * count)
    return merge_pieces(list(results))


def prepare_piece(
    files: Sequence[str | Path], max_bytes: int, run_id: str, budget_seconds: float | None = None
) -> PreparedBatch:
    """One piece of a batch, start to finish, where it runs (positional, for `Executor.map`)."""
    started = time.perf_counter()
    ingested = ingest_paths(files, max_bytes=max_bytes, run_id=run_id)
    ingested_at = time.perf_counter()
    extracted = extract_documents(ingested.documents, run_id, budget_seconds)
    extracted_at = time.perf_counter()
    prepared = validate_batch(ingested, extracted, run_id=run_id)
    prepared.seconds = {
        "ingest": ingested_at - started,
        "extract": extracted_at - ingested_at,
        "validate": time.perf_counter() - extracted_at,
    }
    return prepared


def extract_documents(
    documents: Sequence[dict[str, Any]], run_id: str, budget_seconds: float | None = None
) -> ExtractedBatch:
    """The engine over a list of documents. A document the engine fails on, or that takes over
    `budget_seconds`, is rejected, with the reason, and the others go on."""
    batch = ExtractedBatch()
    if budget_seconds is not None and documents:
        warm_up()
    for document in documents:
        try:
            publication, extraction = extract_document(
                document["doc_id"], document["text"], _metadata_publication(document),
                budget_seconds=budget_seconds,
            )
        except Exception as error:
            timeout = isinstance(error, ExtractionTimeout)
            batch.rejected.append(
                {
                    "source_file": document["source_file"],
                    "source_id": document["source_id"],
                    "stage": "extract",
                    "reason": "extraction_timeout" if timeout else "extraction_error",
                    "detail": f"{type(error).__name__}: {error}",
                    "run_id": run_id,
                }
            )
            continue
        batch.documents.append({**document, **publication})
        batch.claims["casualty_claims"].extend(extraction.casualty_claims)
        batch.claims["event_claims"].extend(extraction.event_claims)
        batch.claims["statements"].extend(extraction.statements)
        batch.claims["time_expressions"].extend(
            {**expression, "evidence": expression["text"]}
            for expression in extraction.time_expressions
        )
    return batch


def _metadata_publication(document: dict[str, Any]) -> Publication | None:
    if document.get("published_at") is None:
        return None
    return {
        "published_at": document["published_at"],
        "published_precision": document.get("published_precision") or "day",
        "published_basis": "metadata",
    }


def validate_batch(
    ingested: IngestBatch, extracted: ExtractedBatch, *, run_id: str
) -> PreparedBatch:
    """Validate every table of the batch; documents that fail take their claims with them."""
    quarantine: list[dict[str, Any]] = []
    documents = validate_records("documents", extracted.documents, run_id=run_id)
    quarantine.extend(documents.quarantine)
    texts = dict(zip(documents.frame["doc_id"], documents.frame["text"], strict=True))
    frames = {"documents": documents.frame}
    for table in CLAIM_TABLES:
        records = [row for row in extracted.claims[table] if row["doc_id"] in texts]
        result = validate_records(table, records, document_texts=texts, run_id=run_id)
        frames[table] = result.frame
        quarantine.extend(result.quarantine)
    sources = [row for row in ingested.sources if row["doc_id"] in texts]
    for table, records in (
        ("document_sources", sources),
        ("rejected", ingested.rejected + extracted.rejected),
        ("source_files", ingested.files),
    ):
        result = validate_records(table, records, run_id=run_id)
        frames[table] = result.frame
        quarantine.extend(result.quarantine)
    tables = {name: pa.Table.from_pandas(rows, preserve_index=False)
              for name, rows in frames.items()}
    return PreparedBatch(tables, quarantine)


def merge_pieces(pieces: Sequence[PreparedBatch]) -> PreparedBatch:
    """One batch from its pieces. A text that two pieces both carry is kept from the first
    (the rows are the same); every file's `document_sources`, rejections and state are kept."""
    merged = PreparedBatch(tables={})
    parts: dict[str, list[pa.Table]] = {}
    seen: set[str] = set()
    for piece in pieces:
        doc_ids = set(piece.tables["documents"]["doc_id"].to_pylist())
        repeated = seen & doc_ids
        for name, table in piece.tables.items():
            keeps_repeats = name in FILE_TABLES
            if repeated and not keeps_repeats:
                table = table.filter(pc.invert(pc.is_in(table["doc_id"], pa.array(list(repeated)))))
            parts.setdefault(name, []).append(table)
        merged.quarantine.extend(row for row in piece.quarantine if row["doc_id"] not in repeated)
        seen |= doc_ids
        for step, seconds in piece.seconds.items():
            merged.seconds[step] += seconds
    # A column a piece never filled has Arrow type null; promotion gives it the others' type.
    merged.tables = {
        name: pa.concat_tables(tables, promote_options="permissive")
        for name, tables in parts.items()
    }
    return merged
