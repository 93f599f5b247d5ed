"""`time_expressions`: a temporal expression, its TimeML value and, when anchored, UTC bounds."""

from __future__ import annotations

import pandas as pd
import pandera.pandas as pa
from pandera.typing import Series

from corroborate.extract.times.values import is_calendar_value
from corroborate.schemas.base import SpanModel, UtcTimestamp
from corroborate.schemas.checks import PRECISIONS, TIMEX_TYPES, ordered_or_open


class TimeExpressions(SpanModel):
    """`evidence` is the expression's text; unanchored expressions keep NULL bounds."""

    text: Series[str] = pa.Field(str_length={"min_value": 1})
    type: Series[str] = pa.Field(isin=TIMEX_TYPES)
    value: Series[str] = pa.Field(str_length={"min_value": 1})
    start_utc: Series[UtcTimestamp] = pa.Field(nullable=True)
    end_utc: Series[UtcTimestamp] = pa.Field(nullable=True)
    precision: Series[str] = pa.Field(nullable=True, isin=PRECISIONS)

    @pa.check("value", error="value must name a real calendar year, month, week, day or time")
    def value_is_on_the_calendar(cls, values: pd.Series) -> pd.Series:
        return values.map(is_calendar_value).astype(bool)

    @pa.dataframe_check(error="text must equal evidence")
    def text_is_evidence(cls, frame: pd.DataFrame) -> pd.Series:
        return frame["text"] == frame["evidence"]

    @pa.dataframe_check(error="start_utc must not be after end_utc")
    def interval_is_ordered(cls, frame: pd.DataFrame) -> pd.Series:
        return ordered_or_open(frame["start_utc"], frame["end_utc"])
