"""`event_claims`: one dated happening, its time an interval in UTC."""

from __future__ import annotations

import pandas as pd
import pandera.pandas as pa
from pandera.typing import Series

from corroborate.schemas.base import ReferencedClaimModel, UtcTimestamp
from corroborate.schemas.checks import EVENT_TYPES, PRECISIONS, is_iso3_or_null


class EventClaims(ReferencedClaimModel):
    """Only anchored times make event claims, so both ends are known."""

    event_type: Series[str] = pa.Field(isin=EVENT_TYPES)
    occurred_start: Series[UtcTimestamp]
    occurred_end: Series[UtcTimestamp]
    precision: Series[str] = pa.Field(isin=PRECISIONS)
    time_text: Series[str] = pa.Field(str_length={"min_value": 1})
    place: Series[str] = pa.Field(nullable=True)
    place_country: Series[str] = pa.Field(nullable=True)
    summary: Series[str] = pa.Field(str_length={"min_value": 1})

    @pa.check("place_country", error="place_country must be an ISO 3166-1 alpha-3 code")
    def place_country_is_iso3(cls, values: pd.Series) -> pd.Series:
        return is_iso3_or_null(values)

    @pa.dataframe_check(error="occurred_start must not be after occurred_end")
    def interval_is_ordered(cls, frame: pd.DataFrame) -> pd.Series:
        return frame["occurred_start"] <= frame["occurred_end"]
