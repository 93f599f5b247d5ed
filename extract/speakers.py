"""Who asserts each sentence, from the grammar of reporting.

Why: a casualty figure is evidence of what its *source* says, so every claim carries a speaker
and the speaker's country. Reporting in news takes a few shapes, all handled here with regular
expressions and word lists (`lexicon/reporting_verbs.txt` and friends), at regex speed:

- "X said/told/claimed ... that ...", with fillers between ("Lima has also said", "Russia on
  Tuesday said");
- a quote followed by its source: '"...," the ministry said' or '"...," said X';
- "according to X";
- a later "it said", "he added" or "the ministry added", which refers back to the last speaker
  that fits it ("it" skips people and "he" or "she" skips countries and institutions; for "the
  ministry", the last one whose name has "ministry" in it);
- sentences inside a multi-sentence quote take the speaker named where the quote closes.

A sentence in the outlet's own voice gets None. The speaker's country comes from the country,
demonym, capital or seat of government in the speaker's name ("Peru's defense ministry",
"the Defense Ministry in Lima", "the Kremlin") or, for a person, from a nationality given
anywhere in the document ("<Demonym> Prime Minister <Name>").
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache, lru_cache
from typing import NamedTuple

from extract.countries import country_of, find_countries
from extract.lexicon import words
from extract.lowercase import lowered
from extract.numbers import PhraseFinder, alternation
from extract.sentences import Sentence


class Attribution(NamedTuple):
    speaker: str
    country: str | None
    char_start: int  # span of the speaker mention in this sentence
    char_end: int
    is_person: bool = False  # named with a title here or elsewhere ("Prime Minister <Name>")


_TOKEN = re.compile(r"[\w][\w'’.-]*|[^\w\s]")
_CONNECTORS = frozenset({"of", "the", "in", "for", "'s", "’s"})
_ARTICLES = frozenset({"the", "a", "an"})
_CAPITALISED_NAME = r"[A-Z][\w'’-]+"
_QUOTE_BEFORE = re.compile(r"[\"”’'][\s,]*$|,\s*[\"”’']\s*$")
_SOURCE_OPENER = re.compile(
    r"\s*(?:an?|the)\s+(?:statement|report|tally|count|toll)\s+(?:by|from|of|issued\s+by)\s+",
    re.IGNORECASE,
)
_ACCORDING_TO = "according to"
_QUOTE_MARKS = '“”"'
_POSSESSIVE_END = re.compile(r"['’]s?$")
_LOOKAHEAD_SENTENCES = 4
_SUBJECT_REACH = 90  # characters before a reporting verb where its subject may start
_ANTECEDENT_WINDOW = 600


@dataclass(frozen=True)
class _Rules:
    cue: PhraseFinder
    person: re.Pattern[str]
    title: re.Pattern[str]
    fillers: frozenset[str]
    heads: frozenset[str]
    openers: frozenset[str]
    pronouns: frozenset[str]


@cache
def _rules() -> _Rules:
    titles = alternation(words("person_titles"))
    return _Rules(
        cue=PhraseFinder([*words("reporting_verbs"), _ACCORDING_TO]),
        person=re.compile(
            rf"(?P<nat>[A-Z][\w'’.-]++)\s+(?:{titles})\s+"  # ++: no backtracking into a word
            rf"(?P<name>{_CAPITALISED_NAME}(?:\s+{_CAPITALISED_NAME}){{0,2}})"
        ),
        title=re.compile(rf"\b(?:{titles})\s+(?={_CAPITALISED_NAME})"),
        fillers=frozenset(words("reporting_fillers")),
        heads=frozenset(words("speaker_heads")),
        openers=frozenset(words("sentence_openers")),
        pronouns=frozenset(words("speaker_pronouns")),
    )


class _Cue(NamedTuple):
    start: int
    end: int
    text: str  # lower-cased
    according: bool  # "according to X" names its source after it


class _Mention(NamedTuple):
    start: int
    end: int
    kind: str  # named, generic ("the ministry"), pronoun ("it")


def attribute_sentences(text: str, sentences: Sequence[Sentence]) -> list[Attribution | None]:
    """One attribution per sentence (None for the outlet's own voice)."""
    rules = _rules()
    cues: list[list[_Cue]] = [[] for _ in sentences]
    starts = [s.start for s in sentences]
    low = lowered(text)
    for start, end in rules.cue.spans(low):
        index = bisect_right(starts, start) - 1
        if index < 0 or end > sentences[index].end:
            continue
        cue = _Cue(start, end, low[start:end], low.startswith("according", start))
        if _plausible_cue(text, cue, sentences[index]):
            cues[index].append(cue)
    result: list[Attribution | None] = []
    history: list[Attribution] = []
    for sentence, sentence_cues in zip(sentences, cues, strict=True):
        attribution = None
        for cue in sentence_cues:
            mention = _mention(text, sentence, cue, rules)
            if mention is not None:
                attribution = _resolve(text, mention, history, rules)
            if attribution is not None:
                break
        if attribution is not None:
            history.append(attribution)
        result.append(attribution)
    _extend_over_quotes(text, sentences, result)
    return result


def _plausible_cue(text: str, cue: _Cue, sentence: Sentence) -> bool:
    """A capitalised "Says" is a verb only in a headline; in prose it is part of a name."""
    if not text[cue.start].isupper() or cue.start == sentence.start:
        return True
    tokens = sentence.text.split()
    return sum(tok[0].isupper() for tok in tokens) > 0.6 * len(tokens)


@lru_cache(maxsize=1)
def _nationalities(text: str) -> dict[str, str]:
    """Person name (full and surname) -> country, from "<Demonym> <Title> <Name>" mentions.
    Read only when a speaker has no country of its own, once per document."""
    found: dict[str, str] = {}
    for match in _rules().person.finditer(text):
        country = country_of(match["nat"])
        if country:
            name = match["name"]
            found[name] = country
            found[name.split()[-1]] = country
    return found


def _mention(text: str, sentence: Sentence, cue: _Cue, rules: _Rules) -> _Mention | None:
    if cue.according:
        opener = _SOURCE_OPENER.match(text, cue.end, sentence.end)
        return _forward(text, opener.end() if opener else cue.end, sentence.end, rules)
    before = text[max(sentence.start, cue.start - 3) : cue.start]
    if _QUOTE_BEFORE.search(before) or (cue.start == sentence.start and cue.text == "said"):
        return _forward(text, cue.end, sentence.end, rules)
    return _backward(text, max(sentence.start, cue.start - _SUBJECT_REACH), cue.start, rules)


def _is_np_token(token: str, rules: _Rules) -> bool:
    if token[0].isupper():
        return True
    low = token.lower().replace("’", "'")
    return low in _CONNECTORS or low.removesuffix("'s") in rules.heads


def _backward(text: str, start: int, end: int, rules: _Rules) -> _Mention | None:
    """The noun phrase that ends just before a reporting verb, fillers skipped. Only the tokens
    of the phrase itself get offsets, counted back from `end`."""
    words = _TOKEN.findall(text, start, end)
    i = len(words) - 1
    while i >= 0 and words[i].lower() in rules.fillers:
        i -= 1
    if i < 0:
        return None
    if words[i].lower() in rules.pronouns:
        at, stop, _ = _spans_back(text, end, words, i)[0]
        return _Mention(at, stop, "pronoun")
    j = i
    while j >= 0 and _is_np_token(words[j], rules) and words[j].lower() not in rules.pronouns:
        j -= 1
    return _trimmed(_spans_back(text, end, words, j + 1)[: i - j], rules)


def _spans_back(text: str, end: int, words: list[str], first: int) -> list[tuple[int, int, str]]:
    """(start, end, token) of words[first:], the tokens that end at `end`: tokens are separated
    by whitespace only, so their offsets follow from their lengths."""
    spans = []
    at = end
    for word in reversed(words[first:]):
        while text[at - 1].isspace():
            at -= 1
        spans.append((at - len(word), at, word))
        at -= len(word)
    spans.reverse()
    return spans


def _forward(text: str, start: int, end: int, rules: _Rules) -> _Mention | None:
    """The noun phrase that starts right after "according to" or an inverted "said"."""
    tokens: list[tuple[int, int, str]] = []
    for token in _TOKEN.finditer(text, start, end):
        word = token.group()
        if not tokens and word.lower() in rules.pronouns:
            return _Mention(token.start(), token.end(), "pronoun")
        if not _is_np_token(word, rules):
            break
        tokens.append((token.start(), token.end(), word))
    return _trimmed(tokens, rules)


def _trimmed(tokens: list[tuple[int, int, str]], rules: _Rules) -> _Mention | None:
    """Drop openers, articles and dangling connectors; None when nothing nameable is left."""
    while tokens and (tokens[0][2].lower() in rules.openers or tokens[0][2].lower() in _CONNECTORS):
        tokens = tokens[1:]
    while tokens and tokens[-1][2].lower() in _CONNECTORS:
        tokens = tokens[:-1]
    if not tokens:
        return None
    _, end, last = tokens[-1]
    if last.endswith(".") and last.count(".") == 1:  # the sentence's full stop, not "U.S."
        end -= 1
    if _POSSESSIVE_END.search(last) or _is_adjective(tokens):  # "Peru's claims", "Chilean claims"
        return None
    named = any(tok[0].isupper() and tok.lower() not in _ARTICLES for _, _, tok in tokens)
    return _Mention(tokens[0][0], end, "named" if named else "generic")


def _is_adjective(tokens: list[tuple[int, int, str]]) -> bool:
    """A lone singular demonym ("Chilean") modifies a noun; it cannot be a speaker."""
    if len(tokens) != 1:
        return False
    mentions = find_countries(tokens[0][2])
    return bool(mentions) and mentions[0].kind == "demonym" and not tokens[0][2].endswith("s")


def _resolve(
    text: str,
    mention: _Mention,
    history: list[Attribution],
    rules: _Rules,
) -> Attribution | None:
    start, end = mention.start, mention.end
    if mention.kind == "pronoun":  # with nobody named before, "it" is no one we can name
        if not history:
            return None
        pronoun = text[start:end].lower()
        earlier = next((a for a in reversed(history) if _fits(pronoun, a)), history[-1])
        return earlier._replace(char_start=start, char_end=end)
    if mention.kind == "generic":
        head = text[start:end].split()[-1].lower()
        antecedent = _antecedent(text, start, head, rules)
        if antecedent is not None:
            return Attribution(
                text[antecedent.start : antecedent.end],
                country_of(text, antecedent.start, antecedent.end),
                start,
                end,
            )
        for earlier in reversed(history):
            if head in earlier.speaker.lower():
                return earlier._replace(char_start=start, char_end=end)
    country = country_of(text, start, end)
    titles = list(rules.title.finditer(text, start, end))
    if titles:  # "<Demonym> Prime Minister <Name>" is spoken by "<Name>"
        start = titles[-1].end()
    is_person = bool(titles)
    if country is None:
        nationalities = _nationalities(text)
        country = next(
            (nationalities[tok] for tok in text[start:end].split() if tok in nationalities),
            nationalities.get(text[start:end]),
        )
        is_person = is_person or text[start:end] in nationalities
    return Attribution(text[start:end], country, start, end, is_person)


def _fits(pronoun: str, speaker: Attribution) -> bool:
    """Whether `pronoun` can refer to `speaker`: "it" to anyone but a person, "he" and "she" to
    anyone but a country or an institution, "they" and "we" to anyone."""
    if pronoun == "it":
        return not speaker.is_person
    if pronoun in ("he", "she"):
        return speaker.is_person or not _is_institution(speaker.speaker)
    return True


@lru_cache(maxsize=1024)
def _is_institution(speaker: str) -> bool:
    """A speaker that names a country, a seat of government or an institution word ("Chile",
    "the Kremlin", "Peru's defense ministry")."""
    heads = _rules().heads
    tokens = speaker.replace("’", "'").lower().split()
    return country_of(speaker) is not None or any(
        token.removesuffix("'s") in heads for token in tokens
    )


def _antecedent(text: str, before: int, head: str, rules: _Rules) -> _Mention | None:
    """The last named institution with this head noun in the preceding text ("the Chilean
    Defence Ministry ... The ministry added")."""
    window = max(0, before - _ANTECEDENT_WINDOW)
    for found in reversed(list(_word_pattern(head).finditer(lowered(text)[window:before]))):
        mention = _backward(text, max(0, window + found.start() - 80), window + found.end(), rules)
        if mention is not None and mention.kind == "named":
            return mention
    return None


@lru_cache(maxsize=256)
def _word_pattern(word: str) -> re.Pattern[str]:
    """The whole word `word` (lower case, opening with a letter, as every head noun does), for
    lower-cased text: a few head nouns recur. The boundary before the word is checked behind it
    (no word character before it): a pattern that opens with the word's letters is searched
    for in C, one that opens with `\\b` is tried at every character."""
    escaped = re.escape(word)
    return re.compile(rf"{escaped}\b(?<!\w{escaped})")


def _extend_over_quotes(
    text: str, sentences: Sequence[Sentence], result: list[Attribution | None]
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
        if result[index] is not None:
            for earlier in pending:
                if result[earlier] is None:
                    result[earlier] = result[index]
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
