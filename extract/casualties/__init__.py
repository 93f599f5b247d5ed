"""Casualty figures in news text: who was killed, wounded, captured, ... how many, on whose side,
according to whom.

Why: the warehouse compares casualty figures across outlets, so every figure must be read the
same way wherever it appears: "49 soldiers were killed", "killing at least 16", "left more than
6,500 dead", "claimed around 30,000 lives", "the death toll rose to 12", and the count-less
"troops have died on the other side". Each grammatical slot is one regular expression built from
the word lists in `lexicon/casualty_words.csv` and `victim_nouns.csv`; counts come from
`extract/numbers.py`. Rules run only on sentences that contain a casualty word, which keeps the
scan at regex speed.

A figure about an earlier happening (an explicit year before the document's, "a year ago",
"last year's war", a clause opened by "since", a running total "during the past month") is
kept but marked `time_reference="background"` so that it never counts against today's figures.
The same figure repeated in one document (a headline and its body) is one claim.

A figure that counts some of the victims of another is a part (`part_of`, the outcome of the
larger figure): "eight of the wounded", "11 of the dead were civilians", ", including 25
children", ", 5 of them women". "Two of the wounded died" is a killed figure, part of the
wounded: people moved between outcomes. Agreement reads a part as a lower bound, never a rival.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Sequence

from corroborate.extract.casualties.era import Era, era_of, time_reference
from corroborate.extract.casualties.grammar import Rules, compiled_rules
from corroborate.extract.casualties.matching import Match, matches_at, non_overlapping, parts_after
from corroborate.extract.casualties.merging import merged
from corroborate.extract.casualties.side import side_and_end
from corroborate.extract.lowercase import lowered
from corroborate.extract.records import CasualtyClaim, claim_id
from corroborate.extract.sentences import Sentence
from corroborate.extract.speakers import Attribution


def find_casualties(
    doc_id: str,
    text: str,
    sentences: Sequence[Sentence],
    attributions: Sequence[Attribution | None],
    published_year: int | None,
) -> list[CasualtyClaim]:
    """Every casualty claim in the document, one per distinct figure."""
    rules = compiled_rules()
    starts = [s.start for s in sentences]
    low = lowered(text)  # rules are lower-case patterns; offsets are the same in both
    per_sentence: dict[int, dict[tuple[int, int, str], Match]] = {}
    for start, end in rules.trigger.spans(low):
        index = bisect_right(starts, start) - 1
        if index < 0 or end > sentences[index].end:
            continue
        found = per_sentence.setdefault(index, {})
        for match in matches_at(text, low, sentences[index], start, end, rules):
            found[match.start, match.end, match.rule] = match
    claims: list[tuple[CasualtyClaim, int | None]] = []
    for index, found in sorted(per_sentence.items()):
        if not found:
            continue
        sentence = sentences[index]
        attribution = attributions[index] if index < len(attributions) else None
        era = era_of(text, low, sentence, published_year)
        kept = non_overlapping(found.values())
        parts = [
            part
            for match in kept
            if match.part_of is None
            for part in parts_after(text, low, match, sentence.end, rules)
        ]
        for match in non_overlapping([*kept, *parts]):
            claims.append(_claim(doc_id, text, low, sentence, match, attribution, era, rules))
    return merged(claims)


def _claim(
    doc_id: str,
    text: str,
    low_text: str,
    sentence: Sentence,
    match: Match,
    attribution: Attribution | None,
    era: Era,
    rules: Rules,
) -> tuple[CasualtyClaim, int | None]:
    speaker_country = attribution.country if attribution else None
    side, end = side_and_end(text, sentence, match, speaker_country, rules)
    reference, year = time_reference(text, low_text, sentence, (match.start, end), era)
    quantity = match.quantity
    low, high = (quantity.low, quantity.high) if quantity else (None, None)
    claim = CasualtyClaim(
        doc_id=doc_id,
        char_start=match.start,
        char_end=end,
        evidence=text[match.start : end],
        claim_id=claim_id(doc_id, "casualty", match.start, end, match.outcome, low, high),
        outcome=match.outcome,  # type: ignore[typeddict-item]
        count_low=low,
        count_high=high,
        qualifier=quantity.qualifier if quantity else "unspecified",  # type: ignore[typeddict-item]
        victim=match.victim,
        side=side,
        speaker=attribution.speaker if attribution else None,
        speaker_country=speaker_country,
        time_reference=reference,
        reference_year=year,
        part_of=match.part_of,  # type: ignore[typeddict-item]
        sentence_start=sentence.start,
        sentence_end=sentence.end,
    )
    return claim, quantity.stated if quantity else None
