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

from corroborate.extract.lexicon import words


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
# What a word before a period may hold: ASCII letters and dots ("U.S.").
_WORD_CHARS = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz."
_LOOK_BACK = 12  # characters before a period where the word it closes may start


@cache
def abbreviations() -> frozenset[str]:
    """Words a period ends without ending the sentence ("mr", "u.s"), lower case."""
    return frozenset(words("abbreviations"))


def _is_abbreviation(text: str, dot: int, known: frozenset[str]) -> bool:
    """True when the period at `dot` closes an abbreviation or an initial ("J. Smith")."""
    # The word is the run of letters and dots that the period ends, past its leading dots; two
    # C string calls, three times as fast as a regex over the window.
    window = text[max(0, dot - _LOOK_BACK) : dot]
    token = window[len(window.rstrip(_WORD_CHARS)) :].lstrip(".").lower()
    return token in known or len(token) == 1


def split_sentences(text: str) -> list[Sentence]:
    """Sentences of `text` with `text[s.start:s.end] == s.text`, stripped of outer whitespace."""
    known = abbreviations()
    sentences: list[Sentence] = []
    start = 0
    for match in _CANDIDATE_END.finditer(text):
        dot = match.start()
        if text[dot] == "." and _is_abbreviation(text, dot, known):
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
        first = start + piece.index(stripped[0])  # the first character that is not whitespace
        sentences.append(Sentence(first, first + len(stripped), stripped))
