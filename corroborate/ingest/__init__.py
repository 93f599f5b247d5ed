"""The ingest stage: raw article files in, clean documents and explained rejections out."""

from corroborate.ingest.batch import IngestBatch, doc_id_of, ingest_paths
from corroborate.ingest.rejections import Reason

__all__ = ["IngestBatch", "Reason", "doc_id_of", "ingest_paths"]
