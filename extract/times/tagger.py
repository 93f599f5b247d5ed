"""From a document to its TimeExpression records: scan, read, anchor, zone, convert to UTC.

Why a separate step from `normalise`: anchoring needs the document around a span. A clock
time without a date takes the day another expression of its sentence names, else the DCT's; a
clock or part of the day needs the zone of the place its sentence (or the document) talks about;
and a document that explains its "local time" once ("0005 local time (GMT +4)") means the same
zone each time it says "local time".
"""

from __future__ import annotations

import re
from bisect import bisect_right
from calendar import monthrange
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from typing import Any, TypeVar

from corroborate.extract.lowercase import lowered
from corroborate.extract.places import PlaceMention, find_places
from corroborate.extract.records import Publication, TimeExpression
from corroborate.extract.sentences import Sentence
from corroborate.extract.times import normalise as nm
from corroborate.extract.times.scanner import Candidate, scan
from corroborate.extract.times.values import is_calendar_value
from corroborate.extract.times.zones import UTC_ZONE, Zone, named_zone, to_utc, zone_of_places

# What puts a sentence in the future tense, read on the lower-cased text. Most sentences hold
# none of the words these open with, and a substring test says so faster than the pattern can.
_FUTURE_PHRASES = (
    "will",
    "won't",
    "shall",
    "going to",
    "plan to",
    "plans to",
    "planned to",
    "expected to",
    "scheduled to",
    "intend to",
    "intends to",
)
_FUTURE = re.compile(
    r"\b(?:" + "|".join(p.replace(" ", r"\s+") for p in _FUTURE_PHRASES) + r")\b|'ll\b"
)
_FUTURE_WORDS = (*dict.fromkeys(phrase.split()[0] for phrase in _FUTURE_PHRASES), "'ll")
_DAY_FAMILIES = frozenset({"date", "weekday", "relday", "iso"})
_T = TypeVar("_T")


def reference_of(publication: Publication) -> nm.Reference:
    """The DCT as the first and last day of its period (one day for a day-precise DCT)."""
    published, precision = publication["published_at"], publication["published_precision"]
    if published is None:
        return nm.Reference(None, None, None)
    day = published.date()
    if precision == "month":
        last = day.replace(day=monthrange(day.year, day.month)[1])
        return nm.Reference(day.replace(day=1), last, "month")
    if precision in ("year", "decade"):
        return nm.Reference(date(day.year, 1, 1), date(day.year, 12, 31), "year")
    return nm.Reference(day, day, "day")


@dataclass
class _Document:
    """What reading one span may need from the rest of the document, computed when first
    needed: a sentence's tense, the places it names, the zone the document explains."""

    text: str
    sentences: Sequence[Sentence]
    reference: nm.Reference
    starts: list[int] = field(default_factory=list)
    _future: dict[int, bool] = field(default_factory=dict)
    local_zone: Zone | None = None
    _document_zone: Zone | None = None
    _document_zone_known: bool = False

    def __post_init__(self) -> None:
        self.starts = [sentence.start for sentence in self.sentences]

    def sentence_of(self, position: int) -> int:
        return max(0, bisect_right(self.starts, position) - 1)

    def future(self, index: int) -> bool:
        if index not in self._future:
            self._future[index] = bool(self.sentences) and _is_future(
                lowered(self.text), self.sentences[index]
            )
        return self._future[index]

    def places(self, index: int) -> Sequence[PlaceMention]:
        if not self.sentences:
            return find_places(self.text)
        sentence = self.sentences[index]
        return find_places(self.text, sentence.start, sentence.end)

    def zone_for(self, index: int, position: int, local: bool) -> tuple[Zone, str | None]:
        """The zone of a wall-clock time with no zone of its own, and a note on how it was found.
        "local time" prefers the document's own explanation of it."""
        if local and self.local_zone is not None:
            return self.local_zone, "local time as the document states it"
        zone = zone_of_places(self.places(index), position)
        if zone is not None:
            return zone, f"zone of the place named in the sentence ({zone.name})"
        if self.local_zone is not None:
            return self.local_zone, "local time as the document states it"
        zone = self.document_zone()
        if zone is not None:
            return zone, f"zone of the place the document names first ({zone.name})"
        return UTC_ZONE, "no zone or place given: read as UTC"

    def document_zone(self) -> Zone | None:
        if not self._document_zone_known:
            self._document_zone_known = True
            mentions = find_places(self.text)
            self._document_zone = zone_of_places(mentions, 0)
        return self._document_zone


def _is_future(lower: str, sentence: Sentence) -> bool:
    """Whether the sentence speaks of the future ("will", "is expected to", "they'll")."""
    words = lower[sentence.start : sentence.end]
    return any(word in words for word in _FUTURE_WORDS) and bool(
        _FUTURE.search(lower, sentence.start, sentence.end)
    )


def tag_time_expressions(
    doc_id: str, text: str, sentences: Sequence[Sentence], publication: Publication
) -> list[TimeExpression]:
    """Every temporal expression in `text` with its TimeML type and value, and where anchored
    its UTC interval and precision. `evidence`-style exactness: text[char_start:char_end]."""
    document = _Document(text, sentences, reference_of(publication))
    candidates = list(scan(text))
    document.local_zone = _stated_local_zone(text, candidates)
    readings: list[tuple[Candidate, nm.Reading]] = []
    clocks: list[int] = []
    quarter: nm.Reading | None = None
    for candidate in candidates:
        if candidate.family == "game_clock":
            continue  # time elapsed or left in a game: no time of day
        if candidate.family == "clock":
            clocks.append(len(readings))
            readings.append((candidate, nm.Reading("TIME", "")))
            continue
        reading = _unless_unreadable(_read, candidate, text, document)
        if reading is None:
            continue
        if candidate.family == "quarter" and reading.period is not None:
            quarter = reading
        elif quarter is not None and _year_before(candidate, text, reading):
            reading = nm.year_before(quarter)
        readings.append((candidate, reading))
    records = [_unless_unreadable(_record, doc_id, text, c, r, document) for c, r in readings]
    for index in clocks:
        records[index] = _unless_unreadable(
            _clock_record, doc_id, text, readings[index][0], readings, document
        )
    return [
        record for record in records if record is not None and is_calendar_value(record["value"])
    ]


def _unless_unreadable(read: Callable[..., _T], *args: Any) -> _T | None:
    """One expression's reading, or None when it names no representable time ("3000 years
    ago" against a DCT in 2022, "123456789 days ago", "next year" in 9999): the expression is
    dropped, never the document."""
    try:
        return read(*args)
    except (ValueError, OverflowError):
        return None


_YEAR_BEFORE = re.compile(r"(?:a|one|the)?\s*year[\s-]+(?:ago|earlier)", re.IGNORECASE)


def _year_before(candidate: Candidate, text: str, reading: nm.Reading) -> bool:
    """ "a year ago", "a year earlier", "the year-earlier": after a quarter has been mentioned,
    financial news means that quarter a year before (HeidelTime's "last mentioned unit")."""
    return reading.period is not None and bool(
        _YEAR_BEFORE.search(text, candidate.start, candidate.end)
    )


def _read(candidate: Candidate, text: str, document: _Document) -> nm.Reading:
    phrase = text[candidate.start : candidate.end]
    family = candidate.family
    reference = document.reference
    if family in ("date", "weekday", "relday", "month", "season", "year", "decade"):
        future = document.future(document.sentence_of(candidate.start))
        return nm.read_calendar(phrase, reference, future)
    if family == "iso":
        return nm.read_iso(phrase)
    if family == "relunit":
        return nm.read_relunit(phrase, reference)
    if family == "ago":
        return nm.read_ago(phrase, reference)
    if family == "quarter":
        return nm.read_quarter(phrase, reference)
    if family == "duration":
        return nm.read_duration(phrase)
    if family == "set":
        return nm.read_set(phrase)
    return nm.read_reference(phrase)


def _record(
    doc_id: str, text: str, candidate: Candidate, reading: nm.Reading, document: _Document
) -> TimeExpression | None:
    end = candidate.end - reading.end_trim
    index = document.sentence_of(candidate.start)
    record = _base(doc_id, text, candidate.start, end, reading, index)
    period = reading.period
    if period is not None:
        zone, note = (
            document.zone_for(index, candidate.start, local=False) if period.wall else (None, None)
        )
        start, finish = nm.to_utc_bounds(period, lambda wall: to_utc(wall, zone or UTC_ZONE))
        record.update(start_utc=start, end_utc=finish, precision=period.precision)
        if note:
            record["zone_note"] = note
    return record


def _base(
    doc_id: str, text: str, start: int, end: int, reading: nm.Reading, index: int
) -> TimeExpression:
    record: TimeExpression = {
        "doc_id": doc_id,
        "char_start": start,
        "char_end": end,
        "text": text[start:end],
        "type": reading.type,  # type: ignore[typeddict-item]
        "value": reading.value,
        "start_utc": None,
        "end_utc": None,
        "precision": None,
    }
    record["sentence_index"] = index  # type: ignore[typeddict-unknown-key]
    return record


def _stated_local_zone(text: str, candidates: Sequence[Candidate]) -> Zone | None:
    """The zone a document gives its "local time" once, as in "0005 local time (GMT +4)"."""
    for candidate in candidates:
        if candidate.family != "clock":
            continue
        parts = nm.split_clock(text[candidate.start : candidate.end])
        if parts and parts.zone_text and "local" in parts.zone_text and parts.paren:
            zone = named_zone(parts.paren)
            if zone is not None:
                return zone
    return None


def _clock_record(
    doc_id: str,
    text: str,
    candidate: Candidate,
    readings: Sequence[tuple[Candidate, nm.Reading]],
    document: _Document,
) -> TimeExpression | None:
    phrase = text[candidate.start : candidate.end]
    parts = nm.split_clock(phrase)
    index = document.sentence_of(candidate.start)
    if parts is None:
        return None
    zone, note = _clock_zone(parts, document, index, candidate.start)
    day = _clock_day(parts, candidate, readings, document, index)
    if day is None:
        reading = nm.Reading("TIME", f"XXXX-XX-XXT{parts.hour:02d}:{parts.minute:02d}")
        record = _base(doc_id, text, candidate.start, candidate.end, reading, index)
        record["zone_note"] = note  # type: ignore[typeddict-unknown-key]
        return record
    period = nm.clock_period(day, parts.hour, parts.minute)
    start, end = nm.to_utc_bounds(period, lambda wall: to_utc(wall, zone))
    reading = nm.Reading("TIME", period.value, period)
    record = _base(doc_id, text, candidate.start, candidate.end, reading, index)
    record.update(start_utc=start, end_utc=end, precision=period.precision)
    record["zone"] = zone.name  # type: ignore[typeddict-unknown-key]
    record["zone_note"] = note  # type: ignore[typeddict-unknown-key]
    if parts.paren:
        conflict, utc_start = _cross_check(parts, period, zone, start)
        if conflict:
            record["conflict"] = conflict  # type: ignore[typeddict-unknown-key]
            record.update(start_utc=utc_start, end_utc=utc_start + (end - start))
    return record


def _clock_zone(
    parts: nm.ClockParts, document: _Document, index: int, position: int
) -> tuple[Zone, str | None]:
    if parts.zone_text and "local" not in parts.zone_text:
        zone = named_zone(parts.zone_text)
        if zone is not None:
            return zone, None
    if parts.paren and nm.paren_clock(parts.paren) is None:
        zone = named_zone(parts.paren)  # "0005 local time (GMT +4)"
        if zone is not None:
            return zone, None
    return document.zone_for(index, position, local=bool(parts.zone_text))


def _clock_day(
    parts: nm.ClockParts,
    candidate: Candidate,
    readings: Sequence[tuple[Candidate, nm.Reading]],
    document: _Document,
    index: int,
) -> nm.Period | None:
    """The day of a clock time: its own date phrase, else a day its sentence names, else the
    DCT's (the news convention: an undated "at 0800" is today)."""
    if parts.date_text:
        future = document.future(index)
        period = nm.read_calendar(parts.date_text, document.reference, future).period
        if period is not None:
            return _whole_day(period)
    for other, reading in readings:
        if (
            other.family in _DAY_FAMILIES
            and reading.period is not None
            and document.sentence_of(other.start) == index
        ):
            return _whole_day(reading.period)
    return nm.relative(document.reference, nm.day_period)


def _whole_day(period: nm.Period) -> nm.Period:
    """A part-of-day period back to its whole day ("Monday night, 11 p.m." is on Monday)."""
    if period.precision == "part_of_day":
        start = period.start.replace(hour=0)
        return nm.Period(start, start + timedelta(days=1), period.value.split("T")[0], "day")
    return period


def _cross_check(
    parts: nm.ClockParts, period: nm.Period, zone: Zone, start: datetime
) -> tuple[str | None, datetime]:
    """Compare a clock with its equivalent in parentheses; on disagreement the UTC one wins.

    The equivalent may fall on the day before or after ("00:05 local (20:05 GMT)"), so the
    nearest of the three readings is compared.
    """
    equivalent = nm.paren_clock(parts.paren or "")
    if equivalent is None:
        return None, start
    hour, minute, zone_text = equivalent
    other_zone = named_zone(zone_text) if zone_text else None
    if other_zone is None:
        return None, start
    wall = period.start.replace(hour=hour, minute=minute)
    options = [to_utc(wall + timedelta(days=shift), other_zone) for shift in (-1, 0, 1)]
    other = min(options, key=lambda moment: abs(moment - start))
    if other == start:
        return None, start
    note = (
        f"stated {parts.hour:02d}:{parts.minute:02d} {zone.name} = {start:%H:%M}Z but the "
        f"equivalent given is {hour:02d}:{minute:02d} {zone_text} = {other:%H:%M}Z"
    )
    utc_first = other_zone.tz.utcoffset(None) == timedelta(0) if _is_fixed(other_zone) else False
    return note, other if utc_first else start


def _is_fixed(zone: Zone) -> bool:
    try:
        return zone.tz.utcoffset(None) is not None
    except (TypeError, ValueError):
        return False
