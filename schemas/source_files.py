"""`source_files`: the state of each input file when a run last read it."""

from __future__ import annotations

import pandas as pd
import pandera.pandas as pa
from pandera.typing import Series

from corroborate.schemas.base import TableModel, UtcTimestamp


class SourceFiles(TableModel):
    """An incremental run compares a file with this row to decide whether to read it again."""

    source_file: Series[str] = pa.Field(str_length={"min_value": 1}, unique=True)
    file_size: Series[pd.Int64Dtype] = pa.Field(ge=0)
    file_mtime: Series[UtcTimestamp]
    file_sha256: Series[str] = pa.Field(str_matches=r"^[0-9a-f]{64}$")
    run_id: Series[str] = pa.Field(str_length={"min_value": 1})
