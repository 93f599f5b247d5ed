"""`casualty_claims`: one reported casualty figure."""

from __future__ import annotations

import pandas as pd
import pandera.pandas as pa
from pandera.typing import Series

from corroborate.schemas.base import ReferencedClaimModel
from corroborate.schemas.checks import (
    OUTCOMES,
    PLAUSIBLE_COUNTS,
    QUALIFIERS,
    is_iso3_or_null,
    ordered_or_open,
)


class CasualtyClaims(ReferencedClaimModel):
    """A figure is an interval: [count_low, count_high], either end open (NULL)."""

    outcome: Series[str] = pa.Field(isin=OUTCOMES)
    count_low: Series[pd.Int64Dtype] = pa.Field(nullable=True, ge=0)
    count_high: Series[pd.Int64Dtype] = pa.Field(nullable=True, ge=0)
    qualifier: Series[str] = pa.Field(isin=QUALIFIERS)
    victim: Series[str] = pa.Field(nullable=True)
    side: Series[str] = pa.Field(nullable=True)
    part_of: Series[str] = pa.Field(nullable=True, isin=OUTCOMES)

    @pa.check("side", error="side must be an ISO 3166-1 alpha-3 code")
    def side_is_iso3(cls, values: pd.Series) -> pd.Series:
        return is_iso3_or_null(values)

    @pa.dataframe_check(error="count_low must not exceed count_high")
    def counts_are_ordered(cls, frame: pd.DataFrame) -> pd.Series:
        return ordered_or_open(frame["count_low"], frame["count_high"])

    @pa.dataframe_check(error="a count beyond any plausible figure for its outcome")
    def counts_are_plausible(cls, frame: pd.DataFrame) -> pd.Series:
        ceiling = frame["outcome"].map(PLAUSIBLE_COUNTS)
        plausible = [(column.isna() | (column <= ceiling)).fillna(False)
                     for column in (frame["count_low"], frame["count_high"])]
        return (plausible[0] & plausible[1]).astype(bool)

    @pa.dataframe_check(error="an unspecified figure has no counts; any other has one")
    def counts_match_qualifier(cls, frame: pd.DataFrame) -> pd.Series:
        no_count = frame["count_low"].isna() & frame["count_high"].isna()
        return no_count == (frame["qualifier"] == "unspecified")
