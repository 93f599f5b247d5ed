"""`document_sources`: which input file (and record) carried which document."""

from __future__ import annotations

import pandas as pd
import pandera.pandas as pa
from pandera.typing import Series

from corroborate.schemas.base import TableModel, UtcTimestamp

FORMATS = ("txt", "md", "json", "jsonl", "html")


class DocumentSources(TableModel):
    """The same article in two files is one document with two source rows."""

    doc_id: Series[str] = pa.Field(str_matches=r"^[0-9a-f]{16}$")
    source_file: Series[str] = pa.Field(str_length={"min_value": 1})
    source_id: Series[str] = pa.Field(str_length={"min_value": 1})
    file_sha256: Series[str] = pa.Field(str_matches=r"^[0-9a-f]{64}$")
    file_size: Series[pd.Int64Dtype] = pa.Field(ge=0)
    file_mtime: Series[UtcTimestamp]
    record_index: Series[pd.Int64Dtype] = pa.Field(ge=0)
    format: Series[str] = pa.Field(isin=FORMATS)
