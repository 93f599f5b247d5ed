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
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache
from typing import NamedTuple

from extract.countries import find_countries
from extract.lexicon import table, words

_TOKEN = re.compile(r"[\w][\w'’.-]*|[^\w\s]")
_POSSESSIVE_END = re.compile(r"['’]s?$")
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


class Token(NamedTuple):
    start: int
    end: int
    word: str


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


def _tokens(text: str, start: int, end: int) -> Iterator[Token]:
    return (Token(m.start(), m.end(), m.group()) for m in _TOKEN.finditer(text, start, end))


def subject_before(text: str, start: int, cue_start: int) -> Mention | None:
    """The subject of the reporting verb at `cue_start`, fillers between them skipped
    ("Lima has also said", "Russia on Tuesday said"); `start` bounds the search. Only the
    tokens of the phrase get offsets, counted back from the verb: the tokens cover every
    character but whitespace, so their offsets follow from their lengths."""
    found = _words()
    tokens = _TOKEN.findall(text, max(start, cue_start - SUBJECT_REACH), cue_start)
    i = len(tokens) - 1
    while i >= 0 and _is_filler(tokens[i], found):
        i -= 1
    if i < 0:
        return None
    if tokens[i].lower() in found.pronouns:
        at, stop, _ = _spans_back(text, cue_start, tokens, i)[0]
        return Mention(at, stop, "pronoun")
    i = _before_asides(tokens, i)
    if i < 0 or not _inside(tokens[i], found):  # "and said": the subject is further back
        return None
    first = i
    while first > 0 and i - first < MAX_TOKENS and _inside(tokens[first - 1], found):
        first -= 1
    return _opened(_spans_back(text, cue_start, tokens, first)[: i + 1 - first], found)


def _spans_back(text: str, end: int, tokens: list[str], first: int) -> list[Token]:
    """The tokens[first:] that end at `end`, with their offsets."""
    spans = []
    at = end
    for word in reversed(tokens[first:]):
        while text[at - 1].isspace():
            at -= 1
        spans.append(Token(at - len(word), at, word))
        at -= len(word)
    spans.reverse()
    return spans


def _is_filler(word: str, found: _Words) -> bool:
    """A word between a subject and its verb: "has also", "on Tuesday", an adverb in "-ly"."""
    return word.lower() in found.fillers or (word.islower() and word.endswith("ly"))


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


def _inside(word: str, found: _Words) -> bool:
    """Whether a token may stand inside a speaker's phrase."""
    low = word.lower()
    if low in found.boundaries or low in found.pronouns:
        return False
    return word[0].isalnum() or low in ("'s", "’s", "&")


def _opened(tokens: list[Token], found: _Words) -> Mention | None:
    """The phrase within `tokens` (the run before a verb) that opens where a name, a number or
    a determiner does, with only connectors and its own words after; else a bare plural."""
    if tokens[-1].word.lower() in found.determiners:  # "his [plans]": the cue was a noun
        return None
    if not any(token.word[0].isupper() for token in tokens) and not _speaks(tokens[-1].word, found):
        return None  # "the storm [claimed] 40 lives": no one speaks
    earliest = next(  # the phrase opens at or after the last word that cannot be inside it
        (m for m in range(len(tokens) - 1, 0, -1) if not _belongs(tokens, m, found)), 0
    )
    for k in range(earliest, len(tokens)):
        word = tokens[k].word
        low = word.lower()
        if low in found.openers or low in found.connectors:
            continue
        if word[0].isupper() or word[0].isdigit() or low in found.determiners:
            return trimmed(tokens[_name_after_words(tokens, k, found) :], found)
    last = tokens[-1].word
    if last.islower() and last.endswith("s") and len(last) > 3:  # "experts say"
        return trimmed(tokens[-1:], found)
    return None


def _speaks(head: str, found: _Words) -> bool:
    """Whether an unnamed phrase with this head noun can be a speaker: an agent noun ("the
    narrator", "analysts"), or a noun of `lexicon/speaker_heads.txt` ("a source", "the report")."""
    low = head.lower().replace("’", "'").removesuffix("'s")
    return low in found.heads or low.endswith(_AGENT_SUFFIXES)


def _name_after_words(tokens: list[Token], k: int, found: _Words) -> int:
    """Where the phrase opening at k starts: at a name that follows its lower-case words, for
    they are an opening phrase of the clause ("During the hearing Lee said")."""
    for m in range(len(tokens) - 1, k, -1):
        before = tokens[m - 1].word
        if (
            tokens[m].word[0].isupper()
            and before.islower()
            and before not in found.connectors
            and before not in found.determiners
        ):
            return m
    return k


def _belongs(tokens: list[Token], m: int, found: _Words) -> bool:
    """A lower-case participle belongs to a phrase only right after a determiner ("the armed
    forces", "a leading expert"): after a name it is the verb ("Rebels attacked military")."""
    word = tokens[m].word
    if not word.islower() or not word.endswith(("ed", "ing")):
        return True
    return tokens[m - 1].word.lower() in found.determiners


def phrase_after(text: str, start: int, end: int) -> Mention | None:
    """The phrase that starts right after "according to" or an inverted "said"."""
    found = _words()
    tokens: list[Token] = []
    for token in _tokens(text, start, end):
        low = token.word.lower()
        if not tokens and low in found.pronouns:
            return Mention(token.start, token.end, "pronoun")
        if len(tokens) == MAX_TOKENS or not _inside(token.word, found):
            break
        if tokens and not _belongs([*tokens, token], len(tokens), found):
            break
        tokens.append(token)
    return _opened(tokens, found) if tokens else None


def source_after_according(text: str, cue_end: int, end: int) -> Mention | None:
    """ "according to X", "according to a statement by X": X."""
    opener = _SOURCE_OPENER.match(text, cue_end, end)
    return phrase_after(text, opener.end() if opener else cue_end, end)


def is_inverted(text: str, sentence_start: int, cue_start: int, cue_end: int, end: int) -> bool:
    """Whether the speaker follows its verb: after a quote ('"...," said X'), at the start of
    a sentence ("Said the minister: ..."), or after a comma when a name closes the clause
    ("... this week, said Ann Lee, a senator")."""
    before = text[max(sentence_start, cue_start - 3) : cue_start]
    if _QUOTE_BEFORE.search(before) or cue_start == sentence_start:
        return True
    if not before.rstrip().endswith(","):
        return False
    mention = phrase_after(text, cue_end, end)
    if mention is None or mention.kind == "pronoun":
        return False
    rest = text[mention.end : end].lstrip()
    return not rest or rest[0] in _PHRASE_END


def trimmed(tokens: list[Token], found: _Words | None = None) -> Mention | None:
    """Drop openers, articles and dangling connectors; None when nothing nameable is left."""
    found = found or _words()
    while tokens and tokens[0].word.lower() in found.leading:
        tokens = tokens[1:]
    while tokens and tokens[-1].word.lower() in found.connectors:
        tokens = tokens[:-1]
    if not tokens:
        return None
    _, end, last = tokens[-1]
    if last.endswith(".") and last.count(".") == 1:  # the sentence's full stop, not "U.S."
        end -= 1
    if _POSSESSIVE_END.search(last) or _is_adjective(tokens):  # "Peru's claims", "Chilean claims"
        return None
    named = any(
        tok.word[0].isupper() and tok.word.lower() not in found.determiners for tok in tokens
    )
    return Mention(tokens[0].start, end, "named" if named else "generic")


def _is_adjective(tokens: list[Token]) -> bool:
    """A lone singular demonym ("Chilean") modifies a noun; it cannot be a speaker."""
    if len(tokens) != 1:
        return False
    mentions = find_countries(tokens[0].word)
    return bool(mentions) and mentions[0].kind == "demonym" and not tokens[0].word.endswith("s")
