"""Quotation structure that attribution reads: where quotes open and close, and quotes signed
with a dash.

Why: a quote of several sentences names its speaker once, where it closes ('"... . ... ," the
mayor said'), and a quote may be signed instead of introduced ("...” ― Ann Lee"). Marks are found
with `str.find`: Python's `re` tests a class of several characters at every position of the
text, a dozen times slower over a whole article.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import TypeVar

from corroborate.extract.sentences import Sentence

T = TypeVar("T")

_QUOTE_MARKS = '“”"'
_LOOKAHEAD_SENTENCES = 4  # sentences a quote may run before the one that names its speaker
# A quote signed with a dash ("...” ― Ann Lee"): the speaker stands after the dash.
_SIGNED_QUOTE = re.compile(r"[”\"]\s*([―—])\s*(?=[A-Z])")
_SIGNING_DASHES = "―—"


def signed_quotes(text: str) -> list[re.Match[str]]:
    """The quotes signed with a dash, in order: `_SIGNED_QUOTE` tried only at the quotation
    mark before each dash, where it can match. The dashes are found with `str.find`, as
    `_quote_marks` finds its marks: `finditer` would test its class at every character."""
    found = []
    for dash in _SIGNING_DASHES:
        at = text.find(dash)
        while at >= 0:
            mark = at - 1
            while mark > 0 and text[mark].isspace():
                mark -= 1
            signed = _SIGNED_QUOTE.match(text, mark)
            if signed is not None:
                found.append(signed)
            at = text.find(dash, at + 1)
    found.sort(key=lambda signed: signed.start())
    return found


def extend_over_quotes(
    text: str, sentences: Sequence[Sentence], result: list[tuple[T, ...]]
) -> None:
    """Sentences inside a quote that closes later take the speaker named at its close."""
    marks = _quote_marks(text)
    if not marks:
        return
    inside = False
    pending: list[int] = []
    next_mark = 0
    for index, sentence in enumerate(sentences):
        while next_mark < len(marks) and marks[next_mark][0] < sentence.end:
            char = marks[next_mark][1]
            inside = char == "“" or (char == '"' and not inside)
            next_mark += 1
        if inside:
            pending = [*pending, index][-_LOOKAHEAD_SENTENCES:]
            continue
        if result[index]:
            for earlier in pending:
                if not result[earlier]:
                    result[earlier] = result[index][:1]
        pending = []


def _quote_marks(text: str) -> list[tuple[int, str]]:
    """(offset, mark) of every quotation mark, in order. One `str.find` scan per mark: Python's
    `re` tests a class of several characters at every position of the text, a dozen times
    slower over a whole article."""
    marks = []
    for mark in _QUOTE_MARKS:
        at = text.find(mark)
        while at >= 0:
            marks.append((at, mark))
            at = text.find(mark, at + 1)
    marks.sort()
    return marks
