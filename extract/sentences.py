"""Split cleaned text into sentences, keeping character offsets into the original string.

A regular-expression splitter: a sentence ends at `.`, `!` or `?` (optionally followed by a
closing quote or bracket) before whitespace and an opening capital, digit or quote, unless the
period belongs to a known abbreviation or an initial. A line break that ends a paragraph always
ends a sentence. This runs at regex speed, which the throughput targets require.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import NamedTuple

from extract.lexicon import words


class Sentence(NamedTuple):
    start: int
    end: int
    text: str


_CANDIDATE_END = re.compile(
    r"""[.!?]+["'”’)\]]*        # terminal punctuation and closing quotes
        (?=\s+["'“‘(\[]?[A-Z0-9]) # followed by space and a sentence-like opening
      | \n\s*\n                 # a blank line
      | \n(?=\s*\S)             # any line break (headlines, datelines, captions)
    """,
    re.VERBOSE,
)
_WORD_BEFORE = re.compile(r"([A-Za-z][A-Za-z.]*)\.$")


def _abbreviations() -> frozenset[str]:
    return frozenset(words("abbreviations"))


def _is_abbreviation(text: str, dot: int, abbreviations: frozenset[str]) -> bool:
    """True when the period at `dot` closes an abbreviation or an initial ("J. Smith")."""
    match = _WORD_BEFORE.search(text, max(0, dot - 12), dot + 1)
    if not match:
        return False
    token = match.group(1).lower()
    return token in abbreviations or len(token) == 1


def split_sentences(text: str) -> list[Sentence]:
    """Sentences of `text` with `text[s.start:s.end] == s.text`, stripped of outer whitespace."""
    return list(_iter_sentences(text))


def _iter_sentences(text: str) -> Iterator[Sentence]:
    abbreviations = _abbreviations()
    start = 0
    for match in _CANDIDATE_END.finditer(text):
        end = match.end()
        if text[match.start()] == "." and _is_abbreviation(
            text, match.start(), abbreviations
        ):
            continue
        yield from _trimmed(text, start, end)
        start = end
    yield from _trimmed(text, start, len(text))


def _trimmed(text: str, start: int, end: int) -> Iterator[Sentence]:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    if start < end:
        yield Sentence(start, end, text[start:end])
