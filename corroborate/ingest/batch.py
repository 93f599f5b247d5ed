"""The ingest stage: files in, documents | rejected out, as plain Python.

Every input ends as a document source or a rejection; nothing raises for bad input. A document
is one distinct cleaned text (its id is a hash of that text), so the same article arriving in
several files, or twice in one, is one document with several source rows. Each file read (or
refused for what it is) also leaves its state, the `source_files` row by which the next run
knows it unchanged: taken from the bytes actually read, so it cannot describe a later version.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from corroborate.ingest.cleaning import clean_text
from corroborate.ingest.decoding import decode
from corroborate.ingest.files import (
    Found,
    RawFile,
    discover,
    format_of,
    read_file,
    refused_file_state,
    shown_path,
)
from corroborate.ingest.metadata import headline
from corroborate.ingest.readers import ReadResult, Record, read_records
from corroborate.ingest.rejections import Reason, Unusable, rejection_row

DOC_ID_LENGTH = 16
_MERGEABLE = ("title", "outlet", "url")
_PUBLICATION = ("published_at", "published_precision", "published_basis")


@dataclass
class IngestBatch:
    documents: list[dict] = field(default_factory=list)  # one per distinct cleaned text
    sources: list[dict] = field(default_factory=list)  # one per (file, record) with a document
    rejected: list[dict] = field(default_factory=list)  # one per unusable input or record
    files: list[dict] = field(default_factory=list)  # `source_files` rows of the files read


def ingest_paths(
    paths: Iterable[Path | str], *, max_bytes: int = 20_000_000, run_id: str = ""
) -> IngestBatch:
    """Read, decode, clean and fingerprint every file in `paths` (files or folders)."""
    if isinstance(paths, str | Path):
        paths = [paths]
    batch = IngestBatch()
    documents: dict[str, dict] = {}
    for found in discover(paths):
        source_file = shown_path(found.path)
        loaded = _load(found, max_bytes)
        state = (
            loaded.raw.state if isinstance(loaded, _Loaded)
            else refused_file_state(found.path, loaded)
        )
        if state is not None:
            batch.files.append(state.row(run_id))
        if isinstance(loaded, Unusable):
            batch.rejected.append(rejection_row(source_file, loaded, run_id))
            continue
        for result in loaded.results:
            if isinstance(result, Record):
                result = _add_document(documents, batch, loaded, result)
            if isinstance(result, Unusable):
                batch.rejected.append(rejection_row(source_file, result, run_id))
    batch.documents = list(documents.values())
    return batch


@dataclass(frozen=True)
class _Loaded:
    raw: RawFile
    format_name: str
    results: ReadResult

    @property
    def source_file(self) -> str:
        return shown_path(self.raw.path)


def _load(found: Found, max_bytes: int) -> _Loaded | Unusable:
    """The file and its records, or the one problem that stopped the whole file. A file whose
    bytes were read but are not a text (binary, undecodable) is loaded with that problem as
    its only result, so that its state is kept."""
    if found.problem is not None:
        return found.problem
    try:
        format_name = format_of(found.path)
        raw = read_file(found.path, max_bytes)
    except Unusable as problem:
        return problem
    try:
        results = read_records(format_name, decode(raw.data), raw.path)
    except Unusable as problem:
        results = [problem]
    return _Loaded(raw, format_name, results)


def _add_document(
    documents: dict[str, dict], batch: IngestBatch, loaded: _Loaded, record: Record
) -> Unusable | None:
    """Clean one record into a document and a source row; the problem if nothing is left."""
    text = clean_text(record.text, record.metadata.title)
    if not text:
        detail = "Nothing but page furniture and whitespace was left after cleaning."
        return Unusable(Reason.EMPTY_AFTER_CLEANING, detail, record.source_id)
    document = _document(record, text, loaded.source_file)
    doc_id = document["doc_id"]
    if doc_id in documents:
        _fill_missing(documents[doc_id], document)
    else:
        documents[doc_id] = document
    batch.sources.append(_source(loaded, record, doc_id))
    return None


def doc_id_of(text: str) -> str:
    """The document id: a hash of the cleaned text, so equal texts are one document."""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:DOC_ID_LENGTH]


def _document(record: Record, text: str, source_file: str) -> dict:
    metadata = record.metadata
    return {
        "doc_id": doc_id_of(text),
        "source_file": source_file,
        "source_id": record.source_id,
        "title": metadata.title or headline(text),
        "outlet": metadata.outlet,
        "url": metadata.url,
        "published_at": metadata.published_at,
        "published_precision": metadata.published_precision,
        "published_basis": metadata.published_basis,
        "text": text,
        "char_count": len(text),
    }


def _fill_missing(document: dict, duplicate: dict) -> None:
    """Complete the first copy's metadata from a later copy of the same text (first one wins)."""
    for key in _MERGEABLE:
        if document[key] is None:
            document[key] = duplicate[key]
    if document["published_at"] is None and duplicate["published_at"] is not None:
        for key in _PUBLICATION:
            document[key] = duplicate[key]


def _source(loaded: _Loaded, record: Record, doc_id: str) -> dict:
    raw = loaded.raw
    return {
        "doc_id": doc_id,
        "source_file": loaded.source_file,
        "source_id": record.source_id,
        "file_sha256": raw.sha256,
        "file_size": raw.size,
        "file_mtime": raw.mtime,
        "record_index": record.record_index,
        "format": loaded.format_name,
    }
