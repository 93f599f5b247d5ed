"""Running the tagger's grammar (`patterns.grammar`) over a text: only where a time expression
can start, with the effect of one left-to-right search.

Trying the grammar at every word start costs more than all the rest of the tagger; anchors
(a digit, or a word that is a time word wherever it stands) are about one word in twenty, and a
cheap byte scan finds them and the weak openers a few words before them. Month and weekday
names count only capitalised ("may", "march", "sun"), checked against the original text.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import cache, lru_cache
from typing import NamedTuple

from corroborate.extract.lexicon import words
from corroborate.extract.lowercase import lowered, word_bytes
from corroborate.extract.times.datelines import web_addresses
from corroborate.extract.times.patterns import (
    alternation,
    grammar,
    month_words,
    openers,
    weekday_words,
)


class Candidate(NamedTuple):
    start: int
    end: int
    family: str


@cache
def _case_checks() -> re.Pattern[str]:
    """Words that count only capitalised: month and weekday names ("may", "march", "sun")."""
    words = [*month_words(), *weekday_words()]
    return re.compile(rf"(?<![\w]){alternation(words)}(?![\w])")


@lru_cache(maxsize=16)
def scan(text: str) -> tuple[Candidate, ...]:
    """Every candidate time expression in `text`, left to right, without overlaps.

    Cached for the last few texts: the DCT inference and the tagger read the same scan.
    """
    return tuple(_scan(text))


def _scan(text: str) -> Iterator[Candidate]:
    """The grammar tried only where `_starts` allows, with the effect of one left-to-right
    search: the first match at or after the end of the previous one wins. Nothing starts
    inside a web address."""
    lower = lowered(text)
    words, digits = grammar(), grammar(at_digit=True)
    position = 0
    addresses = web_addresses(lower)[::-1]  # the last first, to pop
    for start in _starts(lower):
        if start < position:
            continue
        while addresses and addresses[-1][1] <= start:
            addresses.pop()
        if addresses and addresses[-1][0] <= start:
            position = addresses.pop()[1]
            continue
        match = (digits if lower[start].isdigit() else words).match(lower, start)
        if match is None:
            continue
        end = match.end()
        family = match.lastgroup or ""
        if _capitalised(text, lower, start, end) and not _a_persons_name(
            text, lower, start, end, family
        ):
            yield Candidate(start, end, family)
            position = end
        else:
            position = start + 1


_LOOK_BACK_CHARS = 64
_LOOK_BACK_WORDS = 6  # the gate's three words, hyphenated words counted as two


@cache
def _anchor_finder() -> tuple[re.Pattern[bytes], frozenset[bytes]]:
    strong, weak = openers()
    anchor = rb" (?:\d|" + alternation(strong).encode() + rb"(?![a-z]))"
    return re.compile(anchor), frozenset(word.encode() for word in weak)


def _starts(lower: str) -> list[int]:
    """The positions where the grammar's gate can admit a match, in order: each anchor (a digit
    or a strong word) and each weak opener a few words before one.

    Why: trying the grammar at every word start costs more than all the rest of the tagger;
    anchors are about one word in twenty, and a cheap byte scan finds them.
    """
    finder, weak = _anchor_finder()
    words = word_bytes(lower)
    starts: list[int] = []
    floor = 0
    for match in finder.finditer(words):
        anchor = match.start()  # `words` has one leading space: this is the anchor in `lower`
        # The words after the last few spaces before the anchor, split off in one C call.
        before = words[max(floor, anchor - _LOOK_BACK_CHARS) : anchor]
        near = before.rsplit(b" ", _LOOK_BACK_WORDS)[1:]
        if not weak.isdisjoint(near):
            space = anchor - len(b" ".join(near)) - 1  # the space before near[0]
            for word in near:
                if word in weak:
                    starts.append(space)
                space += len(word) + 1
        starts.append(anchor)
        floor = anchor + 1
    return starts


# A capitalised word that a lower-case word or a punctuation mark follows: a surname in running
# text ("Kavan, who"), not a headline's next word ("Rains Kill").
_SURNAME_AFTER = re.compile(r" [A-Z][a-z'’-]+(?:[,;:.)]| [a-z])")


def _a_persons_name(text: str, lower: str, start: int, end: int, family: str) -> bool:
    """A month alone that is also a given name, before a surname: "Jan Kavan", "June Carter"."""
    return (
        family == "month" and lower[start:end] in _month_given_names()
        and _SURNAME_AFTER.match(text, end) is not None
    )


@cache
def _month_given_names() -> frozenset[str]:
    return frozenset(words("month_given_names"))


def _capitalised(text: str, lower: str, start: int, end: int) -> bool:
    return all(text[m.start()].isupper() for m in _case_checks().finditer(lower, start, end))
