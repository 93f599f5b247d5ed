"""One document in, every claim out: the engine's single entry point.

The order matters: sentences first; speakers next, because later sentences refer back to earlier
speakers ("it said"); the publication time before any relative time expression can be resolved;
then casualty figures, dated events and statements, each from its own module. The document's
own facts (publication time, the regions its lead names, its near-duplicate signature, the
terms of its story) come back as one dict that joins the document's record.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Sequence
from functools import cache
from typing import Any

from corroborate.extract.budget import Budget
from corroborate.extract.casualties import find_casualties
from corroborate.extract.records import EventClaim, Extraction, Publication
from corroborate.extract.regions import read_lead
from corroborate.extract.sentences import Sentence, split_sentences
from corroborate.extract.similarity import minhash
from corroborate.extract.speakers import Attribution, first_attributions, sentence_attributions
from corroborate.extract.statements import find_statements
from corroborate.extract.story_terms import story_terms
from corroborate.extract.times import find_events, infer_publication, tag_time_expressions


def extract_document(
    doc_id: str,
    text: str,
    metadata: Publication | None = None,
    *,
    budget_seconds: float | None = None,
) -> tuple[dict[str, Any], Extraction]:
    """The document's own facts and everything the engine finds in `text`; raises
    `ExtractionTimeout` once past `budget_seconds` (checked between stages).

    The first item holds the publication keys (`published_at`, `published_precision`,
    `published_basis`), `lead_regions` (ISO3/admin1 regions of the cities the lead names),
    `lead_keys` (those of every city name in the lead, places or not: `extract/regions.py`),
    `minhash` (the near-duplicate signature, `extract/similarity.py`) and `story_terms` with
    `story_weights` (the words that tell its story from others, `extract/story_terms.py`)."""
    budget = Budget(budget_seconds)
    sentences = split_sentences(text)
    every_attribution = sentence_attributions(text, sentences)
    attributions = first_attributions(every_attribution)
    budget.check("speakers")
    publication = infer_publication(text, sentences, metadata)
    published = publication["published_at"]
    expressions = tag_time_expressions(doc_id, text, sentences, publication)
    budget.check("times")
    events = find_events(doc_id, text, sentences, expressions, publication)
    _attach_speakers(events, sentences, attributions)
    budget.check("events")
    casualties = find_casualties(
        doc_id, text, sentences, attributions, published.year if published else None
    )
    budget.check("casualties")
    extraction = Extraction(
        casualty_claims=casualties,
        event_claims=events,
        statements=find_statements(doc_id, text, sentences, every_attribution),
        time_expressions=expressions,
    )
    budget.check("statements")
    terms, weights = story_terms(text)
    lead = read_lead(text)
    facts = {
        **publication,
        "lead_regions": lead.regions,
        "lead_keys": lead.keys,
        "minhash": minhash(text),
        "story_terms": terms,
        "story_weights": weights,
    }
    return facts, extraction


#: A document that touches each part of the engine: sentences, a dateline, a clock with its
#: zone, a place, a figure, a statement.
_WARM_UP_TEXT = (
    "KYIV, Sept. 13, 2022 - Shelling at 08:00 local time (GMT+3) on Tuesday killed at least "
    "12 soldiers near Kharkiv, the ministry said. Russia denied the claims two days ago."
)


@cache
def warm_up() -> None:
    """Load the engine's reference data and compile its patterns once per process, so that a
    document's time budget measures the document and not the first document's start-up (a
    few seconds on a busy machine)."""
    extract_document("0" * 16, _WARM_UP_TEXT)


def _attach_speakers(
    events: list[EventClaim],
    sentences: Sequence[Sentence],
    attributions: Sequence[Attribution | None],
) -> None:
    """An event reported inside an attributed sentence is that speaker's claim."""
    starts = [sentence.start for sentence in sentences]
    for event in events:
        index = bisect_right(starts, event["char_start"]) - 1
        attribution = attributions[index] if 0 <= index < len(attributions) else None
        if attribution is not None and event.get("speaker") is None:
            event["speaker"] = attribution.speaker
            event["speaker_country"] = attribution.country
