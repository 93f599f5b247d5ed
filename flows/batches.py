"""Plain batch functions behind the pipeline's tasks: no Prefect here, so tests call them directly.

Work is shared over a process pool by chunks of documents, never one task per document: the
engine is pure Python, so two cores need two processes.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Sequence
from concurrent.futures import Executor
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from extract.document import extract_document
from extract.records import Publication
from flows.ingest import IngestBatch, ingest_paths
from flows.ingest.files import discover
from flows.validate import validate_records

CLAIM_TABLES = ("casualty_claims", "event_claims", "statements", "time_expressions")


@dataclass
class ExtractedBatch:
    """Documents with their publication time settled, the claims found, and failures."""

    documents: list[dict[str, Any]] = field(default_factory=list)
    claims: dict[str, list[dict[str, Any]]] = field(
        default_factory=lambda: {table: [] for table in CLAIM_TABLES}
    )
    rejected: list[dict[str, Any]] = field(default_factory=list)

    def extend(self, other: ExtractedBatch) -> None:
        self.documents.extend(other.documents)
        self.rejected.extend(other.rejected)
        for table in CLAIM_TABLES:
            self.claims[table].extend(other.claims[table])


@dataclass
class ValidatedBatch:
    frames: dict[str, Any]
    quarantine: list[dict[str, Any]]

    def count(self, table: str) -> int:
        return len(self.frames[table])


def discover_files(paths: Iterable[Path | str]) -> list[Path]:
    """Every input file under `paths`, once each, in a stable order. A path that cannot be used
    (missing, unlistable) is kept, so that ingest rejects it with a reason."""
    return [Path(found.path) for found in discover(paths)]


def chunks(items: Sequence[Any], size: int) -> Iterator[Sequence[Any]]:
    for start in range(0, len(items), size):
        yield items[start : start + size]


def file_batches(files: Sequence[Path], *, max_files: int, max_bytes: int) -> Iterator[list[Path]]:
    """Consecutive groups of at most `max_files` files and about `max_bytes` bytes, so memory
    stays flat however large the corpus; a single larger file forms a batch of its own."""
    batch: list[Path] = []
    size = 0
    for path in files:
        try:
            length = path.stat().st_size
        except OSError:
            length = 0  # ingest reports the problem
        if batch and (len(batch) >= max_files or size + length > max_bytes):
            yield batch
            batch, size = [], 0
        batch.append(path)
        size += length
    if batch:
        yield batch


def _split_over_pool(
    function: Callable[..., Any], items: Sequence[Any], pool: Executor | None, parts: int,
    *args: Any,
) -> Iterable[Any]:
    """`function(piece, *args)` for `parts` consecutive pieces of `items`, on the pool when there
    is one and more than one piece, else in this process."""
    pieces = list(chunks(items, max(1, -(-len(items) // parts))))
    if pool is None or len(pieces) < 2:
        return [function(piece, *args) for piece in pieces]
    return pool.map(function, pieces, *([arg] * len(pieces) for arg in args))


def ingest_files(
    files: Sequence[Path], *, pool: Executor | None, max_bytes: int, run_id: str, parts: int = 2
) -> IngestBatch:
    """Ingest `files`, split over the pool; documents are de-duplicated across the parts."""
    merged = IngestBatch(documents=[], sources=[], rejected=[])
    seen: set[str] = set()
    for result in _split_over_pool(_ingest_piece, files, pool, parts, max_bytes, run_id):
        merged.sources.extend(result.sources)
        merged.rejected.extend(result.rejected)
        for document in result.documents:
            if document["doc_id"] not in seen:
                seen.add(document["doc_id"])
                merged.documents.append(document)
    return merged


def _ingest_piece(files: Sequence[Path], max_bytes: int, run_id: str) -> IngestBatch:
    """`ingest_paths` with positional arguments, as `Executor.map` passes them."""
    return ingest_paths(files, max_bytes=max_bytes, run_id=run_id)


def extract_batch(
    documents: Sequence[dict[str, Any]], *, pool: Executor | None, run_id: str, parts: int = 2
) -> ExtractedBatch:
    """Run the engine on every document, split over the pool."""
    merged = ExtractedBatch()
    for result in _split_over_pool(extract_documents, documents, pool, parts, run_id):
        merged.extend(result)
    return merged


def extract_documents(documents: Sequence[dict[str, Any]], run_id: str) -> ExtractedBatch:
    """The engine over a list of documents. A document the engine fails on is rejected, with
    the error, and the others go on."""
    batch = ExtractedBatch()
    for document in documents:
        try:
            publication, extraction = extract_document(
                document["doc_id"], document["text"], _metadata_publication(document)
            )
        except Exception as error:
            batch.rejected.append(
                {
                    "source_file": document["source_file"],
                    "source_id": document["source_id"],
                    "stage": "extract",
                    "reason": "extraction_error",
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
    ingested: IngestBatch,
    extracted: ExtractedBatch,
    *,
    run_id: str,
    file_states: Sequence[dict[str, Any]] = (),
) -> ValidatedBatch:
    """Validate every table of the batch; documents that fail take their claims with them.
    `file_states` are the `source_files` rows of the batch's files that were read whole."""
    quarantine: list[dict[str, Any]] = []
    documents = validate_records("documents", extracted.documents, run_id=run_id)
    quarantine.extend(documents.quarantine)
    texts = dict(zip(documents.frame["doc_id"], documents.frame["text"], strict=True))
    frames: dict[str, Any] = {"documents": documents.frame}
    for table in CLAIM_TABLES:
        records = [row for row in extracted.claims[table] if row["doc_id"] in texts]
        result = validate_records(table, records, document_texts=texts, run_id=run_id)
        frames[table] = result.frame
        quarantine.extend(result.quarantine)
    sources = [row for row in ingested.sources if row["doc_id"] in texts]
    for table, records in (
        ("document_sources", sources),
        ("rejected", ingested.rejected + extracted.rejected),
        ("source_files", file_states),
    ):
        result = validate_records(table, records, run_id=run_id)
        frames[table] = result.frame
        quarantine.extend(result.quarantine)
    return ValidatedBatch(frames, quarantine)
