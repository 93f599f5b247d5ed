"""Trigger words: the words that name a happening's type in a sentence ("shelling",
"ceasefire", "met"), read from `lexicon/event_types.csv` (CAMEO root codes, EM-DAT groups).

Why a module of its own: which words count, and where, is the lexicon's decision, apart from
how `events.py` binds a time to the nearest of them. "ended" and "withdrew" name a ceasefire,
"advanced", "fired" and "struck" an attack, only in a sentence about fighting
(`lexicon/fight_contexts.csv`): business, sport and daily life use them too. A trigger inside
an idiom names nothing ("a trade war", "a heart attack", "a conflict of interest":
`lexicon/trigger_idioms.csv`).
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
        Trigger(match.start() - sentence.start, match.end() - sentence.start, *_kind_of(match))
        for match in pattern.finditer(lower, sentence.start, sentence.end)
        if not _in_idiom(lower, match.start(), match.end())
    ]
    return _fight_words_in_fights_only(lower, sentence, found)


IDIOM_REACH = 30  # characters either side of a trigger that an idiom holding it may span


def _in_idiom(lower: str, start: int, end: int) -> bool:
    """Whether the trigger at `lower[start:end]` lies inside an idiom that names no happening."""
    return any(
        idiom.start() <= start and end <= idiom.end()
        for idiom in _idioms().finditer(lower, max(0, start - IDIOM_REACH), end + IDIOM_REACH)
    )


@cache
def _idioms() -> re.Pattern[str]:
    phrases = [row["phrase"] for row in table("trigger_idioms")]
    return re.compile(r"\b" + _alternatives(phrases).pattern)


def _fight_words_in_fights_only(
    lower: str, sentence: Sentence, found: list[Trigger]
) -> list[Trigger]:
    """The triggers without those that need fighting where there is none
    (`lexicon/fight_contexts.csv`): "ended" and "withdrew" in their sentence, "advanced",
    "fired" and "struck" in their document, "attacked" in a sentence about words."""
    contexts = _fight_contexts()

    def written(pattern: re.Pattern[str]) -> list[Trigger]:
        start = sentence.start
        return [t for t in found if pattern.fullmatch(lower, start + t.start, start + t.end)]

    in_sentence, in_story = written(contexts.sentence_words), written(contexts.story_words)
    in_words = (
        written(contexts.speech_words)
        if contexts.speech.search(lower, sentence.start, sentence.end) else []
    )
    if not in_sentence and not in_story and not in_words:
        return found
    doubtful = {*in_sentence, *in_story, *in_words}
    sure = [trigger for trigger in found if trigger not in doubtful]
    if any(trigger.event_type == "attack" for trigger in sure) or contexts.fight.search(
        lower, sentence.start, sentence.end
    ):
        return found
    if in_story and _story_of_fighting(lower):
        return [trigger for trigger in found if trigger not in {*in_sentence, *in_words}]
    return sure


class _FightContexts(NamedTuple):
    sentence_words: re.Pattern[str]  # triggers that need fighting in their sentence
    story_words: re.Pattern[str]  # triggers that need fighting in their document
    speech_words: re.Pattern[str]  # triggers that need fighting beside a word of speech
    fight: re.Pattern[str]  # the words of a fight besides the attack triggers
    speech: re.Pattern[str]  # the words of speech


@cache
def _fight_contexts() -> _FightContexts:
    """The context words and the military victim nouns make the words of a fight."""
    rows = table("fight_contexts")

    def role(name: str) -> list[str]:
        return [row["word"] for row in rows if row["role"] == name]

    fight = role("context") + [
        row["form"] for row in table("victim_nouns") if row["kind"] == "military"
    ]
    return _FightContexts(
        _alternatives(role("needs_fight_sentence")),
        _alternatives(role("needs_fight_story")),
        _alternatives(role("speech_sense")),
        re.compile(r"\b" + _alternatives(fight).pattern),
        re.compile(r"\b" + _alternatives(role("speech")).pattern),
    )


@lru_cache(maxsize=2)
def _story_of_fighting(lower: str) -> bool:
    """Whether the document tells of fighting anywhere: a word of a fight, or an attack trigger
    that needs none. Asked of each sentence with a doubtful trigger, read once per document."""
    contexts = _fight_contexts()
    if contexts.fight.search(lower):
        return True
    return any(
        _kind_of(match)[0] == "attack"
        and not contexts.story_words.fullmatch(lower, match.start(), match.end())
        and not _in_idiom(lower, match.start(), match.end())
        for match in _triggers()[0].finditer(lower)
    )


def _alternatives(words: list[str]) -> re.Pattern[str]:
    forms = sorted(map(_phrase_form, words), key=len, reverse=True)
    return re.compile("(?:" + "|".join(forms) + ")")


def _kind_of(match: re.Match[str]) -> tuple[str, int]:
    """The event type and penalty of a matched trigger, its spaces made one."""
    return _kind(" ".join(match.group().split()))


@lru_cache(maxsize=4096)
def _kind(word: str) -> tuple[str, int]:
    """The event type and penalty of a trigger as written ("shelled" by its stem "shell")."""
    by_word = _triggers()[1]
    return by_word.get(word) or next(
        (by_word[stem] for stem in _stems(word) if stem in by_word), ("other", 0)
    )


def _stems(word: str) -> list[str]:
    return [word[:cut] for cut in range(len(word) - 1, 2, -1)]
