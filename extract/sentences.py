"""Split cleaned text into sentences, keeping character offsets into the original string.

A regular-expression splitter: a sentence ends at `.`, `!` or `?` (optionally followed by a
closing quote or bracket) before whitespace and an opening capital, digit or quote, unless the
period belongs to a known abbreviation or an initial. A line break that ends a paragraph always
ends a sentence. This runs at regex speed, which the throughput targets require.
"""

from __future__ import annotations

import re
from functools import cache
from typing import NamedTuple

from extract.lexicon import words


class Sentence(NamedTuple):
    start: int
    end: int
    text: str


# Every kind of end opens with one of four characters, so the pattern opens with that class:
# CPython's `re` then tests one character per position instead of entering the matcher at each
# (three times faster over an article). Terminal punctuation is tried only where a run of it
# begins, and the run is taken whole (possessive): tried at every character of a long run of
# dots, the scan to the run's end made splitting quadratic in the run's length.
_CANDIDATE_END = re.compile(
    r"""[.!?\n]
        (?:(?<=[.!?])(?<![.!?][.!?])    # the first of a run of terminal punctuation
            [.!?]*+["'”’)\]]*+          # the rest of the run, and closing quotes
            (?=\s+["'“‘(\[]?[A-Z0-9])   # followed by space and a sentence-like opening
          | (?<=\n)\s*\n               # a blank line
          | (?<=\n)(?=\s*\S)           # any line break (headlines, datelines, captions)
        )
    """,
    re.VERBOSE,
)
# The word a period closes: after the last character that cannot be in it, past any dots.
# One `fullmatch` over a short window, where a search would try every letter in it.
_WORD_BEFORE = re.compile(r"(?:.*[^A-Za-z.])?\.*([A-Za-z][A-Za-z.]*)\.", re.DOTALL)


@cache
def _abbreviations() -> frozenset[str]:
    return frozenset(words("abbreviations"))


def _is_abbreviation(text: str, dot: int, abbreviations: frozenset[str]) -> bool:
    """True when the period at `dot` closes an abbreviation or an initial ("J. Smith")."""
    match = _WORD_BEFORE.fullmatch(text, max(0, dot - 12), dot + 1)
    if not match:
        return False
    token = match.group(1).lower()
    return token in abbreviations or len(token) == 1


def split_sentences(text: str) -> list[Sentence]:
    """Sentences of `text` with `text[s.start:s.end] == s.text`, stripped of outer whitespace."""
    abbreviations = _abbreviations()
    sentences: list[Sentence] = []
    start = 0
    for match in _CANDIDATE_END.finditer(text):
        dot = match.start()
        if text[dot] == "." and _is_abbreviation(text, dot, abbreviations):
            continue
        _add_trimmed(sentences, text, start, match.end())
        start = match.end()
    _add_trimmed(sentences, text, start, len(text))
    return sentences


def _add_trimmed(sentences: list[Sentence], text: str, start: int, end: int) -> None:
    """text[start:end] without outer whitespace, when anything is left (`str.strip` and
    `str.isspace` agree on what whitespace is)."""
    piece = text[start:end]
    stripped = piece.strip()
    if stripped:
        first = start + len(piece) - len(piece.lstrip())
        sentences.append(Sentence(first, first + len(stripped), stripped))
