"""Vocabularies and row checks shared by the table models.

The enumerations are the warehouse's public vocabulary (DESIGN.md); ISO codes come from
pycountry, the reference data the extraction engine also uses, so a code that validates here is
one a reader can look up.
"""

from __future__ import annotations

from functools import cache

import pandas as pd
import pycountry

OUTCOMES = ("killed", "wounded", "captured", "missing", "displaced", "arrested")
QUALIFIERS = (
    "exact", "at_least", "more_than", "about", "up_to", "range", "vague", "unspecified",
)
PRECISIONS = ("minute", "hour", "part_of_day", "day", "month", "year", "decade")
STANCES = ("assert", "accuse", "deny")
TIME_REFERENCES = ("main", "background")
TIMEX_TYPES = ("DATE", "TIME", "DURATION", "SET")
PUBLISHED_BASES = ("metadata", "text", "inferred", "unknown")


@cache
def iso3_codes() -> frozenset[str]:
    """ISO 3166-1 alpha-3 codes of every country pycountry knows."""
    return frozenset(country.alpha_3 for country in pycountry.countries)


def is_iso3_or_null(values: pd.Series) -> pd.Series:
    codes = iso3_codes()
    return values.isna() | values.isin(codes)


def spans_match(frame: pd.DataFrame) -> pd.Series:
    """`document_text[char_start:char_end] == evidence`, row by row: the provenance guarantee."""
    return pd.Series(
        [
            isinstance(text, str) and text[start:end] == evidence
            for text, start, end, evidence in zip(
                frame["document_text"],
                frame["char_start"],
                frame["char_end"],
                frame["evidence"],
                strict=True,
            )
        ],
        index=frame.index,
    )


def ordered_or_open(low: pd.Series, high: pd.Series) -> pd.Series:
    """True where `low <= high` or either end is open (NULL)."""
    return low.isna() | high.isna() | (low <= high)
