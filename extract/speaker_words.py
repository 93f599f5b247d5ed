"""The word classes a speaker's phrase is read with, from the lexicon.

Why: reading a phrase back from "said" asks the same few questions of every word (may it stand
inside a name, is it a filler between subject and verb, can its noun speak); the answers come
from `lexicon/speaker_phrase_words.csv` and the word lists beside it, and are cached per word,
since the same words recur at every verb.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache, lru_cache

from corroborate.extract.countries import find_countries
from corroborate.extract.lexicon import table, words
from corroborate.extract.sentences import abbreviations

# Not part of a name: "the ministry" is "ministry", "both Peru and Chile" names Peru and Chile.
_LEADING_WORDS = frozenset({"the", "a", "an", "both", "either", "neither"})
_AGENT_SUFFIXES = (
    *(
        stem + plural
        for stem in ("er", "or", "ist", "ian", "ant", "ent", "man", "person")
        for plural in ("", "s")
    ),
    "men",
    "people",
)


@dataclass(frozen=True)
class SpeakerWords:
    fillers: frozenset[str]
    openers: frozenset[str]
    pronouns: frozenset[str]
    determiners: frozenset[str]
    connectors: frozenset[str]
    boundaries: frozenset[str]
    adjuncts: frozenset[str]  # open a phrase of how or when: "on Twitter", "via a statement"
    dates: frozenset[str]  # month and weekday names: "In August, ... said" names no speaker
    weekdays: frozenset[str]  # the weekday names among `dates`: never a given name
    heads: frozenset[str]
    titles: frozenset[str]  # a person's one-word titles: "envoy", "minister", "head"
    leading: frozenset[str]  # words a phrase never opens with: articles, openers, connectors
    report_openers: frozenset[str]  # words that open what a verb reports ("that", "to", "the")


@cache
def speaker_words() -> SpeakerWords:
    roles: dict[str, set[str]] = {}
    for row in table("speaker_phrase_words"):
        roles.setdefault(row["role"], set()).add(row["word"])
    # Full names only: "Sun" and "May" may be names too.
    months, weekdays = (
        frozenset(row["word"] for row in table(name) if len(row["word"]) > 3)
        for name in ("months", "weekdays")
    )
    return SpeakerWords(
        fillers=frozenset(words("reporting_fillers")),
        openers=frozenset(words("sentence_openers")),
        pronouns=frozenset(words("speaker_pronouns")),
        determiners=frozenset(roles["determiner"]),
        connectors=frozenset(roles["connector"]),
        boundaries=frozenset(roles["boundary"]),
        adjuncts=frozenset(roles["adjunct"]),
        dates=months | weekdays,
        weekdays=weekdays,
        heads=frozenset(words("speaker_heads")),
        titles=frozenset(title.lower() for title in words("person_titles") if " " not in title),
        leading=frozenset({*_LEADING_WORDS, *words("sentence_openers"), *roles["connector"]}),
        report_openers=frozenset(
            {*roles["report_opener"], *roles["determiner"], *words("speaker_pronouns")}
        ),
    )


def speaker_heads() -> frozenset[str]:
    """The nouns of `lexicon/speaker_heads.txt`: institutions, offices, roles."""
    return speaker_words().heads


@lru_cache(maxsize=4096)
def is_filler(word: str) -> bool:
    """A word between a subject and its verb: "has also", "on Tuesday", an adverb in "-ly".
    Cached, as the few other tests of a single word below: the same words recur at every verb."""
    found = speaker_words()
    low = word.lower()
    return low in found.fillers or (
        word.islower() and word.endswith("ly") and low not in found.heads  # not "family"
    )


@lru_cache(maxsize=4096)
def inside(word: str) -> bool:
    """Whether a token may stand inside a speaker's phrase."""
    found = speaker_words()
    low = word.lower()
    if low in found.boundaries or low in found.pronouns:
        return False
    return word[0].isalnum() or low in ("'s", "’s", "&")


def speaks(head: str, found: SpeakerWords) -> bool:
    """Whether an unnamed phrase with this head noun can be a speaker: an agent noun ("the
    narrator", "analysts"), or a noun of `lexicon/speaker_heads.txt` ("a source", "the report")."""
    low = head.lower().replace("’", "'").removesuffix("'s")
    return low in found.heads or low.endswith(_AGENT_SUFFIXES)


def ends_sentence(word: str) -> bool:
    """A word followed by the sentence's full stop ("chief."), not an abbreviation ("U.S.",
    "Mr.", `lexicon/abbreviations.txt`) nor an initial ("J.")."""
    return (
        word.endswith(".") and word.count(".") == 1 and len(word) > 2
        and word[:-1].lower() not in abbreviations()
    )


@lru_cache(maxsize=1024)
def is_adjective(word: str) -> bool:
    """A singular demonym ("Chilean") modifies a noun; alone, it cannot be a speaker."""
    mentions = find_countries(word)
    return bool(mentions) and mentions[0].kind == "demonym" and not word.endswith("s")
