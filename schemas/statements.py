"""`statements`: an attributed assertion, accusation or denial."""

from __future__ import annotations

import pandas as pd
import pandera.pandas as pa
from pandera.typing import Series

from corroborate.schemas.base import ClaimModel
from corroborate.schemas.checks import SOURCE_KINDS, STANCES, is_iso3_or_null


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
    is_quote: Series[bool]
    source_start: Series[pd.Int64Dtype] = pa.Field(ge=0)
    source_end: Series[pd.Int64Dtype] = pa.Field(ge=1)
    cue_start: Series[pd.Int64Dtype] = pa.Field(ge=0)
    cue_end: Series[pd.Int64Dtype] = pa.Field(ge=1)
    content_start: Series[pd.Int64Dtype] = pa.Field(ge=0)
    content_end: Series[pd.Int64Dtype] = pa.Field(ge=1)

    @pa.dataframe_check(error="source and cue spans must be ordered")
    def source_and_cue_are_ordered(cls, frame: pd.DataFrame) -> pd.Series:
        return (frame["source_start"] < frame["source_end"]) & (
            frame["cue_start"] < frame["cue_end"]
        )

    @pa.dataframe_check(
        error="content must equal evidence at content_start:content_end, inside the sentence"
    )
    def content_is_in_evidence(cls, frame: pd.DataFrame) -> pd.Series:
        return pd.Series(
            [
                start <= content_start < content_end <= end
                and evidence[content_start - start : content_end - start] == content
                for start, end, content_start, content_end, evidence, content in zip(
                    frame["char_start"], frame["char_end"], frame["content_start"],
                    frame["content_end"], frame["evidence"], frame["content"], strict=True,
                )
            ],
            index=frame.index,
        )

    @pa.check("target_country", error="target_country must be an ISO 3166-1 alpha-3 code")
    def target_country_is_iso3(cls, values: pd.Series) -> pd.Series:
        return is_iso3_or_null(values)
