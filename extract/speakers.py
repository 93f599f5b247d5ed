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
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from functools import cache, lru_cache
from typing import NamedTuple

from corroborate.extract.countries import country_of
from corroborate.extract.lexicon import table, words
from corroborate.extract.lowercase import lowered
from corroborate.extract.numbers import PhraseFinder
from corroborate.extract.quotes import extend_over_quotes, signed_quotes
from corroborate.extract.sentences import Sentence
from corroborate.extract.speaker_countries import (
    NAME,
    appositive_role,
    country_and_name,
    nationality,
    titles,
)
from corroborate.extract.speaker_phrases import (
    Mention,
    coordinated_subject,
    is_inverted,
    opens_report,
    phrase_after,
    source_after_according,
    subject_before,
)
from corroborate.extract.speaker_words import speaker_heads


class Attribution(NamedTuple):
    speaker: str  # who, resolved: "it" and "the ministry" give the name they refer back to
    country: str | None
    char_start: int  # span of the speaker mention in this sentence
    char_end: int
    is_person: bool = False  # named with a title here or elsewhere ("Prime Minister <Name>")
    kind: str = "named"  # how this sentence names the speaker: named, generic or pronoun
    cue_start: int = -1  # span of the reporting cue ("said", "according to", a label's colon)
    cue_end: int = -1


_ACCORDING_TO = "according to"
_ANTECEDENT_WINDOW = 600
# A transcript's speaker label ("SMITH: We will"): the speaker stands at the label.
_OPENING_QUOTES = "\"“‘'"
_LABEL = re.compile(r"[A-Z][A-Z.'’-]+(?: [A-Z][A-Z.'’-]+){0,2}(?=: )")


@dataclass(frozen=True)
class _Rules:
    cue: PhraseFinder
    titled_name: re.Pattern[str]  # "Prime Minister Rosa Quispe": the name
    homographs: frozenset[str]


@cache
def _rules() -> _Rules:
    name = NAME
    return _Rules(
        cue=PhraseFinder([*words("reporting_verbs"), _ACCORDING_TO]),
        titled_name=re.compile(rf"\b(?:{titles()})\s+(?P<name>{name}(?:\s+{name}){{0,2}})"),
        homographs=frozenset(words("reporting_noun_homographs")),
    )


class _Cue(NamedTuple):
    start: int
    end: int
    text: str  # lower-cased
    according: bool  # "according to X" names its source after it


def attribute_sentences(text: str, sentences: Sequence[Sentence]) -> list[Attribution | None]:
    """The first attribution of each sentence (None for the outlet's own voice)."""
    return first_attributions(sentence_attributions(text, sentences))


def first_attributions(
    attributions: Sequence[tuple[Attribution, ...]],
) -> list[Attribution | None]:
    """The first of each sentence's attributions: whose word a figure or a happening in it is."""
    return [found[0] if found else None for found in attributions]


def sentence_attributions(
    text: str, sentences: Sequence[Sentence]
) -> list[tuple[Attribution, ...]]:
    """Every attribution of each sentence, in order, one per speaker mention ("X said ...,
    while Y denied it" has two); none for the outlet's own voice."""
    cues = _cues_by_sentence(text, sentences)
    result: list[tuple[Attribution, ...]] = [()] * len(sentences)
    history: list[Attribution] = []
    for index in sorted(cues):  # only the sentences with a cue: most have none
        found: dict[int, Attribution] = {}
        floor = sentences[index].start  # a subject never reaches back past an earlier verb
        for cue in cues[index]:
            if found and cue.text.endswith("ing"):  # "X said, adding ...": X's still
                continue
            for mention in _mentions(text, sentences[index], cue, floor):
                if mention.start in found:
                    continue
                attribution = _resolve(text, mention, history)
                if attribution is not None:
                    attribution = attribution._replace(cue_start=cue.start, cue_end=cue.end)
                    found[mention.start] = attribution
                    history.append(attribution)
            floor = max(floor, cue.end)
        result[index] = tuple(found.values())
    extend_over_quotes(text, sentences, result)
    return result


def _cues_by_sentence(text: str, sentences: Sequence[Sentence]) -> dict[int, list[_Cue]]:
    """The cues of each sentence that has any, by the sentence's index."""
    cues: dict[int, list[_Cue]] = {}
    starts = [s.start for s in sentences]
    low = lowered(text)
    for start, end in _rules().cue.spans(low):
        index = bisect_right(starts, start) - 1
        if index < 0 or end > sentences[index].end:
            continue
        cue = _Cue(start, end, low[start:end], low.startswith("according", start))
        if _plausible_cue(text, cue, sentences[index]):
            cues.setdefault(index, []).append(cue)
    for index, label_end in _labels(text, sentences, starts):
        cues.setdefault(index, []).insert(0, _Cue(label_end, label_end + 1, ":", False))
    for signed in signed_quotes(text):
        index = bisect_right(starts, signed.start(1)) - 1
        if index >= 0 and signed.end(1) <= sentences[index].end:
            cues.setdefault(index, []).append(
                _Cue(signed.start(1), signed.end(1), signed[1], False)
            )
    return cues


def _labels(
    text: str, sentences: Sequence[Sentence], starts: list[int]
) -> Iterator[tuple[int, int]]:
    """(sentence index, label end) of each sentence that opens with a transcript's speaker
    label. A label is followed by ": ", so only the sentences with one are read, found with
    `str.find` of the colon (of one character: in C, `memchr`): a test at every sentence's
    start took longer."""
    read = -1  # the index of the last sentence read
    at = text.find(":")
    while at >= 0:
        index = bisect_right(starts, at) - 1
        if index > read and text.startswith(" ", at + 1):
            read = index
            label = _label(text, sentences[index])
            if label is not None:
                yield index, label
        at = text.find(":", at + 1)


def _label(text: str, sentence: Sentence) -> int | None:
    """Where the speaker label that opens `sentence` ends ("SMITH: We will", or quoted as a
    transcript's paragraphs are: '"SMITH: We will'), if one does."""
    opening = _after_opening_quotes(sentence)
    if not text[opening : opening + 2].isupper():
        return None
    label = _LABEL.match(text, opening, sentence.end)
    if label and not text[label.end() : sentence.end].isupper():  # not "PHOTO: AFP"
        return label.end()
    return None


def _after_opening_quotes(sentence: Sentence) -> int:
    return sentence.start + len(sentence.text) - len(sentence.text.lstrip(_OPENING_QUOTES))


def _plausible_cue(text: str, cue: _Cue, sentence: Sentence) -> bool:
    """A word that is also a noun ("plans") is a verb only before what it reports; a
    capitalised "Says" is a verb only in a headline, in prose it is part of a name."""
    if text[cue.start - 1 : cue.start] == "-":  # "so-called"
        return False
    if cue.text in _rules().homographs and not opens_report(text, cue.end, sentence.end):
        return False
    if not text[cue.start].isupper() or cue.start == sentence.start:
        return True
    tokens = sentence.text.split()
    return sum(tok[0].isupper() for tok in tokens) > 0.6 * len(tokens)


def _participle_subject(text: str, sentence: Sentence, cue: _Cue) -> Mention | None:
    """ "X spoke on Tuesday, arguing that ...": a participle reports for the sentence's
    subject, when a name opens the sentence; one that opens the sentence reports for a subject
    still to come, which its own verb finds."""
    if cue.start == sentence.start:
        return None
    subject = phrase_after(text, sentence.start, cue.start)
    if subject is not None and subject.kind == "named":
        return subject
    if text[sentence.start : cue.start].rstrip().endswith(","):  # not an appositive's close
        return None
    return subject_before(text, sentence.start, cue.start)


def _mentions(text: str, sentence: Sentence, cue: _Cue, floor: int) -> list[Mention]:
    """The speakers a cue reports for: its subject, and the one joined to it by "and"."""
    mention = _mention(text, sentence, cue, floor)
    if mention is None:
        return []
    joined = coordinated_subject(text, floor, mention) if mention.end <= cue.start else None
    return [joined, mention] if joined else [mention]


def _mention(text: str, sentence: Sentence, cue: _Cue, floor: int) -> Mention | None:
    if cue.text == ":":  # "SMITH: ..."
        return Mention(_after_opening_quotes(sentence), cue.start, "named")
    if cue.text in ("―", "—"):
        return phrase_after(text, cue.end, sentence.end)
    if cue.text.endswith("ing"):
        return _participle_subject(text, sentence, cue)
    if cue.according:
        return source_after_according(text, cue.end, sentence.end)
    if is_inverted(text, sentence.start, cue.start, cue.end, sentence.end):
        if cue.text.lower() in _naming_verbs():
            return None  # "a new app, called Passbook.": it names the app; no one speaks
        return phrase_after(text, cue.end, sentence.end)
    return subject_before(text, floor, cue.start)


@cache
def _naming_verbs() -> frozenset[str]:
    return frozenset(words("naming_verbs"))


def _resolve(text: str, mention: Mention, history: list[Attribution]) -> Attribution | None:
    start, end = mention.start, mention.end
    if mention.kind == "pronoun":
        return _pronoun_antecedent(text, mention, history)
    if mention.kind == "generic":
        head = text[start:end].split()[-1].lower()
        antecedent = _antecedent(text, start, head)
        if antecedent is not None:
            return Attribution(
                text[antecedent.start : antecedent.end],
                country_of(text, antecedent.start, antecedent.end),
                start,
                end,
                kind="generic",
            )
        for earlier in reversed(history):
            if head in earlier.speaker.lower():
                return earlier._replace(char_start=start, char_end=end, kind="generic")
        body = _body_spoken_for(text, mention, head, history)
        if body is not None:
            return body._replace(char_start=start, char_end=end, kind="generic")
    country, name_at = country_and_name(text[start:end])
    start += name_at
    is_person = name_at > 0
    if mention.kind == "named" and (country is None or not is_person):
        role_country, has_role = appositive_role(text, end)
        country, is_person = country or role_country, is_person or has_role
    if country is None:
        country, named_person = nationality(text, text[start:end])
        is_person = is_person or named_person
    return Attribution(text[start:end], country, start, end, is_person, mention.kind)


def _body_spoken_for(
    text: str, mention: Mention, head: str, history: list[Attribution]
) -> Attribution | None:
    """The body that "the spokesman" or "the officials" speak for: the last institution among
    the speakers before ("The defence ministry said ... The spokesman added"). Only with "the":
    "a spokesman" may speak for anyone."""
    definite = text[max(0, mention.start - 4) : mention.start].lower() == "the "
    if head not in _role_words() or not definite:
        return None
    return next((a for a in reversed(history) if _is_institution(a.speaker)), None)


@cache
def _role_words() -> frozenset[str]:
    """Words for people who speak for a body (`lexicon/source_kinds.csv`, kind role)."""
    return frozenset(row["word"] for row in table("source_kinds") if row["kind"] == "role")


def _pronoun_antecedent(
    text: str, mention: Mention, history: list[Attribution]
) -> Attribution | None:
    """Whom a pronoun speaker refers back to: the last speaker it fits ("it" a body, "he" or
    "she" a person, either way: the text's gender is not read); for "he" or "she" with no
    person among the speakers, the last person the text names with a title before it ("Mayor
    Ann Lee spoke on Monday. She said"). With nobody named before, "it" is no one we can name."""
    start, end = mention.start, mention.end
    pronoun = text[start:end].lower()
    earlier = next((a for a in reversed(history) if _fits(pronoun, a)), None)
    if earlier is None and pronoun in ("he", "she"):
        earlier = _titled_person_before(text, start)
    earlier = earlier or (history[-1] if history else None)
    if earlier is None:
        return None
    return earlier._replace(char_start=start, char_end=end, kind="pronoun")


def _titled_person_before(text: str, before: int) -> Attribution | None:
    """The last person named with a title in the window before `before`."""
    window = max(0, before - _ANTECEDENT_WINDOW)
    named = list(_rules().titled_name.finditer(text, window, before))
    if not named:
        return None
    name = named[-1].group("name")
    return Attribution(name, nationality(text, name)[0], 0, 0, True)


def _fits(pronoun: str, speaker: Attribution) -> bool:
    """Whether `pronoun` can refer to `speaker`: "it" to anyone but a person, "he" and "she" to
    anyone but a country or an institution, "they" and "we" to anyone."""
    if pronoun == "it":
        return not (speaker.is_person or _looks_personal(speaker))
    if pronoun in ("he", "she"):
        return speaker.is_person or not _is_institution(speaker.speaker)
    return True


def _looks_personal(speaker: Attribution) -> bool:
    """Two or three capitalised words that name no institution ("Ann Lee, a senator, said")."""
    tokens = speaker.speaker.split()
    return (
        2 <= len(tokens) <= 3
        and all(token[0].isupper() for token in tokens)
        and not _is_institution(speaker.speaker)
    )


@lru_cache(maxsize=1024)
def _is_institution(speaker: str) -> bool:
    """A speaker that names a country, a seat of government or an institution word ("Chile",
    "the Kremlin", "Peru's defense ministry")."""
    heads = speaker_heads()
    tokens = speaker.replace("’", "'").lower().split()
    return country_of(speaker) is not None or any(
        token.removesuffix("'s") in heads for token in tokens
    )


def _antecedent(text: str, before: int, head: str) -> Mention | None:
    """The last named institution with this head noun in the preceding text ("the Chilean
    Defence Ministry ... The ministry added")."""
    window = max(0, before - _ANTECEDENT_WINDOW)
    for found in reversed(list(_word_pattern(head).finditer(lowered(text)[window:before]))):
        mention = subject_before(text, max(0, window + found.start() - 80), window + found.end())
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
