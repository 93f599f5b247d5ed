"""The noun phrase that names a speaker, read around its reporting verb.

Why: whoever said something is named by the noun phrase that is the verb's subject ("Ann Lee
(pictured) said", "the mayor said", "half of those polled said", "a source said") or, after
"according to" and in inverted reporting ('"...," said the ministry'), the phrase after it.
Without a parser, the phrase is read token by token: capitalised words, numbers and the words of
`lexicon/speaker_phrase_words.csv` (determiners open it, connectors join its parts, boundary
words end it); lower-case words belong to it only after a determiner ("the striking workers"), or
as one bare plural ("experts say"). A parenthesis ("(pictured)") and an appositive between commas
("Ann Lee, a senator from Oregon, said") are stepped over to the name before them.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache, lru_cache
from typing import NamedTuple

from extract.countries import find_countries
from extract.lexicon import table, words

_TOKEN = re.compile(r"[\w][\w'’.-]*|[^\w\s]")
_POSSESSIVE_ENDS = ("'", "’", "'s", "’s")
_QUOTE_BEFORE = re.compile(r"[\"”’'][\s,]*$|,\s*[\"”’']\s*$")
_SOURCE_OPENER = re.compile(
    r"\s*(?:an?|the)\s+(?:statement|report|tally|count|toll)\s+(?:by|from|of|issued\s+by)\s+",
    re.IGNORECASE,
)
_NEXT_WORD = re.compile(r"\s*([\w'’]+|[\"“'‘\d])")
_PHRASE_END = '.,;:!?"”’)—–'  # what may follow the source named after an inverted verb
_LEADING_WORDS = frozenset({"the", "a", "an"})  # not part of a name: "the ministry" is "ministry"
_AGENT_SUFFIXES = (
    *(
        stem + plural
        for stem in ("er", "or", "ist", "ian", "ant", "ent", "man", "person")
        for plural in ("", "s")
    ),
    "men",
    "people",
)
MAX_TOKENS = 10  # a speaker's phrase, appositives aside ("the head of the regional health office")
SUBJECT_REACH = 160  # characters before a reporting verb where its subject may start


class Mention(NamedTuple):
    start: int
    end: int
    kind: str  # named, generic ("the ministry"), pronoun ("it")


@dataclass(frozen=True)
class _Words:
    fillers: frozenset[str]
    openers: frozenset[str]
    pronouns: frozenset[str]
    determiners: frozenset[str]
    connectors: frozenset[str]
    boundaries: frozenset[str]
    heads: frozenset[str]
    leading: frozenset[str]  # words a phrase never opens with: articles, openers, connectors
    report_openers: frozenset[str]  # words that open what a verb reports ("that", "to", "the")


@cache
def _words() -> _Words:
    roles: dict[str, set[str]] = {}
    for row in table("speaker_phrase_words"):
        roles.setdefault(row["role"], set()).add(row["word"])
    return _Words(
        fillers=frozenset(words("reporting_fillers")),
        openers=frozenset(words("sentence_openers")),
        pronouns=frozenset(words("speaker_pronouns")),
        determiners=frozenset(roles["determiner"]),
        connectors=frozenset(roles["connector"]),
        boundaries=frozenset(roles["boundary"]),
        heads=frozenset(words("speaker_heads")),
        leading=frozenset({*_LEADING_WORDS, *words("sentence_openers"), *roles["connector"]}),
        report_openers=frozenset(
            {*roles["report_opener"], *roles["determiner"], *words("speaker_pronouns")}
        ),
    )


def speaker_heads() -> frozenset[str]:
    """The nouns of `lexicon/speaker_heads.txt`: institutions, offices, roles."""
    return _words().heads


def opens_report(text: str, start: int, end: int) -> bool:
    """Whether the words after a reporting verb open what it reports ("that", "to", a pronoun,
    a determiner, a name, a number, a quote)."""
    following = _NEXT_WORD.match(text, start, end)
    if following is None:
        return False
    word = following.group(1)
    return not word[0].isalpha() or word[0].isupper() or word.lower() in _words().report_openers


def subject_before(text: str, start: int, cue_start: int) -> Mention | None:
    """The subject of the reporting verb at `cue_start`, fillers between them skipped
    ("Lima has also said", "Russia on Tuesday said"); `start` bounds the search. The phrase is
    read on the tokens' words; only its own tokens get offsets, once it is found."""
    found = _words()
    tokens = _TOKEN.findall(text, max(start, cue_start - SUBJECT_REACH), cue_start)
    i = len(tokens) - 1
    while i >= 0 and _is_filler(tokens[i]):
        i -= 1
    if i < 0:
        return None
    if tokens[i].lower() in found.pronouns:
        at = _starts_back(text, cue_start, tokens, i)[0]
        return Mention(at, at + len(tokens[i]), "pronoun")
    i = _before_asides(tokens, i)
    if i < 0 or not _inside(tokens[i]):  # "and said": the subject is further back
        return None
    first = i
    while first > 0 and i - first < MAX_TOKENS and _inside(tokens[first - 1]):
        first -= 1
    span = _opened(tuple(tokens[first : i + 1]))
    if span is None:
        return None
    return _as_mention(span, tokens[first:], _starts_back(text, cue_start, tokens, first))


def _starts_back(text: str, end: int, tokens: list[str], first: int) -> list[int]:
    """The offsets of tokens[first:], the tokens that end at `end`. Only whitespace stands
    between two tokens (they cover every other character), so each token is the last
    occurrence of its word before the one after it: `str.rfind` finds it in C."""
    starts = []
    at = end
    for word in reversed(tokens[first:]):
        at = text.rfind(word, 0, at)
        starts.append(at)
    starts.reverse()
    return starts


@lru_cache(maxsize=4096)
def _is_filler(word: str) -> bool:
    """A word between a subject and its verb: "has also", "on Tuesday", an adverb in "-ly".
    Cached, as the few other tests of a single word below: the same words recur at every verb."""
    return word.lower() in _words().fillers or (word.islower() and word.endswith("ly"))


def _before_asides(tokens: list[str], i: int) -> int:
    """The index of the last token of the name before a parenthesis or an appositive that ends
    at tokens[i] ("Ann Lee (pictured)", "Ann Lee, a senator,"); i itself otherwise."""
    while i >= 0 and tokens[i] in (")", ","):
        opening = "(" if tokens[i] == ")" else ","
        j = i - 1
        while j >= 0 and tokens[j] != opening and i - j <= 3 * MAX_TOKENS:
            j -= 1
        if j < 0 or tokens[j] != opening:
            return -1
        i = j - 1
    return i


@lru_cache(maxsize=4096)
def _inside(word: str) -> bool:
    """Whether a token may stand inside a speaker's phrase."""
    found = _words()
    low = word.lower()
    if low in found.boundaries or low in found.pronouns:
        return False
    return word[0].isalnum() or low in ("'s", "’s", "&")


class _Span(NamedTuple):
    """A speaker's phrase as tokens[first:stop] of the tokens it was read from."""

    first: int
    stop: int
    kind: str  # named or generic


@lru_cache(maxsize=4096)
def _opened(tokens: tuple[str, ...]) -> _Span | None:
    """The phrase within `tokens` (the run before a verb) that opens where a name, a number or
    a determiner does, with only connectors and its own words after; else a bare plural.
    Cached: a document names its speakers again and again ("the ministry", "Lee")."""
    found = _words()
    last = tokens[-1]
    if last.lower() in found.determiners:  # "his [plans]": the cue was a noun
        return None
    if not any(word[0].isupper() for word in tokens) and not _speaks(last, found):
        return None  # "the storm [claimed] 40 lives": no one speaks
    for k in range(_earliest(tokens, found), len(tokens)):
        word = tokens[k]
        low = word.lower()
        if low in found.openers or low in found.connectors:
            continue
        if word[0].isupper() or word[0].isdigit() or low in found.determiners:
            return _trimmed(tokens, _name_after_words(tokens, k, found), found)
    if last.islower() and last.endswith("s") and len(last) > 3:  # "experts say"
        return _trimmed(tokens, len(tokens) - 1, found)
    return None


def _speaks(head: str, found: _Words) -> bool:
    """Whether an unnamed phrase with this head noun can be a speaker: an agent noun ("the
    narrator", "analysts"), or a noun of `lexicon/speaker_heads.txt` ("a source", "the report")."""
    low = head.lower().replace("’", "'").removesuffix("'s")
    return low in found.heads or low.endswith(_AGENT_SUFFIXES)


def _name_after_words(tokens: tuple[str, ...], k: int, found: _Words) -> int:
    """Where the phrase opening at k starts: at a name that follows its lower-case words, for
    they are an opening phrase of the clause ("During the hearing Lee said")."""
    for m in range(len(tokens) - 1, k, -1):
        before = tokens[m - 1]
        if (
            tokens[m][0].isupper()
            and before.islower()
            and before not in found.connectors
            and before not in found.determiners
        ):
            return m
    return k


def _earliest(tokens: tuple[str, ...], found: _Words) -> int:
    """Where the phrase may open at the earliest: at the last word that cannot be inside it."""
    for m in range(len(tokens) - 1, 0, -1):
        if not _belongs(tokens[m], tokens[m - 1], found):
            return m
    return 0


def _belongs(word: str, before: str, found: _Words) -> bool:
    """A lower-case participle belongs to a phrase only right after a determiner ("the armed
    forces", "a leading expert"): after a name it is the verb ("Rebels attacked military")."""
    if not word.islower() or not word.endswith(("ed", "ing")):
        return True
    return before.lower() in found.determiners


def phrase_after(text: str, start: int, end: int) -> Mention | None:
    """The phrase that starts right after "according to" or an inverted "said"."""
    found = _words()
    tokens: list[str] = []
    starts: list[int] = []
    for token in _TOKEN.finditer(text, start, end):
        word = token.group()
        if not tokens and word.lower() in found.pronouns:
            return Mention(token.start(), token.end(), "pronoun")
        if len(tokens) == MAX_TOKENS or not _inside(word):
            break
        if tokens and not _belongs(word, tokens[-1], found):
            break
        tokens.append(word)
        starts.append(token.start())
    span = _opened(tuple(tokens)) if tokens else None
    return None if span is None else _as_mention(span, tokens, starts)


def source_after_according(text: str, cue_end: int, end: int) -> Mention | None:
    """ "according to X", "according to a statement by X": X."""
    opener = _SOURCE_OPENER.match(text, cue_end, end)
    return phrase_after(text, opener.end() if opener else cue_end, end)


def is_inverted(text: str, sentence_start: int, cue_start: int, cue_end: int, end: int) -> bool:
    """Whether the speaker follows its verb: after a quote ('"...," said X'), at the start of
    a sentence ("Said the minister: ..."), or after a comma when a name closes the clause
    ("... this week, said Ann Lee, a senator")."""
    if cue_start == sentence_start:
        return True
    before = text[max(sentence_start, cue_start - 3) : cue_start].rstrip()
    if before[-1:].isalnum():  # "the ministry said", as most are: no quote, no comma
        return False
    if _QUOTE_BEFORE.search(before):
        return True
    if not before.endswith(","):
        return False
    mention = phrase_after(text, cue_end, end)
    if mention is None or mention.kind == "pronoun":
        return False
    rest = text[mention.end : end].lstrip()
    return not rest or rest[0] in _PHRASE_END


def _trimmed(tokens: tuple[str, ...], first: int, found: _Words) -> _Span | None:
    """tokens[first:] without openers, articles and dangling connectors; None when nothing
    nameable is left."""
    stop = len(tokens)
    while first < stop and tokens[first].lower() in found.leading:
        first += 1
    while first < stop and tokens[stop - 1].lower() in found.connectors:
        stop -= 1
    if first == stop:
        return None
    last = tokens[stop - 1]
    if last.endswith(_POSSESSIVE_ENDS) or (stop - first == 1 and _is_adjective(last)):
        return None  # "Peru's claims", "Chilean claims"
    named = any(
        word[0].isupper() and word.lower() not in found.determiners for word in tokens[first:stop]
    )
    return _Span(first, stop, "named" if named else "generic")


def _as_mention(span: _Span, tokens: Sequence[str], starts: Sequence[int]) -> Mention:
    """The mention of a phrase read on `tokens`, whose offsets are `starts`."""
    last = tokens[span.stop - 1]
    end = starts[span.stop - 1] + len(last)
    if last.endswith(".") and last.count(".") == 1:  # the sentence's full stop, not "U.S."
        end -= 1
    return Mention(starts[span.first], end, span.kind)


@lru_cache(maxsize=1024)
def _is_adjective(word: str) -> bool:
    """A singular demonym ("Chilean") modifies a noun; alone, it cannot be a speaker."""
    mentions = find_countries(word)
    return bool(mentions) and mentions[0].kind == "demonym" and not word.endswith("s")
