"""`statements`: an attributed assertion, accusation or denial."""

from __future__ import annotations

import pandas as pd
import pandera.pandas as pa
from pandera.typing import Series

from schemas.base import ClaimModel
from schemas.checks import SOURCE_KINDS, STANCES, is_iso3_or_null


class Statements(ClaimModel):
    """A statement always has a source: the outlet's own voice is not a statement. Its speaker
    is the source as its own sentence names it, NULL where that is a pronoun ("he said")."""

    speaker: Series[str] = pa.Field(nullable=True, str_length={"min_value": 1})
    source_name: Series[str] = pa.Field(str_length={"min_value": 1})
    source_key: Series[str] = pa.Field(str_length={"min_value": 1})
    source_kind: Series[str] = pa.Field(isin=SOURCE_KINDS)
    stance: Series[str] = pa.Field(isin=STANCES)
    target_country: Series[str] = pa.Field(nullable=True)
    content: Series[str] = pa.Field(str_length={"min_value": 1})

    @pa.check("target_country", error="target_country must be an ISO 3166-1 alpha-3 code")
    def target_country_is_iso3(cls, values: pd.Series) -> pd.Series:
        return is_iso3_or_null(values)
