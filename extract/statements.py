"""Attributed statements: who says what, and with what stance.

Every sentence the speaker module attributes becomes a statement. Its stance comes from cue
words in `lexicon/stance_cues.csv`: claim_responsibility, deny, accuse, condemn, confirm, in
that order of precedence ("rejected the claims, accusing..." is first of all a denial), else
assert. A statement without an accusing word still accuses when the speaker names another
country's side as the doer of an act of force (`lexicon/hostile_acts.txt`: "<demonym> troops
attacked our positions"); its target is that country. Only an accusation or a denial has a
target: the first country named after the cue ("accused <country>'s forces of ..."), else the
first named after the speaker (what the speaker said: "In talks with <country>'s president, X
said <country> was responsible"), else the first the sentence names; never the speaker's own
country nor a country inside the speaker's name. A condemnation accuses no one: "the embassy
condemned the bombing in <country>" does not blame <country>.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from functools import cache
from itertools import islice

from corroborate.extract.countries import CountryMention, find_countries
from corroborate.extract.lexicon import table, words
from corroborate.extract.lowercase import lowered
from corroborate.extract.numbers import alternation
from corroborate.extract.records import Statement, claim_id
from corroborate.extract.sentences import Sentence
from corroborate.extract.sources import identify_sources
from corroborate.extract.speaker_words import speaker_words
from corroborate.extract.speakers import Attribution

# A reporting clause that closes its sentence: a comma or quote, up to three words ("the",
# "Prime Minister"), the speaker; then the verb and at most eight words of circumstance ("said
# in a statement on Tuesday.").
_INVERTED_BEFORE = re.compile(r"[,”\"](?:\s+[\w'’.-]+){0,3}\s*$")
_INVERTED_REACH = 80  # characters before the speaker where that comma or quote may stand
_CLOSING_WORDS = 8
_THAT = re.compile(r"[\s,]*(?:that\s+)?")  # "said that the road ...": what is said opens after it
_CONTENT_EDGES = " \t\n,.;:—–-\"“”"
_LEAD_IN = re.compile(r"[\s,:]*(?:that\s*)?")  # between a cue and the quote it opens
_LEAD_OUT_WORDS = 4  # between a quote and the speaker it closes before: '," said the'...
_QUOTED = re.compile(r"[\"“]([^\"”]{12,})[\"”]")
_STANCE_ORDER = ("claim_responsibility", "deny", "accuse", "condemn", "confirm")
_TARGETED = ("accuse", "deny")
_NEGATIONS = frozenset({"not", "never", "no", "neither", "nor"})


@cache
def _cue_patterns() -> tuple[re.Pattern[str], dict[str, re.Pattern[str]]]:
    """For lower-cased text: one pattern over every cue of a stance that is not an assertion
    (most sentences have none, and one search settles them), and one per stance."""
    cues: dict[str, list[str]] = {}
    for row in table("stance_cues"):
        cues.setdefault(row["stance"], []).append(row["cue"].lower())
    any_cue = alternation(stem for stance in _STANCE_ORDER for stem in cues[stance])
    return re.compile(rf"\b(?:{any_cue})"), {
        stance: re.compile(rf"\b(?:{alternation(stems)})") for stance, stems in cues.items()
    }


@cache
def _hostile_act() -> tuple[re.Pattern[str], re.Pattern[str]]:
    """For lower-cased text: any act of force (most sentences have none, and one search settles
    them); and, after a country mention, up to three words, then an act of force."""
    acts = alternation(words("hostile_acts"))
    return (
        re.compile(rf"\b(?:{acts})\b"),
        re.compile(rf"(?:['’]s)?((?:\s+[\w'’-]+){{0,3}}?)\s+(?:{acts})\b"),
    )


def stance_of(sentence: str) -> str:
    return _stance_and_cue(lowered(sentence), 0, len(sentence))[0]


def _stance_and_cue(low: str, start: int, end: int) -> tuple[str, int]:
    """The stance of low[start:end] (a lower-cased sentence, which follows a space or opens the
    text, so `\\b` reads the same in it as in the document) and where its cue starts (`start`
    for an assertion)."""
    any_cue, patterns = _cue_patterns()
    if any_cue.search(low, start, end) is None:
        return "assert", start
    for stance in _STANCE_ORDER:
        found = patterns[stance].search(low, start, end)
        if found:
            return stance, found.start()
    return "assert", start


def find_statements(
    doc_id: str,
    text: str,
    sentences: Sequence[Sentence],
    attributions: Sequence[tuple[Attribution, ...]],
) -> list[Statement]:
    """One statement per speaker a sentence attributes to (`speakers.sentence_attributions`),
    each with its source as one source under all its names (`sources.identify_sources`)."""
    low = lowered(text)
    identities = iter(identify_sources([a for found in attributions for a in found]))
    statements: list[Statement] = []
    for sentence, found in zip(sentences, attributions, strict=True):
        if not found:
            continue
        cue_stance, cue = _stance_and_cue(low, sentence.start, sentence.end)
        quotes = list(_QUOTED.finditer(text, sentence.start, sentence.end))
        for attribution, identity in zip(found, islice(identities, len(found)), strict=True):
            content_start, content_end, is_quote = _content_span(
                text, sentence, attribution, quotes
            )
            stance, target = _stance_and_target(
                text, low, sentence, attribution, (cue_stance, cue), (content_start, content_end)
            )
            statements.append({
                "claim_id": claim_id(
                    doc_id, "statement", sentence.start, sentence.end, attribution.char_start
                ),
                "doc_id": doc_id,
                "speaker": (
                    None
                    if attribution.kind == "pronoun"
                    else text[attribution.char_start : attribution.char_end]
                ),
                "source_name": attribution.speaker,
                "source_key": identity.key,
                "source_kind": identity.kind,
                "speaker_country": identity.country,
                "stance": stance,
                "target_country": target,
                "content": text[content_start:content_end],
                "is_quote": is_quote,
                "evidence": sentence.text,
                "char_start": sentence.start,
                "char_end": sentence.end,
                "source_start": attribution.char_start,
                "source_end": attribution.char_end,
                "cue_start": attribution.cue_start,
                "cue_end": attribution.cue_end,
                "content_start": content_start,
                "content_end": content_end,
            })
    return statements


def _stance_and_target(
    text: str,
    low: str,
    sentence: Sentence,
    attribution: Attribution,
    cue: tuple[str, int],
    content: tuple[int, int],
) -> tuple[str, str | None]:
    """The cue's stance (and where its cue starts), turned into an accusation by an act of force
    another country's side did in what the speaker says; and its target."""
    stance, cue_start = cue
    if stance in ("assert", "confirm"):
        doer = _act_doer(text, low, sentence, attribution, content)
        if doer is not None:
            return "accuse", doer
    if stance not in _TARGETED:
        return stance, None
    return stance, _target(text, sentence, attribution, cue_start)


def _act_doer(
    text: str, low: str, sentence: Sentence, attribution: Attribution, content: tuple[int, int]
) -> str | None:
    """The first country other than the speaker's that what the speaker says names as the doer
    of an act of force ("<demonym> troops shelled"), unless negated ("never attacked")."""
    any_act, act = _hostile_act()
    start, end = content
    if any_act.search(low, start, end) is None:
        return None
    for mention in _other_countries(text, sentence, attribution):
        if not start <= mention.start < end:
            continue
        found = act.match(low, mention.end, sentence.end)
        if found and _NEGATIONS.isdisjoint(found.group(1).split()):
            return mention.iso3
    return None


def _content_span(
    text: str, sentence: Sentence, attribution: Attribution, quotes: Sequence[re.Match[str]]
) -> tuple[int, int, bool]:
    """What the speaker says, and whether it is a quote: the quote, else the words after the
    reporting verb, or before the speaker when the reporting clause closes the sentence
    ("..., the ministry said"); the whole sentence when its speaker is named where a quote of
    several sentences closes."""
    quoted = _quote_of(text, attribution, quotes)
    if quoted:
        return *quoted.span(1), True
    if not sentence.start <= attribution.char_start < sentence.end:
        return _trimmed(text, sentence.start, sentence.end, sentence)
    closing = _INVERTED_BEFORE.search(
        text, max(sentence.start, attribution.char_start - _INVERTED_REACH), attribution.char_start
    )
    rest = text[max(attribution.char_end, attribution.cue_end) : sentence.end]
    if closing and _only_circumstance(rest):
        start, end = sentence.start, closing.start()
    else:
        start, end = max(attribution.char_end, attribution.cue_end), sentence.end
    return _trimmed(text, _THAT.match(text, start, end).end(), end, sentence)


def _trimmed(text: str, start: int, end: int, sentence: Sentence) -> tuple[int, int, bool]:
    """text[start:end] without the punctuation and quote marks at its edges (the sentence when
    nothing is left), not a quote."""
    while start < end and text[start] in _CONTENT_EDGES:
        start += 1
    while end > start and text[end - 1] in _CONTENT_EDGES:
        end -= 1
    return (start, end, False) if start < end else (sentence.start, sentence.end, False)


def _only_circumstance(rest: str) -> bool:
    """Whether the words after a reporting verb only say where, when or to whom ("in a
    statement on Tuesday", "Tuesday", "told reporters"), so the verb closes its sentence."""
    following = rest.split()
    if len(following) <= 2:
        return True
    opener = following[0].lower()
    words = speaker_words()
    circumstantial = opener in words.fillers or opener in words.connectors
    return len(following) <= _CLOSING_WORDS and (circumstantial or opener in words.adjuncts)


def _quote_of(
    text: str, attribution: Attribution, quotes: Sequence[re.Match[str]]
) -> re.Match[str] | None:
    """The quote the speaker says, as a whole: one that opens right after its cue ('X said:
    "..."'), or closes right before its mention ('"...," said X', '"...," X said'). A quoted
    phrase inside a clause ('said troops tried to "break through"') is a clause, not a quote."""
    for quote in quotes:
        if 0 <= attribution.cue_end <= quote.start() and _LEAD_IN.fullmatch(
            text, attribution.cue_end, quote.start()
        ):
            return quote
    for quote in reversed(quotes):
        if quote.end() <= attribution.char_start and _leads_out(
            text[quote.end() : attribution.char_start]
        ):
            return quote
    return None


def _leads_out(between: str) -> bool:
    """Whether the words between a quote and a speaker only lead to the speaker ('," said the',
    '," the'), not to another clause ('," while the')."""
    following = between.strip(" ,").split()
    boundaries = speaker_words().boundaries
    return len(following) <= _LEAD_OUT_WORDS and not any(
        word.lower() in boundaries for word in following
    )


def _other_countries(
    text: str, sentence: Sentence, attribution: Attribution
) -> list[CountryMention]:
    """Countries the sentence names, but not the speaker's own nor one inside its name."""
    return [
        mention
        for mention in find_countries(text, sentence.start, sentence.end)
        if mention.iso3 != attribution.country
        and not attribution.char_start <= mention.start < attribution.char_end
    ]


def _target(text: str, sentence: Sentence, attribution: Attribution, cue_start: int) -> str | None:
    candidates = _other_countries(text, sentence, attribution)
    after_cue = [mention for mention in candidates if mention.start >= cue_start]
    said = [mention for mention in candidates if mention.start >= attribution.char_end]
    chosen = after_cue or said or candidates
    return chosen[0].iso3 if chosen else None
