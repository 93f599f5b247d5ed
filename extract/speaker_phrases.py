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
from functools import lru_cache
from typing import NamedTuple

from corroborate.extract.places import LOCATIVES
from corroborate.extract.speaker_words import (
    SpeakerWords,
    ends_sentence,
    inside,
    is_adjective,
    is_filler,
    speaker_words,
    speaks,
)

_TOKEN = re.compile(r"[\w][\w'’.-]*|[^\w\s]")
_POSSESSIVE_ENDS = ("'", "’", "'s", "’s")
_QUOTE_BEFORE = re.compile(r"[\"”’'][\s,]*$|,\s*[\"”’']\s*$")
# "X and [the] Y said": "and", and the lower-case words that open the second subject.
_AND_BEFORE = re.compile(r",?\s+and\s+(?:[a-z]+\s+){0,2}$")
_SOURCE_OPENER = re.compile(
    r"\s*(?:an?|the)\s+(?:statement|report|tally|count|toll)\s+(?:by|from|of|issued\s+by)\s+",
    re.IGNORECASE,
)
_NEXT_WORD = re.compile(r"\s*([\w'’]+|[\"“'‘\d])")
_PHRASE_END = '.,;:!?"”’)—–'  # what may follow the source named after an inverted verb
MAX_TOKENS = 10  # a speaker's phrase, appositives aside ("the head of the regional health office")
SUBJECT_REACH = 160  # characters before a reporting verb where its subject may start
ADJUNCT_REACH = 4  # words an adjunct runs to: "on Twitter", "during a visit to Lima"


class Mention(NamedTuple):
    start: int
    end: int
    kind: str  # named, generic ("the ministry"), pronoun ("it")


def opens_report(text: str, start: int, end: int) -> bool:
    """Whether the words after a reporting verb open what it reports ("that", "to", a pronoun,
    a determiner, a name, a number, a quote)."""
    following = _NEXT_WORD.match(text, start, end)
    if following is None:
        return False
    word = following.group(1)
    openers = speaker_words().report_openers
    return not word[0].isalpha() or word[0].isupper() or word.lower() in openers


def subject_before(text: str, start: int, cue_start: int) -> Mention | None:
    """The subject of the reporting verb at `cue_start`, fillers between them skipped
    ("Lima has also said", "Russia on Tuesday said"); `start` bounds the search. The phrase is
    read on the tokens' words; only its own tokens get offsets, once it is found."""
    found = speaker_words()
    tokens = _TOKEN.findall(text, max(start, cue_start - SUBJECT_REACH), cue_start)
    i = _before_fillers(tokens, len(tokens) - 1)
    i = _before_fillers(tokens, _before_adjunct(tokens, i, found))
    if i < 0:
        return None
    if tokens[i].lower() in found.pronouns:
        at = _starts_back(text, cue_start, tokens, i)[0]
        return Mention(at, at + len(tokens[i]), "pronoun")
    i = _before_asides(tokens, i)
    if i < 0 or not _inside_at(tokens, i):  # "and said": the subject is further back
        return None
    first = i
    while first > 0 and i - first < MAX_TOKENS and _inside_at(tokens, first - 1):
        first -= 1
    span = _opened(tuple(tokens[first : i + 1]))
    if span is None:
        return None
    return _as_mention(span, tokens[first:], _starts_back(text, cue_start, tokens, first))


def coordinated_subject(text: str, start: int, mention: Mention) -> Mention | None:
    """The first of two joined subjects ("the police and the coroner said"): the phrase before
    "and", when it can speak on its own (it ends in a name or an agent noun)."""
    joined = _AND_BEFORE.search(text, start, mention.start)
    if joined is None:
        return None
    first = subject_before(text, start, joined.start())
    if first is None or first.kind == "pronoun":
        return None
    head = text[first.start : first.end].split()[-1]
    return first if head[0].isupper() or speaks(head, speaker_words()) else None


def _before_fillers(tokens: list[str], i: int) -> int:
    """Skip the fillers that end at tokens[i], but not a capitalised one that ends a name
    ("Theresa May said": "may" is a filler, "May" after a name is not)."""
    while i >= 0 and is_filler(tokens[i]) and not _ends_name(tokens, i):
        i -= 1
    return i


def _ends_name(tokens: list[str], i: int) -> bool:
    return (
        i > 0 and tokens[i][0].isupper() and tokens[i - 1][0].isupper()
        and not is_filler(tokens[i - 1])
    )


def _before_adjunct(tokens: list[str], i: int, found: SpeakerWords) -> int:
    """The index before an adjunct that ends at tokens[i] ("the senator on Twitter", "the mayor
    during a visit", "a poll released Friday"); i itself otherwise."""
    if i < 0 or not tokens[i][0].isalnum():  # "Lee, at the scene on Monday, said": an aside
        return i
    for p in range(i, max(-1, i - 1 - ADJUNCT_REACH), -1):
        low = tokens[p].lower()
        if low in found.adjuncts:
            return p - 1
        if not tokens[p][0].isalnum() or low in found.boundaries:
            break
    return i


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
        i = _before_appositives(tokens, j - 1)
    return i


def _before_appositives(tokens: list[str], i: int) -> int:
    """Past the appositives that open with a lower-case word after a name and end at tokens[i]
    ("Ann Lee, the mayor of Lima, a city of ten million, said": "Lee")."""
    found = speaker_words()
    while True:
        k = i
        while k > 0 and tokens[k] != "," and i - k <= 2 * MAX_TOKENS:
            k -= 1
        if k <= 0 or tokens[k] != "," or not tokens[k + 1][0].islower():
            return i
        first = k - 1
        while first > 0 and tokens[first - 1][0].isupper():
            first -= 1
        opener = tokens[first].lower()
        if not tokens[k - 1][0].isupper() or opener in found.connectors or opener in found.adjuncts:
            return i  # "In Paris, the minister, ...": a place, not a name
        i = k - 1


def _inside_at(tokens: list[str], i: int) -> bool:
    """Whether tokens[i] may stand inside a speaker's phrase: a word that ends a phrase in
    lower case may go on a name in capitals ("Theresa May", "Will Smith")."""
    return inside(tokens[i]) or (
        tokens[i][0].isupper() and i > 0 and tokens[i - 1][0].isupper() and inside(tokens[i - 1])
    )


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
    found = speaker_words()
    last = tokens[-1]
    if last.lower() in found.determiners:  # "his [plans]": the cue was a noun
        return None
    earliest = _earliest(tokens, found)
    heads = [k for k in range(earliest, len(tokens) - 1) if _heads_complement(tokens, k, found)]
    if not any(word[0].isupper() for word in tokens) and not speaks(last, found) and not heads:
        return None  # "the storm [claimed] 40 lives": no one speaks
    for k in range(earliest, len(tokens)):
        word = tokens[k]
        low = word.lower()
        if low in found.openers or low in found.connectors:
            continue
        if word[0].isupper() or word[0].isdigit() or low in found.determiners or k in heads:
            return _trimmed(tokens, _name_after_words(tokens, k, found), found)
    if last.islower() and last.endswith("s") and len(last) > 3:  # "experts say"
        return _trimmed(tokens, len(tokens) - 1, found)
    return None


def _heads_complement(tokens: tuple[str, ...], k: int, found: SpeakerWords) -> bool:
    """A speaker noun without a determiner that a connector's phrase completes ("attorneys for
    the family", "officials in the province"): the phrase opens at the noun."""
    word = tokens[k]
    return (
        word.isalpha() and word.islower() and tokens[k + 1].lower() in found.connectors
        and (speaks(word, found) or (word.endswith("s") and len(word) > 3))
    )


def _name_after_words(tokens: tuple[str, ...], k: int, found: SpeakerWords) -> int:
    """Where the phrase opening at k starts: at a name that follows its lower-case words, for
    they are an opening phrase of the clause ("During the hearing Lee said"); or at a "the"
    right after another word, for no phrase runs on into "the" but through a connector: where
    a text has lost its commas, "killed 24 people the Syrian Observatory said" and "in Aleppo
    Saturday the observatory said" are the observatory's ("the head of the office" is one,
    and so is a name with its title after it: "Jan Egeland the UN envoy said")."""
    for m in range(len(tokens) - 1, k, -1):
        before = tokens[m - 1]
        if before in found.connectors or before.lower() in found.determiners:
            continue
        if tokens[m][0].isupper() and before.islower():
            return m
        # A locative reaches over "the" as a connector does: "a man outside the store".
        if tokens[m] == "the" and before[0].isalnum() and before not in LOCATIVES and not (
            before[0].isupper() and _titles(tokens[m + 1 :], found)
        ):
            return m
    return k


def _titles(tokens: tuple[str, ...], found: SpeakerWords) -> bool:
    """Whether a phrase is a person's title ("the UN special envoy for Syria", "the head of
    SOHR"): its head noun, before any connector, is one (`lexicon/person_titles.txt`)."""
    head = next((i for i, token in enumerate(tokens) if token in found.connectors), len(tokens))
    return head > 0 and tokens[head - 1].lower() in found.titles


def _earliest(tokens: tuple[str, ...], found: SpeakerWords) -> int:
    """Where the phrase may open at the earliest: at the last word that cannot be inside it."""
    for m in range(len(tokens) - 1, 0, -1):
        if not _belongs(tokens[m], tokens[m - 1], found):
            return m
    return 0


def _belongs(word: str, before: str, found: SpeakerWords) -> bool:
    """A lower-case participle belongs to a phrase only right after a determiner ("the armed
    forces", "a leading expert"): after a name it is the verb ("Rebels attacked military")."""
    if not word.islower() or not word.endswith(("ed", "ing")):
        return True
    return before.lower() in found.determiners


def phrase_after(text: str, start: int, end: int) -> Mention | None:
    """The phrase that starts right after "according to" or an inverted "said"."""
    found = speaker_words()
    tokens: list[str] = []
    starts: list[int] = []
    for token in _TOKEN.finditer(text, start, end):
        word = token.group()
        if not tokens and word.lower() in found.pronouns:
            return Mention(token.start(), token.end(), "pronoun")
        if len(tokens) == MAX_TOKENS or not inside(word) or word.lower() in found.adjuncts:
            break
        if tokens and not _belongs(word, tokens[-1], found):
            break
        closes = ends_sentence(word)
        tokens.append(word[:-1] if closes else word)
        starts.append(token.start())
        if closes:  # '..." said the fire chief.': the phrase ends with its sentence
            break
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


def _trimmed(tokens: tuple[str, ...], first: int, found: SpeakerWords) -> _Span | None:
    """tokens[first:] without openers, articles and dangling connectors; None when nothing
    nameable is left."""
    stop = len(tokens)
    while first < stop and tokens[first].lower() in found.leading:
        first += 1
    first = _after_leading_date(tokens, first, found)
    while first < stop and tokens[stop - 1].lower() in found.connectors:
        stop -= 1
    if first == stop:
        return None
    last = tokens[stop - 1]
    if last.endswith(_POSSESSIVE_ENDS) or (stop - first == 1 and is_adjective(last)):
        return None  # "Peru's claims", "Chilean claims"
    if stop - first == 1 and last.lower() in found.dates:
        return None  # "In August, [the board] said": a date speaks for no one
    named = any(
        word[0].isupper() and word.lower() not in found.determiners for word in tokens[first:stop]
    )
    return _Span(first, stop, "named" if named else "generic")


def _after_leading_date(tokens: tuple[str, ...], first: int, found: SpeakerWords) -> int:
    """Where the phrase starts past a date that opens it, with its day and year numbers and the
    articles after it ("on Wednesday state media said", "August 9 2016 The United Nations said",
    their commas lost): when it was said, not who said it. A phrase that is nothing but
    the date stays for `_trimmed` to refuse."""
    at = first
    if at + 1 >= len(tokens) or tokens[at].lower() not in found.dates:
        return first
    following = tokens[at + 1]
    if not (
        tokens[at].lower() in found.weekdays
        or following.isdigit()
        or following.lower() in found.leading
    ):
        return first  # a month may be a given name: "June Carter said"
    at += 1
    while at < len(tokens) and tokens[at].isdigit():
        at += 1
    while at < len(tokens) and tokens[at].lower() in found.leading:
        at += 1
    return at if at < len(tokens) else first


def _as_mention(span: _Span, tokens: Sequence[str], starts: Sequence[int]) -> Mention:
    """The mention of a phrase read on `tokens`, whose offsets are `starts`."""
    last = tokens[span.stop - 1]
    end = starts[span.stop - 1] + len(last) - ends_sentence(last)
    return Mention(starts[span.first], end, span.kind)
