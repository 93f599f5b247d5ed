"""Whose people a casualty figure counts: a demonym or country before the victim noun, the
speaker's own side ("its soldiers"), the subject of "lost", or "on the X side" after it.
"""

from __future__ import annotations

import re

from corroborate.extract.casualties.grammar import Rules
from corroborate.extract.casualties.matching import Match
from corroborate.extract.countries import find_countries
from corroborate.extract.sentences import Sentence

_SIDE_AFTER = re.compile(
    r"\s+on\s+(?:the\s+)?(?P<side>[\w’'.-]+(?:\s+[\w’'.-]+)?)\s+side\b", re.IGNORECASE
)
_SUBJECT_PRONOUN = re.compile(
    r"\b(?:it|they|we)\s+(?:(?:has|had|have|also|reportedly)\s+)*$", re.IGNORECASE
)


def side_of(
    text: str, sentence: Sentence, match: Match, speaker_country: str | None, rules: Rules
) -> str | None:
    """Whose people they were: a demonym or country before the victim noun ("Peruvian
    soldiers", "of Syria's army"), the speaker's own side for "its"/"his country's" soldiers,
    or the subject of "lost" ("it lost 12 soldiers")."""
    start, end = match.victim_span
    if end > start:
        mentions = find_countries(text, start, end)
        if mentions:
            return mentions[0].iso3
        if rules.own_side.search(text, start, end):
            return speaker_country
    if match.rule == "lost":
        before = text[max(sentence.start, match.start - 40) : match.start]
        if _SUBJECT_PRONOUN.search(before):
            return speaker_country
        mentions = find_countries(before)
        if mentions and before[mentions[-1].end :].strip().lower() in ("", "has", "had", "have"):
            return mentions[-1].iso3
    return None


def side_and_end(
    text: str, sentence: Sentence, match: Match, speaker_country: str | None, rules: Rules
) -> tuple[str | None, int]:
    """The figure's side, and where its evidence ends: "on the Peruvian side" after a
    figure names its side when nothing before it does, and belongs to its evidence."""
    end = match.end
    side = side_of(text, sentence, match, speaker_country, rules)
    after = _SIDE_AFTER.match(text, match.end, sentence.end)
    if after is not None:
        mentions = find_countries(text, after.start("side"), after.end("side"))
        if mentions:
            side = side or mentions[0].iso3
            end = after.end()
    return side, end
