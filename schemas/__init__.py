"""One pandera model per warehouse table that Python writes; `MODELS` maps table name to model."""

from corroborate.schemas.casualty_claims import CasualtyClaims
from corroborate.schemas.document_sources import DocumentSources
from corroborate.schemas.documents import Documents
from corroborate.schemas.event_claims import EventClaims
from corroborate.schemas.rejected import Rejected
from corroborate.schemas.source_files import SourceFiles
from corroborate.schemas.statements import Statements
from corroborate.schemas.time_expressions import TimeExpressions

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
