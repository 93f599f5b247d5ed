"""The ingest stage: raw article files in, clean documents and explained rejections out."""

from flows.ingest.batch import IngestBatch, doc_id_of, ingest_paths
from flows.ingest.rejections import Reason

__all__ = ["IngestBatch", "Reason", "doc_id_of", "ingest_paths"]
