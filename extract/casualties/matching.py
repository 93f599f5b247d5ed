"""Matching the casualty grammar where a casualty word stands: each rule tried only where it can
start, the readings of one figure reduced to one, and the parts of a figure ("eight of the
wounded", ", including 25 children") and what became of them ("two of the wounded died").

Why: a document has few casualty words and many characters, so the rules run from those words
outwards rather than over the whole text.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Iterable, Iterator
from functools import cache
from typing import NamedTuple

from corroborate.extract.casualties.grammar import Rules, word_key
from corroborate.extract.lexicon import table
from corroborate.extract.lowercase import word_bytes
from corroborate.extract.numbers import Quantity, parse_quantity
from corroborate.extract.sentences import Sentence

_NEGATION = re.compile(r"\b(?:no|not|none|zero|nor|without)\s+(?:\w+\s+)?$", re.IGNORECASE)
_BARE_YEAR = re.compile(r"(?:1[89]|20)\d\d")
_WORD_BEFORE = re.compile(r"(\w+)\.?\s+$")
_PRE_MODIFIER = re.compile(r"(?<![\w’'-])(?:[A-Z][\w’'-]*\s+){1,2}$")
_ONE = Quantity(1, 1, "exact", 1)  # "a woman was killed"
# A count of people takes a plural verb: "8,900 is missing" counts a thing ("the Curve 8900").
_SINGULAR_VERB = re.compile(r"\s+(?:is|was|has)\b", re.IGNORECASE)
# "eight of the wounded", "11 of the dead": a count of some of the people another figure counts.
_OF_THE = re.compile(r"\s+of\s+(?:the|those|these)\s+", re.IGNORECASE)
#: Rules whose figure may open a list the same word governs: "killing 23 civilians and 16
#: fighters", "lost 5 soldiers and 2 officers".
_LISTS_AFTER = frozenset({"before", "lost"})
_CLOSED_BY_TRIGGER = frozenset({"after", "single", "unspecified", "left", "noun"})
_COUNT_FIRST = frozenset({"after", "noun"})  # the closed rules that start with their count
_ROLE_OF_RULE = {"unspecified": "after", "single": "after", "lives_of": "lives"}
_WINDOW = 120  # characters before a closing casualty word where its count and victim may stand


class Match(NamedTuple):
    start: int
    end: int
    outcome: str
    quantity: Quantity | None
    victim: str | None
    victim_span: tuple[int, int]  # the words between the count and the victim noun, and the noun
    rule: str
    part_of: str | None = None  # the outcome of the larger figure this one counts part of


def matches_at(
    text: str, low: str, sentence: Sentence, start: int, end: int, rules: Rules
) -> Iterator[Match]:
    """The rules a casualty word can complete, tried where that word stands: patterns the word
    opens are matched at it; patterns it closes are matched from each place shortly before it
    where that rule's first word (a count, "a", a victim noun, "left") stands, and must end at
    it. Trying a rule only where it can start keeps the calls into the regex engine few."""
    rules_here = rules.rules_of_word.get(word_key(low[start:end]), ())
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
    text: str, low: str, at: int, end: int, first: Match, rules: Rules
) -> Iterator[Match]:
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


def _fate(low: str, part: Match, end: int, rules: Rules) -> Match:
    """What the sentence says of a part after naming it: "two of the wounded died" moves two
    people from the wounded to the dead (a killed figure, part of the wounded); "11 of the dead
    were civilians" says who they were."""
    found = rules.fate_after.match(low, part.end, end)
    if found is None:
        return part
    if found["victim"]:
        victim, _kind = rules.victim_of(found["victim"])
        return part._replace(
            end=found.end(), victim=victim, victim_span=(found.start(), found.end())
        )
    outcome = rules.outcome.get(("after", " ".join(found["w"].split())))
    return part._replace(end=found.end(), outcome=outcome) if outcome else part


def parts_after(text: str, low: str, whole: Match, end: int, rules: Rules) -> list[Match]:
    """ ", including 25 children", ", 5 of them women" right after a figure: a part of it; and
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


def _openers(low: str, window: int, end: int, rules: Rules) -> list[tuple[int, frozenset[str]]]:
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


def _closes_clause(low: str, at: int, end: int, rules: Rules) -> bool:
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


def _read(text: str, found: re.Match[str], rule: str, rules: Rules) -> Match | None:
    groups = found.groupdict()
    quantity = None
    if groups.get("q") is not None:
        if _negated(text, found.start("q")):
            return None
        quantity = _ONE if rule == "single" else parse_quantity(found["q"])
        if quantity is None or _names_a_thing(found, rule, quantity):
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
    return Match(start, end, outcome, quantity, victim, victim_span, rule, part_of)


def _names_a_thing(found: re.Match[str], rule: str, quantity: Quantity) -> bool:
    """A count above one with no victim noun and a singular verb after it ("the Curve 8900 is
    missing"): the number names a thing, not people."""
    return (
        rule == "after" and found.group("victim") is None and quantity.stated > 1
        and _SINGULAR_VERB.match(found.string, found.end("q")) is not None
    )


def _negated(text: str, at: int) -> bool:
    """ "no soldiers were killed", "not 12": a negation just before the figure at `at`."""
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


def non_overlapping(matches: Iterable[Match]) -> list[Match]:
    """Where rules overlap on one figure, keep the counted reading, then the longer span."""
    ordered = sorted(matches, key=lambda m: (m.quantity is None, -(m.end - m.start), m.start))
    kept: list[Match] = []  # disjoint, by start: a new match meets at most its two neighbours
    starts: list[int] = []
    for match in ordered:
        at = bisect_right(starts, match.start)
        if (at == 0 or kept[at - 1].end <= match.start) and (
            at == len(kept) or match.end <= kept[at].start
        ):
            kept.insert(at, match)
            starts.insert(at, match.start)
    return kept
