"""The terms that tell one story from another: a document's distinctive words, weighted.

Reports of one incident share what is particular to it: the names of the town, the victims,
the officials, the kind of event ("bombing", a militia's name); reports of two incidents of one
kind share only the kind. So a document is described by its words weighted as TF-IDF, with the
inverse document frequency taken from how often a word occurs in English at large (wordfreq's
frequency lists, built from Wikipedia, news, books, web text and subtitles) rather than from the
corpus. A reference frequency does not move as the corpus grows, so a document's terms are
computed once, in the extraction worker, and an incident's membership does not shift because
unrelated news arrived; and it works on a corpus of five articles as on five million.

A document keeps its `TERMS` heaviest words from its first `LEAD_CHARS` characters (news puts
who, what and where first), scaled to unit length, so that the dot product of two documents'
terms is their cosine similarity. Words as common as `COMMON_FREQUENCY` or more ("said",
"people", "police") are left out: they are in every story. When and where the story happens
are not terms: the incident resolution weighs them beside the words (`int_story_similarities`).
"""

from __future__ import annotations

import math
import re
from collections import Counter
from functools import cache

from corroborate.extract.lexicon import english_frequencies

TERMS = 24
LEAD_CHARS = 2000
COMMON_FREQUENCY = 3e-4
_UNKNOWN = -math.log(1e-8)  # a word the lists do not hold weighs as the rarest word they do
_MOST_COUNTED = 64
_TERM_FREQUENCY = [0.0] + [1 + math.log(count) for count in range(1, _MOST_COUNTED + 1)]
# A word is a run of letters: digits, punctuation and symbols separate words (a hyphenated name
# is its parts; a possessive's "s" falls away as a one-letter word).
_WORD = re.compile(r"[^\W\d_]+")
# The same words in ASCII text, three times as fast: every byte but a letter becomes a space.
_ASCII_LETTERS = bytes(c if chr(c).isascii() and chr(c).isalpha() else 32 for c in range(256))


@cache
def _rarity() -> dict[str, float]:
    """-log(frequency) of every word the lists hold, 0 for words as common as
    `COMMON_FREQUENCY` or more (they weigh nothing)."""
    frequencies = english_frequencies()
    return {word: -math.log(f) if f < COMMON_FREQUENCY else 0.0 for word, f in frequencies.items()}


def story_terms(text: str) -> tuple[list[str], list[float]]:
    """The document's heaviest terms, heaviest first, and their weights, whose squares add up
    to one."""
    rarity = _rarity()
    counts = Counter(_words(text[:LEAD_CHARS].lower()))
    weighted = [
        (_TERM_FREQUENCY[min(count, _MOST_COUNTED)] * weight, word)
        for word, count in counts.items()
        if (weight := rarity.get(word, _UNKNOWN)) and len(word) > 1
    ]
    weighted.sort(reverse=True)  # as heapq.nlargest orders them (no two share a word), in C
    heaviest = weighted[:TERMS]
    norm = math.sqrt(sum(weight * weight for weight, _ in heaviest)) or 1.0
    return [word for _, word in heaviest], [round(weight / norm, 6) for weight, _ in heaviest]


def _words(lead: str) -> list[str]:
    """The words of a lower-cased lead, as `_WORD` finds them."""
    if lead.isascii():
        return lead.encode().translate(_ASCII_LETTERS).decode().split()
    return _WORD.findall(lead)
