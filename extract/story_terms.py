"""The terms that tell one story from another: a document's distinctive words, weighted.

Reports of one incident share what is particular to it: the names of the town, the victims,
the officials, the kind of event ("Mogadishu", "bombing", "Shabaab"); reports of two incidents
of one kind share only the kind. So a document is described by its words weighted as TF-IDF,
with the inverse document frequency taken from how often a word occurs in English at large
(wordfreq's frequency lists, built from Wikipedia, news, books, web text and subtitles) rather
than from the corpus. A reference frequency does not move as the corpus grows, so a document's
terms are computed once, in the extraction worker, and an incident's membership does not shift
because unrelated news arrived; and it works on a corpus of five articles as on five million.

A document keeps its `TERMS` heaviest terms, scaled to unit length, so that the dot product of
two documents' terms is their cosine similarity. Words as common as `COMMON_FREQUENCY` or more
("said", "people", "police") are left out: they are in every story.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from functools import cache

import wordfreq

TERMS = 40
COMMON_FREQUENCY = 3e-4
_RAREST = 1e-8  # a word the lists do not hold weighs as the rarest word they do
_WORD = re.compile(r"[^\W\d_](?:[\w'’-]*[^\W_])?")
_POSSESSIVE = re.compile(r"['’]s?$")


@cache
def _frequencies() -> dict[str, float]:
    return wordfreq.get_frequency_dict("en", "large")


def story_terms(text: str) -> tuple[list[str], list[float]]:
    """The document's heaviest terms and their weights, heaviest first; the weights' squares
    add up to one."""
    frequencies = _frequencies()
    counts: Counter[str] = Counter()
    for word, count in Counter(_WORD.findall(text.lower())).items():
        if "'" in word or "’" in word:
            word = _POSSESSIVE.sub("", word)
        if frequencies.get(word, _RAREST) < COMMON_FREQUENCY and len(word) > 1:
            counts[word] += count
    weighted = sorted(
        ((1 + math.log(count)) * -math.log(frequencies.get(word, _RAREST)), word)
        for word, count in counts.items()
    )[-TERMS:]
    norm = math.sqrt(sum(weight * weight for weight, _ in weighted)) or 1.0
    return [word for _, word in reversed(weighted)], [
        round(weight / norm, 6) for weight, _ in reversed(weighted)
    ]
