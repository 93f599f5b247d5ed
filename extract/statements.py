"""Attributed statements: who says what, and whether it asserts, accuses or denies.

Every sentence the speaker module attributes becomes a statement. Its stance comes from cue
words in `lexicon/stance_cues.csv` (a denial outranks an accusation: "rejected the claims,
accusing..." is first of all a denial). Only an accusation or a denial has a target: the first
country named after the cue ("accused <country>'s forces of ..."), else the first named after
the speaker (what the speaker said: "In talks with <country>'s president, X said <country> was
responsible"), else the first the sentence names; never the speaker's own country nor a
country inside the speaker's name.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from functools import cache

from extract.countries import find_countries
from extract.lexicon import table
from extract.lowercase import lowered
from extract.numbers import alternation
from extract.records import Statement, claim_id
from extract.sentences import Sentence
from extract.speakers import Attribution

_QUOTED = re.compile(r"[\"“]([^\"”]{12,})[\"”]")
_STANCE_ORDER = ("deny", "accuse")


@cache
def _cue_patterns() -> tuple[re.Pattern[str], dict[str, re.Pattern[str]]]:
    """For lower-cased text: one pattern over every cue of a stance that is not an assertion
    (most sentences have none, and one search settles them), and one per stance."""
    cues: dict[str, list[str]] = {}
    for row in table("stance_cues"):
        cues.setdefault(row["stance"], []).append(row["cue"].lower())
    any_cue = alternation(stem for stance in _STANCE_ORDER for stem in cues[stance])
    return re.compile(rf"\b(?:{any_cue})"), {
        stance: re.compile(rf"\b(?:{alternation(stems)})") for stance, stems in cues.items()
    }


def stance_of(sentence: str) -> str:
    return _stance_and_cue(lowered(sentence), 0, len(sentence))[0]


def _stance_and_cue(low: str, start: int, end: int) -> tuple[str, int]:
    """The stance of low[start:end] (a lower-cased sentence, which follows a space or opens the
    text, so `\\b` reads the same in it as in the document) and where its cue starts (`start`
    for an assertion)."""
    any_cue, patterns = _cue_patterns()
    if any_cue.search(low, start, end) is None:
        return "assert", start
    for stance in _STANCE_ORDER:
        found = patterns[stance].search(low, start, end)
        if found:
            return stance, found.start()
    return "assert", start


def find_statements(
    doc_id: str,
    text: str,
    sentences: Sequence[Sentence],
    attributions: Sequence[tuple[Attribution, ...]],
) -> list[Statement]:
    """One statement per speaker a sentence attributes to (`speakers.sentence_attributions`)."""
    low = lowered(text)
    statements: list[Statement] = []
    for sentence, found in zip(sentences, attributions, strict=True):
        if not found:
            continue
        stance, cue = _stance_and_cue(low, sentence.start, sentence.end)
        quoted = _QUOTED.search(sentence.text)
        statements.extend(
            {
                "claim_id": claim_id(
                    doc_id, "statement", sentence.start, sentence.end, attribution.char_start
                ),
                "doc_id": doc_id,
                "speaker": (
                    None
                    if attribution.kind == "pronoun"
                    else text[attribution.char_start : attribution.char_end]
                ),
                "source_name": attribution.speaker,
                "speaker_country": attribution.country,
                "stance": stance,
                "target_country": (
                    _target(text, sentence, attribution, cue) if stance != "assert" else None
                ),
                "content": quoted.group(1) if quoted else sentence.text,
                "evidence": sentence.text,
                "char_start": sentence.start,
                "char_end": sentence.end,
            }
            for attribution in found
        )
    return statements


def _target(text: str, sentence: Sentence, attribution: Attribution, cue_start: int) -> str | None:
    candidates = [
        mention
        for mention in find_countries(text, sentence.start, sentence.end)
        if mention.iso3 != attribution.country
        and not attribution.char_start <= mention.start < attribution.char_end
    ]
    after_cue = [mention for mention in candidates if mention.start >= cue_start]
    said = [mention for mention in candidates if mention.start >= attribution.char_end]
    chosen = after_cue or said or candidates
    return chosen[0].iso3 if chosen else None
