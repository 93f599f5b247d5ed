"""Event claims: each anchored time bound to what happened then, where, in which sentence.

Why this simple binding: in news a dated happening and its time sit in one sentence, and the
trigger word nearest the time ("shelling", "ceasefire", "met") names it; a generic reporting
verb ("said") only wins when nothing else is there. Clause breaks (commas, semicolons, dashes)
count as distance, so "attacks were still ongoing as of 0800, despite the ceasefire" binds the
time to the attacks. Types and triggers live in `lexicon/event_types.csv` (CAMEO root codes),
read by `triggers.py`.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections.abc import Callable, Sequence
from datetime import timedelta
from functools import cache
from typing import NamedTuple

from corroborate.extract.lexicon import words
from corroborate.extract.lowercase import lowered
from corroborate.extract.places import PlaceMention, find_places
from corroborate.extract.records import EventClaim, Publication, TimeExpression, claim_id
from corroborate.extract.sentences import Sentence
from corroborate.extract.times.datelines import is_time_stamp
from corroborate.extract.times.summaries import opens_result_clause, summarise
from corroborate.extract.times.tagger import reference_of
from corroborate.extract.times.triggers import Trigger, find_triggers, lowest_penalty

# A clause break: a comma, semicolon, colon, dash or bracket, or a hyphen between spaces. One
# character class first, so that `re` skips to the candidates in C; the space before a hyphen
# is added to its span in `_Clauses.of`.
_CLAUSE_BREAK = re.compile(r"[-,;:—–()\[\]](?:(?<=\s-)\s|(?<!-))")
_CLAUSE_COST = 40
_MAX_COST = 200  # a trigger this far from a time, clause breaks counted, is about another one
# A time this long before the DCT's period is about an earlier happening (a background event).
_BACKGROUND_GAP = timedelta(days=90)
_UNANCHORED_VALUES = ("PRESENT_REF", "PAST_REF", "FUTURE_REF")
_SPEECH_TYPES = frozenset({"statement", "accusation"})
# What opens the content of a speech act: "accused X of ...", "said that ...", a quote.
_COMPLEMENT = re.compile(r"\b(?:of|that)\b|[\"“]")


class _Clauses(NamedTuple):
    """A sentence's triggers and clause breaks with their offsets, found once per sentence:
    counting the breaks between a time and each trigger with a search of its own made a long
    sentence cubic."""

    triggers: list[Trigger]
    trigger_starts: list[int]
    trigger_ends: list[int]
    break_starts: list[int]
    break_ends: list[int]
    low: str  # the sentence in lower case, offsets kept

    @classmethod
    def of(cls, lower: str, sentence: Sentence) -> _Clauses:
        triggers = find_triggers(lower, sentence)
        breaks = [
            (match.start() - (match.group()[0] == "-"), match.end())
            for match in _CLAUSE_BREAK.finditer(sentence.text)
        ]
        return cls(
            triggers,
            [t.start for t in triggers],
            [t.end for t in triggers],
            [start for start, _ in breaks],
            [end for _, end in breaks],
            lower[sentence.start : sentence.end],
        )

    def only(self, keep: Callable[[Trigger], bool]) -> _Clauses:
        """The same sentence with only the triggers `keep` admits."""
        triggers = [trigger for trigger in self.triggers if keep(trigger)]
        return self._replace(
            triggers=triggers,
            trigger_starts=[t.start for t in triggers],
            trigger_ends=[t.end for t in triggers],
        )

    def breaks_between(self, start: int, end: int) -> int:
        return max(0, bisect_right(self.break_ends, end) - bisect_left(self.break_starts, start))


def _nearest(clauses: _Clauses, start: int, end: int) -> Trigger | None:
    """The trigger with the least distance to [start, end), clause breaks and penalty added;
    triggers inside the time expression itself do not count, nor one so far away that it names
    another clause's happening ("During the fighting, X took control of ..., which ..., and
    regained districts that troops had occupied since the early 1990s"). A cost is at least
    the distance plus the lowest penalty, so the search walks outwards from the time and stops
    once that passes the best."""
    triggers = clauses.triggers

    def cost(trigger: Trigger) -> int:
        gap_start, gap_end = (trigger.end, start) if trigger.end <= start else (end, trigger.start)
        breaks = clauses.breaks_between(gap_start, gap_end)
        return gap_end - gap_start + _CLAUSE_COST * breaks + trigger.penalty

    before = bisect_right(clauses.trigger_ends, start)
    after = bisect_left(clauses.trigger_starts, end)
    best: tuple[int, int] | None = None
    for indices, distance in (
        (range(before - 1, -1, -1), lambda t: start - t.end),
        (range(after, len(triggers)), lambda t: t.start - end),
    ):
        for index in indices:
            if best is not None and distance(triggers[index]) + lowest_penalty() > best[0]:
                break
            candidate = (cost(triggers[index]), index)
            best = candidate if best is None else min(best, candidate)
    return triggers[best[1]] if best is not None and best[0] <= _MAX_COST else None


def _named_happening(clauses: _Clauses, trigger: Trigger | None) -> Trigger | None:
    """The trigger that names the happening where grammar overrides nearness. A result clause
    (", killing 12") tells what the happening before it did, so the trigger of the clause before
    names it ("a car bomb exploded in the market on Monday, killing 12"). A verb news uses of
    natural forces as of armies ("struck") names the disaster its clause opens with ("heavy
    flooding in the south struck on Monday")."""
    if trigger is None:
        return None
    low = clauses.low
    if opens_result_clause(low, trigger.start):
        comma = low.rfind(",", 0, trigger.start)
        return _last_trigger(clauses, comma, lambda t: t.event_type not in _SPEECH_TYPES) or trigger
    if low[trigger.start : trigger.end] in _disaster_verbs():
        return _last_trigger(clauses, trigger.start, lambda t: t.penalty < 0) or trigger
    return trigger


def _last_trigger(
    clauses: _Clauses, at: int, keep: Callable[[Trigger], bool]
) -> Trigger | None:
    """The last trigger before `at`, in the clause `at` stands in, that `keep` admits."""
    for trigger in reversed(clauses.triggers[: bisect_right(clauses.trigger_ends, at)]):
        if clauses.breaks_between(trigger.end, at):
            return None
        if keep(trigger):
            return trigger
    return None


@cache
def _disaster_verbs() -> frozenset[str]:
    return frozenset(words("disaster_verbs"))


def _alleged(
    clauses: _Clauses, sentence: str, start: int, end: int, trigger: Trigger | None
) -> Trigger | None:
    """A time inside what a speaker says dates what the speaker alleges, not the saying:
    "accused the rebels of carrying out attacks earlier on Monday night" is an attack on
    Monday night, on the speaker's word (the event claim carries the speaker); with no happening
    named, it is `other`, from the complement on. A statement is dated when it was said: "said
    Tuesday", "said in a statement on Tuesday", "on Tuesday accused" keep the speech act."""
    if trigger is None or trigger.event_type not in _SPEECH_TYPES or trigger.end > start:
        return trigger
    complement = _COMPLEMENT.search(sentence, trigger.end, start)
    if complement is None:
        return trigger
    content = clauses.only(
        lambda t: t.start >= complement.start() and t.event_type not in _SPEECH_TYPES
    )
    alleged = _nearest(content, start, end)
    return alleged or Trigger(complement.start(), complement.end(), "other", 0)


def find_events(
    doc_id: str,
    text: str,
    sentences: Sequence[Sentence],
    expressions: Sequence[TimeExpression],
    publication: Publication,
) -> list[EventClaim]:
    """One claim per anchored DATE or TIME expression. Speaker fields stay None: the
    orchestrator fills them from the speaker module."""
    reference = reference_of(publication)
    period_start = reference.first
    claims: list[EventClaim] = []
    cached: dict[int, tuple[_Clauses, Sequence[PlaceMention]]] = {}
    times = _times_by_sentence(expressions, sentences)
    summaries: dict[tuple[int, int, int, str], str] = {}
    for expression in filter(_anchored, expressions):
        index = _sentence_index(expression, sentences)
        sentence = sentences[index] if sentences else Sentence(0, len(text), text)
        if index not in cached:
            cached[index] = (
                _Clauses.of(lowered(text), sentence),
                find_places(text, sentence.start, sentence.end),
            )
        clauses, places = cached[index]
        local_start = expression["char_start"] - sentence.start
        local_end = expression["char_end"] - sentence.start
        trigger = _named_happening(clauses, _nearest(clauses, local_start, local_end))
        trigger = _alleged(clauses, sentence.text, local_start, local_end, trigger)
        if trigger is None and (
            len(sentence.text) - (local_end - local_start) < 12
            or is_time_stamp(sentence.text, times.get(index, ()))
        ):
            continue  # a date line, not a happening
        event_type = trigger.event_type if trigger else "other"
        place = _place(places, sentence.start + (trigger.start if trigger else local_start))
        anchor = (trigger.start, trigger.end) if trigger else (local_start, local_end)
        summary_key = (index, *anchor, event_type)
        if summary_key not in summaries:
            summaries[summary_key] = summarise(
                sentence, anchor, times.get(index, ()), event_type, place
            )
        background = (
            period_start is not None
            and period_start - expression["end_utc"].date() > _BACKGROUND_GAP
        )
        claims.append(
            _claim(
                doc_id,
                text,
                sentence,
                index,
                expression,
                trigger,
                place,
                summaries[summary_key],
                background,
            )
        )
    return claims


def _anchored(expression: TimeExpression) -> bool:
    """A DATE or TIME that the calendar places, so that a happening can be dated by it."""
    return (
        expression["start_utc"] is not None
        and expression["end_utc"] is not None
        and expression["precision"] is not None
        and expression["type"] in ("DATE", "TIME")
        and expression["value"] not in _UNANCHORED_VALUES
    )


def _claim(
    doc_id: str,
    text: str,
    sentence: Sentence,
    index: int,
    expression: TimeExpression,
    trigger: Trigger | None,
    place: PlaceMention | None,
    summary: str,
    background: bool,
) -> EventClaim:
    """The claim of one time and its happening; its evidence spans both."""
    local_start = expression["char_start"] - sentence.start
    local_end = expression["char_end"] - sentence.start
    event_type = trigger.event_type if trigger else "other"
    span_start = min(local_start, trigger.start) if trigger else local_start
    span_end = max(local_end, trigger.end) if trigger else local_end
    char_start, char_end = sentence.start + span_start, sentence.start + span_end
    start_utc = expression["start_utc"]
    claim: EventClaim = {
        "doc_id": doc_id,
        "char_start": char_start,
        "char_end": char_end,
        "evidence": text[char_start:char_end],
        "sentence_start": sentence.start,
        "sentence_end": sentence.end,
        "claim_id": claim_id(doc_id, "event", char_start, char_end, event_type, start_utc),
        "event_type": event_type,
        "occurred_start": start_utc,  # type: ignore[typeddict-item]
        "occurred_end": expression["end_utc"],  # type: ignore[typeddict-item]
        "precision": expression["precision"],  # type: ignore[typeddict-item]
        "time_text": expression["text"],
        "place": place.place.name if place else None,
        "place_country": place.place.country if place else None,
        "speaker": None,
        "speaker_country": None,
        "time_reference": "background" if background else "main",
        "reference_year": start_utc.year if background and start_utc else None,
        "summary": summary,
    }
    extra = {
        "time_char_start": expression["char_start"],
        "time_char_end": expression["char_end"],
        "time_value": expression["value"],
        "sentence_index": index,
    }
    for key in ("zone_note", "conflict"):
        if expression.get(key):
            extra[key] = expression[key]  # type: ignore[literal-required]
    claim.update(extra)  # type: ignore[typeddict-item]
    return claim


def _times_by_sentence(
    expressions: Sequence[TimeExpression], sentences: Sequence[Sentence]
) -> dict[int, list[tuple[int, int]]]:
    """The dates and clock times of each sentence, with offsets into it: a summary leaves them
    out (the timeline shows the time in a column of its own)."""
    times: dict[int, list[tuple[int, int]]] = {}
    for expression in expressions:
        if expression["type"] in ("DATE", "TIME") and sentences:
            index = _sentence_index(expression, sentences)
            offset = sentences[index].start
            times.setdefault(index, []).append(
                (expression["char_start"] - offset, expression["char_end"] - offset)
            )
    return times


def _sentence_index(expression: TimeExpression, sentences: Sequence[Sentence]) -> int:
    index = expression.get("sentence_index")
    if isinstance(index, int) and index < len(sentences):
        return index
    position = expression["char_start"]
    return next((i for i, s in enumerate(sentences) if s.start <= position < s.end + 1), 0)


def _place(places: Sequence[PlaceMention], near: int) -> PlaceMention | None:
    """The place of a happening: the first city its sentence names, else the first province
    or state ("the University of Alabama at Birmingham" is Birmingham), else the nearest
    country."""
    for kind in ("city", "region"):
        first = next((mention for mention in places if mention.place.kind == kind), None)
        if first is not None:
            return first
    return min(places, key=lambda mention: abs(mention.start - near), default=None)
