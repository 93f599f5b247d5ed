"""One pandera model per warehouse table that Python writes; `MODELS` maps table name to model."""

from schemas.casualty_claims import CasualtyClaims
from schemas.document_sources import DocumentSources
from schemas.documents import Documents
from schemas.event_claims import EventClaims
from schemas.rejected import Rejected
from schemas.source_files import SourceFiles
from schemas.statements import Statements
from schemas.time_expressions import TimeExpressions

MODELS = {
    "documents": Documents,
    "document_sources": DocumentSources,
    "rejected": Rejected,
    "source_files": SourceFiles,
    "casualty_claims": CasualtyClaims,
    "event_claims": EventClaims,
    "statements": Statements,
    "time_expressions": TimeExpressions,
}

__all__ = [
    "MODELS",
    "CasualtyClaims",
    "DocumentSources",
    "Documents",
    "EventClaims",
    "Rejected",
    "SourceFiles",
    "Statements",
    "TimeExpressions",
]
