"""`documents`: one ingested article, identified by the hash of its cleaned text."""

from __future__ import annotations

import hashlib

import pandas as pd
import pandera.pandas as pa
from pandera.typing import Series

from corroborate.schemas.base import TableModel, UtcTimestamp
from corroborate.schemas.checks import PRECISIONS, PUBLISHED_BASES


class Documents(TableModel):
    """`doc_id` must be the fingerprint of `text`, so the same words are always one document."""

    doc_id: Series[str] = pa.Field(unique=True, str_matches=r"^[0-9a-f]{16}$")
    source_file: Series[str]
    source_id: Series[str] = pa.Field(str_length={"min_value": 1})
    title: Series[str] = pa.Field(nullable=True)
    outlet: Series[str] = pa.Field(nullable=True)
    url: Series[str] = pa.Field(nullable=True)
    published_at: Series[UtcTimestamp] = pa.Field(nullable=True)
    published_precision: Series[str] = pa.Field(nullable=True, isin=PRECISIONS)
    published_basis: Series[str] = pa.Field(isin=PUBLISHED_BASES)
    text: Series[str] = pa.Field(str_length={"min_value": 1})
    char_count: Series[pd.Int64Dtype] = pa.Field(ge=1)
    lead_regions: Series[object] = pa.Field(nullable=True)
    lead_keys: Series[object] = pa.Field(nullable=True)
    minhash: Series[object] = pa.Field(nullable=True)
    story_terms: Series[object] = pa.Field(nullable=True)
    story_weights: Series[object] = pa.Field(nullable=True)

    @pa.dataframe_check(error="doc_id must be the sha256 prefix of text")
    def doc_id_is_fingerprint(cls, frame: pd.DataFrame) -> pd.Series:
        return frame["doc_id"] == frame["text"].map(
            lambda text: hashlib.sha256(text.encode()).hexdigest()[:16]
        )

    @pa.check("minhash", error="minhash must be a list of 64 integers")
    def minhash_is_a_signature(cls, values: pd.Series) -> pd.Series:
        return values.map(
            lambda value: value is None
            or (len(value) == 64 and all(isinstance(item, int) for item in value))
        )

    @pa.dataframe_check(error="story_terms and story_weights must pair up, weights in (0, 1]")
    def story_weights_pair_terms(cls, frame: pd.DataFrame) -> pd.Series:
        return pd.Series(
            [
                (terms is None and weights is None)
                or (len(terms) == len(weights) and all(0 < weight <= 1 for weight in weights))
                for terms, weights in zip(frame["story_terms"], frame["story_weights"], strict=True)
            ],
            index=frame.index,
        )

    @pa.dataframe_check(error="a known publication time needs a precision, and vice versa")
    def precision_goes_with_time(cls, frame: pd.DataFrame) -> pd.Series:
        return frame["published_at"].isna() == frame["published_precision"].isna()
