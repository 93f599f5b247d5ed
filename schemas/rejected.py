"""`rejected`: an input that could not be used, and why."""

from __future__ import annotations

import pandera.pandas as pa
from pandera.typing import Series

from corroborate.schemas.base import TableModel

STAGES = ("ingest", "extract", "validate")


class Rejected(TableModel):
    """Nothing is dropped silently: every unusable input has a stage, a reason and a detail."""

    source_file: Series[str] = pa.Field(str_length={"min_value": 1})
    source_id: Series[str] = pa.Field(nullable=True)
    stage: Series[str] = pa.Field(isin=STAGES)
    reason: Series[str] = pa.Field(str_matches=r"^[a-z_]+$")
    detail: Series[str] = pa.Field(str_length={"min_value": 1})
    run_id: Series[str] = pa.Field(str_length={"min_value": 1})
