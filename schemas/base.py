"""Column groups that several tables share, as pandera models to inherit from."""

from __future__ import annotations

from typing import Annotated

import pandas as pd
import pandera.pandas as pa
from pandera.typing import Series

from corroborate.schemas.checks import TIME_REFERENCES, is_iso3_or_null

UtcTimestamp = Annotated[pd.DatetimeTZDtype, "us", "UTC"]


class TableModel(pa.DataFrameModel):
    """Strict columns, coerced types: a batch with a missing or extra column fails as a whole."""

    class Config:
        strict = True
        coerce = True


class SpanModel(TableModel):
    """A row that quotes its document.

    `document_span` is attached for validation only: the document's text at the row's span,
    cut by the validator from the stored text (NULL when the document is unknown). Comparing
    it with `evidence` is the provenance guarantee, without copying whole texts per row.
    """

    doc_id: Series[str] = pa.Field(str_matches=r"^[0-9a-f]{16}$")
    char_start: Series[pd.Int64Dtype] = pa.Field(ge=0)
    char_end: Series[pd.Int64Dtype] = pa.Field(ge=1)
    evidence: Series[str] = pa.Field(str_length={"min_value": 1})
    document_span: Series[str] = pa.Field(nullable=True)

    @pa.dataframe_check(error="evidence must equal documents.text[char_start:char_end]")
    def span_is_evidence(cls, frame: pd.DataFrame) -> pd.Series:
        return (frame["document_span"] == frame["evidence"]).fillna(False).astype(bool)

    @pa.dataframe_check(error="char_start must be before char_end")
    def span_is_ordered(cls, frame: pd.DataFrame) -> pd.Series:
        return frame["char_start"] < frame["char_end"]


class ClaimModel(SpanModel):
    """A claim: a span with an id and, when someone asserts it, a speaker."""

    claim_id: Series[str] = pa.Field(unique=True, str_matches=r"^[0-9a-f]{20}$")
    speaker: Series[str] = pa.Field(nullable=True)
    speaker_country: Series[str] = pa.Field(nullable=True)

    @pa.check("speaker_country", error="speaker_country must be an ISO 3166-1 alpha-3 code")
    def speaker_country_is_iso3(cls, values: pd.Series) -> pd.Series:
        return is_iso3_or_null(values)


class ReferencedClaimModel(ClaimModel):
    """A claim that belongs to a time: the story's own, or an earlier happening (background),
    which the incident models bind to a background incident of its year. Facts rest on these
    claims, so each names the sentence it stands in (fact_evidence shows it whole)."""

    time_reference: Series[str] = pa.Field(isin=TIME_REFERENCES)
    reference_year: Series[pd.Int64Dtype] = pa.Field(nullable=True, ge=1000, le=2200)
    sentence_start: Series[pd.Int64Dtype] = pa.Field(ge=0)
    sentence_end: Series[pd.Int64Dtype] = pa.Field(ge=1)

    @pa.dataframe_check(error="the sentence must hold the span")
    def sentence_holds_span(cls, frame: pd.DataFrame) -> pd.Series:
        return (frame["sentence_start"] <= frame["char_start"]) & (
            frame["char_end"] <= frame["sentence_end"]
        )
