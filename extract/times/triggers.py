"""Trigger words: the words that name a happening's type in a sentence ("shelling",
"ceasefire", "met"), read from `lexicon/event_types.csv` (CAMEO root codes, EM-DAT groups).

Why a module of its own: which words count, and where, is the lexicon's decision, apart from
how `events.py` binds a time to the nearest of them. "ended", "withdrew" and the like name a
ceasefire only in a sentence about fighting (`lexicon/ceasefire_contexts.csv`).
"""

from __future__ import annotations

import re
from functools import cache, lru_cache
from typing import NamedTuple

from corroborate.extract.lexicon import table
from corroborate.extract.sentences import Sentence


class Trigger(NamedTuple):
    """A named tuple: a document has dozens of triggers, and a tuple is the cheapest record."""

    start: int
    end: int
    event_type: str
    penalty: int


@cache
def lowest_penalty() -> int:
    return min(0, *(int(row["penalty"]) for row in table("event_types")))


@cache
def _triggers() -> tuple[re.Pattern[str], dict[str, tuple[str, int]]]:
    """One regex over every trigger word (grouped by first letter, for speed), and the word's
    event type and penalty."""
    by_word: dict[str, tuple[str, int]] = {}
    by_letter: dict[str, list[str]] = {}
    for row in table("event_types"):
        for word in filter(None, row["triggers"].split("|")):
            stem = word.rstrip("*")
            by_word.setdefault(stem, (row["event_type"], int(row["penalty"])))
            by_letter.setdefault(stem[0], []).append(_phrase_form(word)[1:])
    groups = [
        re.escape(letter) + "(?:" + "|".join(sorted(forms, key=len, reverse=True)) + ")"
        for letter, forms in sorted(by_letter.items())
    ]
    return re.compile(r"\b(?:" + "|".join(groups) + ")"), by_word


def _phrase_form(word: str) -> str:
    """A lexicon phrase as a regex: any space between its words, a trailing * any ending."""
    form = re.escape(word.rstrip("*")).replace(r"\ ", r"\s+")
    return form + (r"[\w-]*" if word.endswith("*") else r"(?![\w-])")


def find_triggers(lower: str, sentence: Sentence) -> list[Trigger]:
    """The trigger words of a sentence, with offsets into the sentence."""
    pattern, _ = _triggers()
    found = [
        Trigger(
            match.start() - sentence.start,
            match.end() - sentence.start,
            *_kind(" ".join(match.group().split())),
        )
        for match in pattern.finditer(lower, sentence.start, sentence.end)
    ]
    return _endings_of_fighting_only(lower, sentence, found)


def _endings_of_fighting_only(
    lower: str, sentence: Sentence, found: list[Trigger]
) -> list[Trigger]:
    """The triggers without "ended", "withdrew" and the like when the sentence is not about
    fighting: no attack trigger, no fighter, no "forces" (`lexicon/ceasefire_contexts.csv`)."""
    needs_context, context = _ceasefire_contexts()
    endings = [
        trigger for trigger in found
        if trigger.event_type == "ceasefire" and needs_context.fullmatch(
            lower, sentence.start + trigger.start, sentence.start + trigger.end
        )
    ]
    if not endings or any(trigger.event_type == "attack" for trigger in found):
        return found
    if context.search(lower, sentence.start, sentence.end):
        return found
    return [trigger for trigger in found if trigger not in endings]


@cache
def _ceasefire_contexts() -> tuple[re.Pattern[str], re.Pattern[str]]:
    """The ceasefire triggers that need a fight around them, and the words of a fight besides
    the attack triggers: the context words and the military victim nouns."""
    rows = table("ceasefire_contexts")
    needs = [row["word"] for row in rows if row["role"] == "needs_context"]
    context = [row["word"] for row in rows if row["role"] == "context"]
    context += [row["form"] for row in table("victim_nouns") if row["kind"] == "military"]
    return _alternatives(needs), re.compile(r"\b" + _alternatives(context).pattern)


def _alternatives(words: list[str]) -> re.Pattern[str]:
    forms = sorted(map(_phrase_form, words), key=len, reverse=True)
    return re.compile("(?:" + "|".join(forms) + ")")


@lru_cache(maxsize=4096)
def _kind(word: str) -> tuple[str, int]:
    """The event type and penalty of a trigger as written ("shelled" by its stem "shell")."""
    by_word = _triggers()[1]
    return by_word.get(word) or next(
        (by_word[stem] for stem in _stems(word) if stem in by_word), ("other", 0)
    )


def _stems(word: str) -> list[str]:
    return [word[:cut] for cut in range(len(word) - 1, 2, -1)]
