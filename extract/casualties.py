"""Casualty figures in news text: who was killed, wounded, captured, ... how many, on whose side,
according to whom.

Why: the warehouse compares casualty figures across outlets, so every figure must be read the
same way wherever it appears: "49 soldiers were killed", "killing at least 16", "left more than
6,500 dead", "claimed around 30,000 lives", "the death toll rose to 12", and the count-less
"troops have died on the other side". Each grammatical slot is one regular expression built from
the word lists in `lexicon/casualty_words.csv` and `victim_nouns.csv`; counts come from
`extract.numbers`. Rules run only on sentences that contain a casualty word, which keeps the scan
at regex speed.

A figure about an earlier happening (an explicit year before the document's, "a year ago",
"last year's war", a clause opened by "since", a running total "during the past month") is
kept but marked `time_reference="background"` so that it never counts against today's figures.
The same figure repeated in one document (a headline and its body) is one claim.

A figure that counts some of the victims of another is a part (`part_of`, the outcome of the
larger figure): "eight of the wounded", "11 of the dead were civilians", ", including 25
children", ", 5 of them women". "Two of the wounded died" is a killed figure, part of the
wounded: people moved between outcomes. Agreement reads a part as a lower bound, never a rival.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from functools import cache
from typing import NamedTuple

from extract.countries import demonym_plurals, find_countries
from extract.lexicon import table, words
from extract.lowercase import lowered, word_bytes
from extract.numbers import (
    PhraseFinder,
    Quantity,
    alternation,
    parse_quantity,
    quantity_first_words,
    quantity_source,
)
from extract.records import CasualtyClaim, claim_id
from extract.sentences import Sentence
from extract.speakers import Attribution

_NEGATION = re.compile(r"\b(?:no|not|none|zero|nor|without)\s+(?:\w+\s+)?$", re.IGNORECASE)
_BARE_YEAR = re.compile(r"(?:1[89]|20)\d\d")
_WORD_BEFORE = re.compile(r"(\w+)\.?\s+$")
_PRE_MODIFIER = re.compile(r"(?<![\w’'-])(?:[A-Z][\w’'-]*\s+){1,2}$")
# The look-behind (nothing of a word or number just before the year) stands after the year, so
# the pattern opens with a digit, which `re` skips to in C rather than trying every character.
_YEAR = re.compile(r"((?:1[89]|20)\d\d)(?<![\w.,]\d{4})(?![\w]|[.,]\d)")
_SINCE_YEAR = re.compile(r"\bsince\s+(?:\w+\s+)?$", re.IGNORECASE)
_SINCE_CLAUSE = re.compile(r"\bsince\s+(?:[\w’'-]+\s+){0,2}$", re.IGNORECASE)
# A toll summed over a long period is a running total, not the day's figure: "have been killed
# during the past month", "over the last two years", "so far this year", "since the start of".
_CUMULATIVE = re.compile(
    r"\b(?:during|in|over|within|throughout)\s+the\s+(?:past|last|previous)\s+"
    r"(?:[\w-]+\s+)?(?:months?|years?|decades?)\b"
    r"|\bso\s+far\s+this\s+(?:month|year)\b"
    r"|\bsince\s+the\s+(?:start|beginning|outbreak|onset)\s+of\b",
    re.IGNORECASE,
)
_CUMULATIVE_REACH = 160  # characters after a figure where its period may stand
_YEARS_AGO = re.compile(r"\b(\w+)\s+years?\s+ago\b|\b(?:last|previous)\s+year(?:['’]s)?\b", re.I)
_SIDE_AFTER = re.compile(
    r"\s+on\s+(?:the\s+)?(?P<side>[\w’'.-]+(?:\s+[\w’'.-]+)?)\s+side\b", re.IGNORECASE
)
_SUBJECT_PRONOUN = re.compile(
    r"\b(?:it|they|we)\s+(?:(?:has|had|have|also|reportedly)\s+)*$", re.IGNORECASE
)
# "12 civilians, including three children, were killed" (the commas may be missing, or be
# dashes); "412 people more than half of them fighters have been killed" (a partitive of the
# count: "N of them", "most of whom"); "18 jihadists from the group were killed", "18 militants
# reportedly including one foreigner were killed", "50 civilians in the province have been
# killed", "35 people in total died" (a short post-modifier of the victim noun).
_PARTITIVE = r"(?:[\w-]+\s+){0,3}?of\s+(?:them|whom|those)"
_PARENTHETICAL = (
    r"(?:(?:\s*[,\u2013\u2014-])?\s+(?:\w+ly\s+)?"
    rf"(?:including|among\s+them|mostly|{_PARTITIVE})\b"
    r"(?:(?!\s-\s)[^,;.\u2013\u2014]){0,60}?(?:\s*[,\u2013\u2014-])?\s+"
    r"|\s+(?:from|of|in)\s+(?:the\s+)?(?:(?!\d)[\w\u2019'-]+\s+){1,4}?|\s+)"
)
# "34 people were killed 6 of them women": a count that opens a partitive naming its own victims
# is a part of the figure before it, not a figure of its own ("killing 3 of them", "wounding
# dozens of them" are figures: "them" is who was hit).
_PARTITIVE_AFTER = r"\s+of\s+(?:them|whom|those)\s+(?:an?\s+)?"
# "killing according to the latest toll 44 civilians": an attribution between verb and count.
_ACCORDING = r"(?:according\s+to\s+(?:(?!\d)[\w\u2019'-]+\s+){1,4}?)?"
_MOD_STOP = (
    "were|was|is|are|have|has|had|been|who|which|that|in|on|at|by|after|from|with|to|for|"
    "as|when|while|but|and|or"
)
_ONE = Quantity(1, 1, "exact", 1)  # "a woman was killed"
_LIST_SEPARATOR = r"(?:\s*,\s+(?:and\s+)?|\s+and\s+)"
# "eight of the wounded", "11 of the dead": a count of some of the people another figure counts.
_OF_THE = re.compile(r"\s+of\s+(?:the|those|these)\s+", re.IGNORECASE)
#: Rules whose figure may open a list the same word governs: "killing 23 civilians and 16
#: fighters", "lost 5 soldiers and 2 officers".
_LISTS_AFTER = frozenset({"before", "lost"})


class _Match(NamedTuple):
    start: int
    end: int
    outcome: str
    quantity: Quantity | None
    victim: str | None
    victim_span: tuple[int, int]  # the words between the count and the victim noun, and the noun
    rule: str
    part_of: str | None = None  # the outcome of the larger figure this one counts part of


# Which rules a casualty word can complete, and whether the word opens the rule's pattern
# ("killing 12") or closes it ("12 were killed").
_RULES_OF_ROLE = {
    "after": ("after", "single", "unspecified"),
    "before": ("before",),
    "left": ("left",),
    "noun": ("noun",),
    "of": ("of",),
    "lives": ("lives", "lives_of"),
    "lost": ("lost",),
    "toll": ("toll",),
    "among": ("among",),
}
_CLOSED_BY_TRIGGER = frozenset({"after", "single", "unspecified", "left", "noun"})
_COUNT_FIRST = frozenset({"after", "noun"})  # the closed rules that start with their count
_LEFT_VERBS = ("left", "leaving", "leaves", "leave")
_ROLE_OF_RULE = {"unspecified": "after", "single": "after", "lives_of": "lives"}
_WINDOW = 120  # characters before a closing casualty word where its count and victim may stand


@dataclass(frozen=True)
class _Rules:
    trigger: PhraseFinder
    opener: re.Pattern[str]  # a word (or digit) where a closed rule may start
    opener_bytes: re.Pattern[bytes]  # where `opener` may match, in `word_bytes`
    opens: dict[str, frozenset[str]]  # opener word -> the closed rules that may start with it
    next_word: re.Pattern[str]  # a count or victim noun right after a casualty word
    next_listed: re.Pattern[str]  # ", and 16 fighters": the next counted victim of a list
    patterns: dict[str, re.Pattern[str]]
    rules_of_word: dict[str, tuple[str, ...]]
    outcome: dict[tuple[str, str], str]
    victims: dict[str, tuple[str, str]]
    own_side: re.Pattern[str]
    opens_partitive: re.Pattern[str]  # "of them women" after a count
    part_after: tuple[re.Pattern[str], ...]  # ", including 25 children", ", 5 of them women"
    fate_after: re.Pattern[str]  # "(two of the wounded) later died": what became of a part

    def victim_of(self, form: str | None) -> tuple[str | None, str | None]:
        """(normalised victim, kind) of a matched victim noun; (None, None) when there is none."""
        return self.victims.get(" ".join((form or "").lower().split()), (None, None))


@cache
def _rules() -> _Rules:
    rows = table("casualty_words")
    by_role: dict[str, list[str]] = {}
    for row in rows:
        by_role.setdefault(row["role"], []).append(row["word"])
    victims = _victim_nouns()

    def role(name: str) -> str:
        return alternation(by_role[name])

    q = rf"(?P<q>{quantity_source()})"
    # Words between a count and its victim noun ("49 of his country's", "70 regime and rebel"):
    # neither casualty words nor victim nouns, but for a victim noun right before another
    # ("rebel fighters", "police officers"); "and"/"or" only where a victim noun must follow.
    victim_forms = alternation(victims)
    not_mod = rf"(?:{_MOD_STOP}|{alternation({row['word'] for row in rows} | set(victims))})\b"
    victim_before_victim = rf"(?:{victim_forms})\s+(?=(?:{victim_forms})\b)"
    token = rf"(?:(?!\d)(?!{not_mod})[\w’'()-]+\s+|{victim_before_victim})"
    mod = rf"(?:(?:of\s+)?{token}){{0,4}}?"
    mod_and = rf"(?:(?:of\s+|and\s+|or\s+)?{token}){{0,4}}?"
    victim = rf"(?P<victim>{victim_forms})\b"
    partitive = rf"{_PARTITIVE_AFTER}(?:{victim_forms})\b"
    aux = (
        r"(?:(?:were|was|are|is|have|has|had|been|being|be|reportedly|also|all|allegedly|later|"
        r"subsequently|now|initially|confirmed|believed|feared|thought|said|estimated|reported|"
        r"to|either|\w+ly)\s+){0,5}"
    )
    with_victim = rf"(?:{mod_and}{victim}{_PARENTHETICAL})"
    # "23 civilians and 16 fighters were killed", "3 soldiers, 2 police and 5 civilians": the
    # first figures of a list that one verb closes (the last is a figure of its own).
    listed = (
        rf"(?:{_LIST_SEPARATOR}{quantity_source('listed')}\s+{mod_and}(?:{victim_forms})\b)"
    )
    with_listed = rf"(?:{mod_and}{victim}(?P<conj>{listed}{{1,3}})?{_PARENTHETICAL})"
    patterns = {
        "after": rf"{q}\s+{with_listed}?{aux}(?P<w>{role('after')})\b",
        "single": (
            rf"\b(?P<q>an?)\s+{mod}{victim}\s+(?:was|is|has\s+been|had\s+been|got)\s+{aux}"
            rf"(?P<w>{role('after')})\b"
        ),
        "before": (
            rf"\b(?P<w>{role('before')})\s+{_ACCORDING}{q}(?!{partitive})"
            rf"(?:\s+{mod_and}{victim})?"
        ),
        "left": (
            rf"\b(?:{alternation(_LEFT_VERBS)})\s+{q}\s+{with_victim}?"
            rf"(?P<conj>and\s+(?:[\w\u2019'-]+\s+){{1,3}}?)?(?P<w>{role('left')})\b"
        ),
        "noun": rf"{q}\s+{mod}(?P<w>{role('noun')})\b",
        "of": rf"\b(?P<w>{role('of')})\s+of\s+{q}(?:\s+{mod}{victim})?",
        "lives": rf"\b(?P<w>{role('lives')})\s+{q}\s+(?:[\w’'-]+\s+)?lives\b",
        "lives_of": (
            rf"\b(?P<w>{role('lives')})\s+(?:the\s+)?lives\s+of\s+{q}(?:\s+{mod}{victim})?"
        ),
        "lost": rf"\b(?P<w>{role('lost')})\s+{q}\s+{mod_and}{victim}",
        "toll": (
            rf"\b(?P<w>{role('toll')})\b[^.;:!?]{{0,60}}?\b(?:to|at|of|reached|reaches|hit|hits|"
            rf"topped|exceeded|surpassed|passed|is|was|stands|stood|now)\s+{q}"
        ),
        "unspecified": (
            rf"{victim}\s+(?:(?:have|has|had|were|was)\s+){aux}(?P<w>{role('after')})\b"
        ),
        "among": rf"\b(?P<w>{role('among')})\s+among\s+(?:the\s+)?{mod}{victim}",
    }
    rules_of_word: dict[str, tuple[str, ...]] = {}
    for row in rows:
        key = _word_key(row["word"])
        rules_of_word[key] = rules_of_word.get(key, ()) + _RULES_OF_ROLE[row["role"]]
    first_words = {
        "after": quantity_first_words(),
        "noun": quantity_first_words(),
        "single": {"a", "an"},
        "unspecified": {form.split()[0] for form in victims},
        "left": set(_LEFT_VERBS),
    }
    opens: dict[str, frozenset[str]] = {}
    for rule, firsts in first_words.items():
        for word in firsts:
            opens[word] = opens.get(word, frozenset()) | {rule}
    return _Rules(
        trigger=PhraseFinder(rules_of_word),
        opener=re.compile(rf"(?<![\w.,])\d|\b(?:{alternation(opens)})\b"),
        opener_bytes=re.compile(rb" (?=\d|(?:" + alternation(opens).encode() + rb")(?!\w))"),
        opens=opens,
        next_word=re.compile(rf"\s+(?:{q}|{victim})"),
        next_listed=re.compile(rf"{_LIST_SEPARATOR}{q}\s+{mod_and}{victim}"),
        patterns={name: re.compile(src) for name, src in patterns.items()},
        rules_of_word=rules_of_word,
        outcome={(row["role"], row["word"]): row["outcome"] for row in rows},
        victims=victims,
        opens_partitive=re.compile(partitive),
        part_after=(
            re.compile(
                r"\s*[,\u2013\u2014(-]?\s+(?:including|among\s+them|among\s+whom|of\s+whom)\s+"
                rf"{q}\s+{mod_and}{victim}"
            ),
            re.compile(rf"\s*[,\u2013\u2014(-]?\s+{q}{_PARTITIVE_AFTER}(?:were\s+)?{victim}"),
        ),
        fate_after=re.compile(
            rf"\s+{aux}(?P<w>{role('after')})\b|\s+(?:were|are)\s+{mod}{victim}"
        ),
        own_side=re.compile(
            rf"\b(?:{alternation(words('own_side_possessives'))})(?![\w])", re.IGNORECASE
        ),
    )


def find_casualties(
    doc_id: str,
    text: str,
    sentences: Sequence[Sentence],
    attributions: Sequence[Attribution | None],
    published_year: int | None,
) -> list[CasualtyClaim]:
    """Every casualty claim in the document, one per distinct figure."""
    rules = _rules()
    starts = [s.start for s in sentences]
    low = lowered(text)  # rules are lower-case patterns; offsets are the same in both
    per_sentence: dict[int, dict[tuple[int, int, str], _Match]] = {}
    for start, end in rules.trigger.spans(low):
        index = bisect_right(starts, start) - 1
        if index < 0 or end > sentences[index].end:
            continue
        found = per_sentence.setdefault(index, {})
        for match in _matches_at(text, low, sentences[index], start, end, rules):
            found[match.start, match.end, match.rule] = match
    claims: list[tuple[CasualtyClaim, int | None]] = []
    for index, found in sorted(per_sentence.items()):
        if not found:
            continue
        sentence = sentences[index]
        attribution = attributions[index] if index < len(attributions) else None
        era = _era(text, low, sentence, published_year)
        kept = _non_overlapping(found.values())
        parts = [part for match in kept if match.part_of is None
                 for part in _parts_after(text, low, match, sentence.end, rules)]
        for match in _non_overlapping([*kept, *parts]):
            claims.append(_claim(doc_id, text, low, sentence, match, attribution, era, rules))
    return _merged(claims)


def _word_key(word: str) -> str:
    return " ".join(word.lower().replace("’", "'").split())


def _matches_at(
    text: str, low: str, sentence: Sentence, start: int, end: int, rules: _Rules
) -> Iterator[_Match]:
    """The rules a casualty word can complete, tried where that word stands: patterns the word
    opens are matched at it; patterns it closes are matched from each place shortly before it
    where that rule's first word (a count, "a", a victim noun, "left") stands, and must end at
    it. Trying a rule only where it can start keeps the calls into the regex engine few."""
    rules_here = rules.rules_of_word.get(_word_key(low[start:end]), ())
    closed = [rule for rule in rules_here if rule in _CLOSED_BY_TRIGGER]
    if closed and _closes_clause(low, end, sentence.end, rules):
        starts = _openers(low, max(sentence.start, start - _WINDOW), start, rules)
        for rule in closed:
            pattern = rules.patterns[rule]
            for at, opened in starts:
                found = pattern.match(low, at, end) if rule in opened else None
                if found and found.end() == end and (match := _read(text, found, rule, rules)):
                    yield _fate(low, match, sentence.end, rules) if match.part_of else match
    for rule in rules_here:
        if rule not in _CLOSED_BY_TRIGGER:
            found = rules.patterns[rule].match(low, start, sentence.end)
            if found and (match := _read(text, found, rule, rules)) is not None:
                yield match
                if rule in _LISTS_AFTER and match.victim is not None:
                    yield from _listed_after(text, low, found.end(), sentence.end, match, rules)


def _listed_after(
    text: str, low: str, at: int, end: int, first: _Match, rules: _Rules
) -> Iterator[_Match]:
    """The further counted victims of a list that opens with `first`: the same word governs
    them all ("killing 23 civilians and 16 fighters")."""
    while (found := rules.next_listed.match(low, at, end)) is not None:
        quantity = parse_quantity(found["q"])
        victim, _kind = rules.victim_of(found["victim"])
        if quantity is None or _negated(text, found.start("q")):
            return
        yield first._replace(
            start=found.start("q"),
            end=found.end(),
            quantity=quantity,
            victim=victim,
            victim_span=(found.end("q"), found.end("victim")),
        )
        at = found.end()


def _fate(low: str, part: _Match, end: int, rules: _Rules) -> _Match:
    """What the sentence says of a part after naming it: "two of the wounded died" moves two
    people from the wounded to the dead (a killed figure, part of the wounded); "11 of the dead
    were civilians" says who they were."""
    found = rules.fate_after.match(low, part.end, end)
    if found is None:
        return part
    if found["victim"]:
        victim, _kind = rules.victim_of(found["victim"])
        return part._replace(end=found.end(), victim=victim,
                             victim_span=(found.start(), found.end()))
    outcome = rules.outcome.get(("after", " ".join(found["w"].split())))
    return part._replace(end=found.end(), outcome=outcome) if outcome else part


def _parts_after(text: str, low: str, whole: _Match, end: int, rules: _Rules) -> list[_Match]:
    """", including 25 children", ", 5 of them women" right after a figure: a part of it; and
    each further part of a list the cue opens (", including 5 children and 3 women")."""
    found = next(filter(None, (p.match(low, whole.end, end) for p in rules.part_after)), None)
    if found is None or (quantity := parse_quantity(found["q"])) is None:
        return []
    if _negated(text, found.start("q")):
        return []
    victim, _kind = rules.victim_of(found["victim"])
    cue = found.group()
    first = whole._replace(
        start=found.start() + len(cue) - len(cue.lstrip(" ,\u2013\u2014(-")),
        end=found.end(),
        quantity=quantity,
        victim=victim,
        victim_span=(found.end("q"), found.end("victim")),
        part_of=whole.outcome,
    )
    return [first, *_listed_after(text, low, first.end, end, first, rules)]


def _openers(low: str, window: int, end: int, rules: _Rules) -> list[tuple[int, frozenset[str]]]:
    """Where a closed rule may start in low[window:end], with the rules that may start there.
    `opener` is tried only where `word_bytes` has a digit or an opener word after a space: a
    pattern that opens with a look-behind would be tried at every character of the window."""
    starts = []
    for candidate in rules.opener_bytes.finditer(word_bytes(low), window, end + 1):
        found = rules.opener.match(low, candidate.start(), end)
        if found is not None:
            # A digit is the one opener not in `opens`: it starts a count.
            starts.append((found.start(), rules.opens.get(found.group(), _COUNT_FIRST)))
    return starts


def _closes_clause(low: str, at: int, end: int, rules: _Rules) -> bool:
    """A participle that closes "12 people injured" must not be a verb with an object ("killed
    30 people injured 90") or an adjective ("26 displaced people"). A count after it may only
    open the next clause of a headline ("10 killed 15 injured")."""
    following = rules.next_word.match(low, at, end)
    if following is None:
        return True
    if following["victim"]:
        return False
    if rules.opens_partitive.match(low, following.end()):
        return True  # "34 were killed 6 of them children": the count after is a part
    return rules.patterns["after"].match(low, following.start("q"), end) is not None


def _read(text: str, found: re.Match[str], rule: str, rules: _Rules) -> _Match | None:
    groups = found.groupdict()
    quantity = None
    if groups.get("q") is not None:
        if _negated(text, found.start("q")):
            return None
        quantity = _ONE if rule == "single" else parse_quantity(found["q"])
        if quantity is None:
            return None
    elif rule == "unspecified" and _negated(text, found.start()):
        return None
    role = _ROLE_OF_RULE.get(rule, rule)
    word = " ".join(found["w"].lower().split())
    outcome = rules.outcome.get((role, word))
    if outcome is None:
        return None
    victim, kind = rules.victim_of(groups.get("victim"))
    if quantity is not None and _looks_like_year(text, found, victim is None):
        return None  # "in 2014 killed", "20 October 2016 a child killed": a year, not a count
    if outcome == "arrested" and kind == "military":
        outcome = "captured"  # soldiers "detained" by the other side are prisoners of war
    start = found.start()
    if rule == "unspecified":  # "Chadian troops were wounded": the side stands before
        modifier = _PRE_MODIFIER.search(text, max(0, start - 40), start)
        start = modifier.start() if modifier else start
    if groups.get("victim") is None:
        victim_span = (start, start)
    elif groups.get("q") is not None:
        victim_span = (found.end("q"), found.end("victim"))
    else:
        victim_span = (start, found.end("victim"))
    # "leaving 23 civilians and 16 fighters dead": the first figure ends before the second
    end = len(text[: found.start("conj")].rstrip(" -,")) if groups.get("conj") else found.end()
    partitive = rule == "noun" and _OF_THE.match(text, found.end("q")) is not None
    part_of = outcome if partitive else None
    return _Match(start, end, outcome, quantity, victim, victim_span, rule, part_of)


def _negated(text: str, at: int) -> bool:
    """"no soldiers were killed", "not 12": a negation just before the figure at `at`."""
    return _NEGATION.search(text, max(0, at - 16), at) is not None


def _looks_like_year(text: str, found: re.Match[str], bare: bool) -> bool:
    """A four-digit 19xx/20xx count is a year when nothing is counted or a date leads to it."""
    if not _BARE_YEAR.fullmatch(found["q"].strip()):
        return False
    before = _WORD_BEFORE.search(text, max(0, found.start("q") - 12), found.start("q"))
    return bare or (before is not None and (before[1].isdigit() or before[1].lower() in _months()))


@cache
def _months() -> frozenset[str]:
    return frozenset(row["word"] for row in table("months"))


def _non_overlapping(matches: Iterable[_Match]) -> list[_Match]:
    """Where rules overlap on one figure, keep the counted reading, then the longer span."""
    ordered = sorted(matches, key=lambda m: (m.quantity is None, -(m.end - m.start), m.start))
    kept: list[_Match] = []  # disjoint, by start: a new match meets at most its two neighbours
    starts: list[int] = []
    for match in ordered:
        at = bisect_right(starts, match.start)
        if (at == 0 or kept[at - 1].end <= match.start) and (
            at == len(kept) or match.end <= kept[at].start
        ):
            kept.insert(at, match)
            starts.insert(at, match.start)
    return kept


def _claim(
    doc_id: str,
    text: str,
    low_text: str,
    sentence: Sentence,
    match: _Match,
    attribution: Attribution | None,
    era: _Era,
    rules: _Rules,
) -> tuple[CasualtyClaim, int | None]:
    speaker_country = attribution.country if attribution else None
    end = match.end
    side = _side(text, sentence, match, speaker_country, rules)
    after = _SIDE_AFTER.match(text, match.end, sentence.end)
    if after is not None:
        mentions = find_countries(text, after.start("side"), after.end("side"))
        if mentions:
            side = side or mentions[0].iso3
            end = after.end()
    reference, year = _time_reference(text, low_text, sentence, match.start, era)
    quantity = match.quantity
    low, high = (quantity.low, quantity.high) if quantity else (None, None)
    claim = CasualtyClaim(
        doc_id=doc_id,
        char_start=match.start,
        char_end=end,
        evidence=text[match.start : end],
        claim_id=claim_id(doc_id, "casualty", match.start, end, match.outcome, low, high),
        outcome=match.outcome,  # type: ignore[typeddict-item]
        count_low=low,
        count_high=high,
        qualifier=quantity.qualifier if quantity else "unspecified",  # type: ignore[typeddict-item]
        victim=match.victim,
        side=side,
        speaker=attribution.speaker if attribution else None,
        speaker_country=speaker_country,
        time_reference=reference,
        reference_year=year,
        part_of=match.part_of,  # type: ignore[typeddict-item]
        sentence_start=sentence.start,
        sentence_end=sentence.end,
    )
    return claim, quantity.stated if quantity else None


def _side(
    text: str, sentence: Sentence, match: _Match, speaker_country: str | None, rules: _Rules
) -> str | None:
    """Whose people they were: a demonym or country before the victim noun ("Peruvian
    soldiers", "of Syria's army"), the speaker's own side for "its"/"his country's" soldiers,
    or the subject of "lost" ("it lost 12 soldiers")."""
    start, end = match.victim_span
    if end > start:
        mentions = find_countries(text, start, end)
        if mentions:
            return mentions[0].iso3
        if rules.own_side.search(text, start, end):
            return speaker_country
    if match.rule == "lost":
        before = text[max(sentence.start, match.start - 40) : match.start]
        if _SUBJECT_PRONOUN.search(before):
            return speaker_country
        mentions = find_countries(before)
        if mentions and before[mentions[-1].end :].strip().lower() in ("", "has", "had", "have"):
            return mentions[-1].iso3
    return None


class _Era(NamedTuple):
    """What a sentence says about earlier times, read once for all the figures in it."""

    earlier_years: tuple[tuple[int, int], ...]  # (offset, year) before publication, not "since"
    years_ago: int | None  # "two years ago", "last year's": the year meant, when known
    says_ago: bool


def _era(text: str, low: str, sentence: Sentence, published_year: int | None) -> _Era:
    earlier: list[tuple[int, int]] = []
    if published_year is not None:
        for year in _YEAR.finditer(text, sentence.start, sentence.end):
            value = int(year.group(1))
            comparison = _SINCE_YEAR.search(
                text, max(sentence.start, year.start() - 12), year.start()
            )
            if value < published_year and not comparison:
                earlier.append((year.start(), value))
    ago = None
    if low.find("year", sentence.start, sentence.end) >= 0:  # the one word all its forms share
        ago = _YEARS_AGO.search(text, sentence.start, sentence.end)
    if ago is None:
        return _Era(tuple(earlier), None, False)
    years = _count_word(ago.group(1)) if ago.group(1) else 1
    meant = published_year - years if published_year and years else None
    return _Era(tuple(earlier), meant if meant is not None and meant >= 1 else None, True)


def _time_reference(
    text: str, low: str, sentence: Sentence, at: int, era: _Era
) -> tuple[str, int | None]:
    """Background when the clause is about an earlier happening: an explicit earlier year that
    is not a comparison ("since 2020"), "N years ago", "last year's", a "since" clause, or a
    running total over a long period ("killed during the past month")."""
    if era.earlier_years:
        return "background", min((abs(start - at), year) for start, year in era.earlier_years)[1]
    if era.says_ago:
        return "background", era.years_ago
    reach = max(sentence.start, at - 30)
    if low.find("since", reach, at) >= 0 and _SINCE_CLAUSE.search(text, reach, at):
        years = [int(y.group(1)) for y in _YEAR.finditer(text, at, sentence.end)]
        return "background", years[0] if years else None
    if _CUMULATIVE.search(text, at, min(sentence.end, at + _CUMULATIVE_REACH)):
        return "background", None
    return "main", None


def _count_word(word: str) -> int | None:
    if word.lower() in ("a", "an"):
        return 1
    quantity = parse_quantity(word)
    return quantity.stated if quantity else None


def _merged(claims: list[tuple[CasualtyClaim, int | None]]) -> list[CasualtyClaim]:
    """One claim per figure: the same outcome and stated number at the same time, unless one
    counts soldiers and the other civilians (a headline repeated in the body, "at least one"
    and "one" of the same soldiers), are one claim; the reading with a side and an exact count
    wins."""
    kept: list[tuple[CasualtyClaim, int | None]] = []
    for claim, stated in claims:
        twin = next((i for i, (k, s) in enumerate(kept) if _same_figure(k, s, claim, stated)), None)
        if twin is None:
            kept.append((claim, stated))
        elif _preference(claim) > _preference(kept[twin][0]):
            kept[twin] = (claim, stated)
    return [claim for claim, _ in kept]


def _same_figure(
    a: CasualtyClaim, a_stated: int | None, b: CasualtyClaim, b_stated: int | None
) -> bool:
    if a["outcome"] != b["outcome"] or a["time_reference"] != b["time_reference"]:
        return False
    if a["part_of"] != b["part_of"]:
        return False  # "five killed" and "five of the dead were children" are two figures
    if a["side"] and b["side"] and a["side"] != b["side"]:
        return False
    if {_victim_kind(a["victim"]), _victim_kind(b["victim"])} == {"military", "civilian"}:
        return False  # "two soldiers and two civilians"; "others" may be either
    if a_stated is None or b_stated is None:
        return a_stated is b_stated and a["victim"] == b["victim"] and a["side"] == b["side"]
    return a_stated == b_stated


@cache
def _victim_nouns() -> dict[str, tuple[str, str]]:
    """Victim noun form -> (normalised victim, kind): the lexicon's nouns, and the plurals of
    demonyms ("12 Syrians were killed"), which count people of that country, of no class."""
    nouns = {row["form"]: (row["victim"], row["kind"]) for row in table("victim_nouns")}
    for plural in demonym_plurals():
        nouns.setdefault(plural, ("people", "person"))
    return nouns


@cache
def _victim_kinds() -> dict[str, str]:
    return {victim: kind for victim, kind in _victim_nouns().values()}


def _victim_kind(victim: str | None) -> str | None:
    return _victim_kinds().get(victim) if victim else None


_QUALIFIER_RANK = ("exact", "at_least", "about", "range", "more_than", "up_to", "vague")


def _preference(claim: CasualtyClaim) -> tuple[bool, int, bool]:
    """Of two readings of one figure keep the one with a side, then the most literal count."""
    rank = _QUALIFIER_RANK.index(claim["qualifier"]) if claim["qualifier"] in _QUALIFIER_RANK else 9
    return (claim["side"] is not None, -rank, claim["speaker"] is not None)
