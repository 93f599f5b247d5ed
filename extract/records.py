"""The shapes the extraction engine hands to the rest of the pipeline.

Every record is a plain dict so it moves into Arrow without conversion. The keys here are the
contract with `schemas/` and `sql/staging/`; adding a key is free, renaming one is not.
Times are timezone-aware `datetime` objects in UTC; counts are `int` or `None`.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any, Literal, TypedDict

Outcome = Literal["killed", "wounded", "captured", "missing", "displaced", "arrested"]
Qualifier = Literal[
    "exact", "at_least", "more_than", "about", "up_to", "range", "vague", "unspecified"
]
Precision = Literal["minute", "hour", "part_of_day", "day", "month", "year", "decade"]
TimeReference = Literal["main", "background"]
Stance = Literal["assert", "accuse", "deny", "condemn", "claim_responsibility", "confirm"]
TimexType = Literal["DATE", "TIME", "DURATION", "SET"]
PublishedBasis = Literal["metadata", "text", "inferred", "unknown"]
# What kind of source speaks: a person, or the kind of body its head word names
# (`lexicon/source_kinds.csv`, read by extract/sources.py).
SourceKind = Literal[
    "person", "government", "armed_forces", "armed_group", "international", "ngo", "outlet",
    "witness", "medical", "police", "company", "other",
]


class Span(TypedDict):
    """What every claim carries so a reader can find its words: text[char_start:char_end]."""

    doc_id: str
    char_start: int
    char_end: int
    evidence: str


class InSentence(Span):
    """A claim that a fact rests on also names the sentence it stands in, so a reader sees the
    whole statement behind a figure or a date: text[sentence_start:sentence_end]."""

    sentence_start: int
    sentence_end: int


class CasualtyClaim(InSentence):
    claim_id: str
    outcome: Outcome
    count_low: int | None
    count_high: int | None
    qualifier: Qualifier
    victim: str | None
    side: str | None  # ISO 3166-1 alpha-3
    speaker: str | None
    speaker_country: str | None  # ISO 3166-1 alpha-3
    time_reference: TimeReference  # "background": a figure about an earlier happening
    reference_year: int | None  # the year a background figure refers to, when stated
    part_of: Outcome | None  # "eight of the wounded": the outcome of the figure it is part of


class EventClaim(InSentence):
    claim_id: str
    event_type: str
    occurred_start: datetime
    occurred_end: datetime
    precision: Precision
    time_text: str
    place: str | None
    place_country: str | None
    speaker: str | None
    speaker_country: str | None
    time_reference: TimeReference
    reference_year: int | None
    summary: str  # who did what to whom, where (extract/times/summaries.py)


class Statement(Span):
    claim_id: str
    speaker: str | None  # as this sentence names the speaker; None for a pronoun ("he said")
    source_name: str  # who, resolved: the name "he" or "the ministry" refers back to
    source_key: str  # the source under one spelling, without its country ("defense ministry")
    source_kind: SourceKind
    speaker_country: str | None  # the name's country, else the document's for the same source
    stance: Stance
    target_country: str | None
    content: str  # what is said: text[content_start:content_end]
    is_quote: bool  # content is a verbatim quote
    source_start: int  # the speaker's mention as this statement's sentence gives it
    source_end: int
    cue_start: int  # the reporting cue ("said", "according to")
    cue_end: int
    content_start: int
    content_end: int


class TimeExpression(TypedDict):
    doc_id: str
    char_start: int
    char_end: int
    text: str
    type: TimexType
    value: str  # TimeML / ISO-8601 value
    start_utc: datetime | None
    end_utc: datetime | None
    precision: Precision | None


class Publication(TypedDict):
    """When a document was written, and on what evidence."""

    published_at: datetime | None
    published_precision: Precision | None
    published_basis: PublishedBasis


@dataclass
class Extraction:
    """Everything the engine found in one document."""

    casualty_claims: list[CasualtyClaim] = field(default_factory=list)
    event_claims: list[EventClaim] = field(default_factory=list)
    statements: list[Statement] = field(default_factory=list)
    time_expressions: list[TimeExpression] = field(default_factory=list)


def claim_id(doc_id: str, kind: str, char_start: int, char_end: int, *key: Any) -> str:
    """A stable id: the same claim in the same document always gets the same id."""
    raw = "\x1f".join(map(str, (doc_id, kind, char_start, char_end, *key)))
    return hashlib.sha256(raw.encode()).hexdigest()[:20]
