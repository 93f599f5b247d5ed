"""Vocabularies and row checks shared by the table models.

The enumerations are the warehouse's public vocabulary (README, Public warehouse tables), read
from the engine's own types (`corroborate.extract.records`), so that the two cannot drift apart; ISO
codes come from pycountry, the reference data the extraction engine also uses, so a code that
validates here is one a reader can look up.
"""

from __future__ import annotations

from functools import cache
from typing import get_args

import pandas as pd
import pycountry

from corroborate.extract.lexicon import table
from corroborate.extract.records import (
    Outcome,
    Precision,
    PublishedBasis,
    Qualifier,
    SourceKind,
    Stance,
    TimeReference,
    TimexType,
)

OUTCOMES: tuple[str, ...] = get_args(Outcome)
#: Event types are the engine's lexicon (`extract/lexicon/event_types.csv`): conflict types after
#: CAMEO's root codes, disaster types after EM-DAT's groups, and `other`.
EVENT_TYPES = tuple(row["event_type"] for row in table("event_types"))
QUALIFIERS: tuple[str, ...] = get_args(Qualifier)
PRECISIONS: tuple[str, ...] = get_args(Precision)
#: The largest figure a report can plausibly give for each outcome, far above any ever
#: recorded (the Second World War: about 85 million dead; the world's displaced in 2024: about
#: 120 million). A larger count is a misreading, and goes to quarantine.
PLAUSIBLE_COUNTS = {
    "killed": 10**8, "wounded": 10**8, "captured": 10**8, "missing": 10**8,
    "arrested": 10**8, "displaced": 10**9,
}
STANCES: tuple[str, ...] = get_args(Stance)
SOURCE_KINDS: tuple[str, ...] = get_args(SourceKind)
TIME_REFERENCES: tuple[str, ...] = get_args(TimeReference)
TIMEX_TYPES: tuple[str, ...] = get_args(TimexType)
PUBLISHED_BASES: tuple[str, ...] = get_args(PublishedBasis)


#: Kosovo has no ISO code; XKX, from the user-assigned range, is the one the EU, IMF and
#: GeoNames use.
USER_ASSIGNED_CODES = frozenset({"XKX"})


@cache
def iso3_codes() -> frozenset[str]:
    """Alpha-3 codes a reader can look up: current ISO 3166-1 countries, the ISO 3166-3 codes
    of countries that no longer exist (background paragraphs name the Soviet Union), and XKX."""
    current = {country.alpha_3 for country in pycountry.countries}
    former = {country.alpha_3 for country in pycountry.historic_countries}
    return frozenset(current | former | USER_ASSIGNED_CODES)


def is_iso3_or_null(values: pd.Series) -> pd.Series:
    codes = iso3_codes()
    return values.isna() | values.isin(codes)


def ordered_or_open(low: pd.Series, high: pd.Series) -> pd.Series:
    """True where `low <= high` or either end is open (NULL)."""
    return low.isna() | high.isna() | (low <= high)
