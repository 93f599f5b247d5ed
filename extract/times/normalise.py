"""TimeML values and UTC intervals for the spans the tagger found.

Why this shape: every family is read as a handful of calendar features (weekday, month, day,
year, relative word, modifier, part of day, clock) and resolved against the document creation
time (DCT), HeidelTime's news strategy: a weekday is the most recent such day on or before the
DCT in a past-tense sentence and the next one in a future-tense one; "last year" is the DCT's
year minus one; a year or a full date stands alone.

A coarse DCT (a month, a year) resolves a relative expression twice, against the first and the
last day of the DCT's period, and keeps the span of both answers: "Tuesday" in a November 2021
document becomes an interval in late October to November 2021, never a guess; its value
`2021-WXX-2` keeps the weekday (other blurred values lose the fields the answers disagree on:
`2021-XX-XX`). With no DCT at all, relative expressions keep an X-filled value and no interval:
nothing is ever assumed to be today.

Calendar dates are UTC calendar days; clock times and parts of the day are wall-clock times in
the zone `zones.py` resolves, converted to UTC with the offset in force on that date.
"""

from __future__ import annotations

import re
from calendar import monthrange
from collections.abc import Callable
from dataclasses import dataclass, replace
from datetime import UTC, date, datetime, timedelta
from functools import cache, lru_cache
from typing import Any

from extract.lexicon import table
from extract.records import Precision
from extract.times.patterns import clock_pattern, clock_structure, month_words, weekday_words

_RANK: dict[str, int] = {
    "minute": 0,
    "hour": 1,
    "part_of_day": 2,
    "day": 3,
    "month": 4,
    "year": 5,
    "decade": 6,
}
_TOKEN = re.compile(r"\d{1,3}(?:,\d{3})+(?!\d)|\d+(?:\.\d+)?(?:st|nd|rd|th|s)?|[a-z]+(?:'s)?")
_ONE_MICROSECOND = timedelta(microseconds=1)


@dataclass(frozen=True)
class Period:
    """A resolved interval: naive start and exclusive end; `wall` when they are wall-clock
    times in a local zone rather than UTC calendar time."""

    start: datetime
    end: datetime
    value: str
    precision: Precision
    wall: bool = False


@dataclass(frozen=True)
class Reference:
    """What relative expressions resolve against: the first and last day of the DCT's period."""

    first: date | None
    last: date | None
    precision: Precision | None

    @property
    def anchored(self) -> bool:
        return self.first is not None


@dataclass(frozen=True)
class Reading:
    """A family parser's answer: a TimeML type and value, and the period when anchored."""

    type: str
    value: str
    period: Period | None = None
    end_trim: int = 0  # characters to drop from the end of the span ("a year [after]")


# ---------------------------------------------------------------------------- calendar periods


def day_period(day: date) -> Period:
    start = datetime(day.year, day.month, day.day)
    return Period(start, start + timedelta(days=1), day.isoformat(), "day")


def month_period(year: int, month: int) -> Period:
    start = datetime(year, month, 1)
    end = datetime(year + month // 12, month % 12 + 1, 1)
    return Period(start, end, f"{year:04d}-{month:02d}", "month")


def year_period(year: int) -> Period:
    return Period(datetime(year, 1, 1), datetime(year + 1, 1, 1), f"{year:04d}", "year")


def week_period(day: date) -> Period:
    """The ISO week of `day`. Precision says "month": the contract has no week, and a coarser
    label never overstates what is known."""
    monday = day - timedelta(days=day.weekday())
    iso = day.isocalendar()
    start = datetime(monday.year, monday.month, monday.day)
    return Period(start, start + timedelta(days=7), f"{iso.year:04d}-W{iso.week:02d}", "month")


def quarter_period(year: int, quarter: int) -> Period:
    start = datetime(year, 3 * quarter - 2, 1)
    end = month_period(year, 3 * quarter).end
    return Period(start, end, f"{year:04d}-Q{quarter}", "year")


def half_period(year: int, half: int) -> Period:
    start = datetime(year, 6 * half - 5, 1)
    return Period(start, month_period(year, 6 * half).end, f"{year:04d}-H{half}", "year")


def decade_period(decade: int) -> Period:
    """`decade` is the first three digits of the years: 199 for the 1990s."""
    return Period(
        datetime(decade * 10, 1, 1), datetime(decade * 10 + 10, 1, 1), f"{decade}X", "decade"
    )


def shift_months(day: date, months: int) -> date:
    index = day.year * 12 + day.month - 1 + months
    year, month = divmod(index, 12)
    return date(year, month + 1, min(day.day, monthrange(year, month + 1)[1]))


def narrowed(period: Period, modifier: str | None) -> Period:
    """ "early/mid/late X": the first, middle or last third of X, the value unchanged (TimeML
    keeps such modifiers in `mod`, not in the value)."""
    if modifier is None:
        return period
    third = (period.end - period.start) / 3
    if modifier in ("early", "beginning", "start"):
        return replace(period, end=period.start + third)
    if modifier in ("mid", "middle"):
        return replace(period, start=period.start + third, end=period.end - third)
    return replace(period, start=period.end - third)


def _coarser(a: Precision, b: Precision | None) -> Precision:
    return a if b is None or _RANK[a] >= _RANK[b] else b


def _blur(a: str, b: str) -> str:
    """Two values of one expression: from the first date field they disagree on, X.

    "2021-10-26" and "2021-11-30" -> "2021-XX-XX"; a clock part they share is kept.
    """
    date_a, _, clock_a = a.partition("T")
    date_b, _, clock_b = b.partition("T")
    fields_a, fields_b = date_a.split("-"), date_b.split("-")
    if len(fields_a) != len(fields_b):
        return "XXXX"
    differ = next(
        (i for i, (x, y) in enumerate(zip(fields_a, fields_b, strict=True)) if x != y),
        len(fields_a),
    )
    blurred = fields_a[:differ] + [re.sub(r"\d", "X", f) for f in fields_a[differ:]]
    clock = clock_a if clock_a == clock_b else ""
    return "-".join(blurred) + (f"T{clock}" if clock else "")


def relative(reference: Reference, resolve: Callable[[date], Period | None]) -> Period | None:
    """Resolve against the DCT's first and last day; a coarse DCT yields the span of both."""
    if reference.first is None or reference.last is None:
        return None
    early = resolve(reference.first)
    if early is None or reference.last == reference.first:
        return early
    late = resolve(reference.last)
    if late is None or late == early:
        return early
    return Period(
        min(early.start, late.start),
        max(early.end, late.end),
        _blur(early.value, late.value),
        _coarser(early.precision, reference.precision),
        early.wall,
    )


def to_utc_bounds(
    period: Period, convert: Callable[[datetime], datetime]
) -> tuple[datetime, datetime]:
    """Aware UTC start and inclusive end. Wall-clock periods go through the zone converter."""
    if period.wall:
        return convert(period.start), convert(period.end) - _ONE_MICROSECOND
    return period.start.replace(tzinfo=UTC), period.end.replace(tzinfo=UTC) - _ONE_MICROSECOND


# ---------------------------------------------------------------------------- lexicon tables


@cache
def _parts_of_day() -> dict[str, tuple[str, int, int]]:
    return {
        r["word"]: (r["timeml"], int(r["start_hour"]), int(r["end_hour"]))
        for r in table("parts_of_day")
    }


@cache
def _seasons() -> dict[str, tuple[str, int, int]]:
    return {
        r["word"]: (r["timeml"], int(r["start_month"]), int(r["end_month"]))
        for r in table("seasons")
    }


@cache
def _units() -> dict[str, tuple[str, int, str]]:
    units = {r["word"]: (r["iso"], int(r["size"]), r["granularity"]) for r in table("time_units")}
    units.update({w + "s": units[w] for w in list(units)})
    units["centuries"] = units["century"]
    return units


@cache
def _amounts() -> dict[str, str]:
    words = {
        r["word"]: r["value"]
        for r in table("number_words")
        if r["kind"] in ("unit", "tens", "article")
    }
    words.update({r["word"]: r["value"] for r in table("time_vague_amounts")})
    return words


@cache
def _sets() -> dict[str, str]:
    return {r["word"]: r["value"] for r in table("time_sets")}


@cache
def _references() -> dict[str, str]:
    return {r["word"]: r["value"] for r in table("time_references")}


_RELATIVE = {
    "last": -1,
    "past": -1,
    "previous": -1,
    "prior": -1,
    "this": 0,
    "current": 0,
    "same": 0,
    "next": 1,
    "coming": 1,
    "following": 1,
}
_MODIFIERS = {"early", "mid", "late", "end", "beginning", "middle", "start"}
_REL_DAYS = {"today": 0, "yesterday": -1, "tomorrow": 1, "tonight": 0}


# ---------------------------------------------------------------------------- calendar phrases


@dataclass(frozen=True)
class Features:
    """The calendar words of a phrase, read token by token."""

    weekday: int | None = None
    month: int | None = None
    day: int | None = None
    year: int | None = None
    decade: int | None = None
    relative: int | None = None
    modifier: str | None = None
    part: str | None = None
    rel_day: str | None = None
    season: str | None = None
    this_year: bool = False


# The readers below are pure functions of the phrase (and the DCT and tense), and a document,
# like a corpus, repeats its time phrases ("Tuesday", "last year"): their answers are cached.
_CACHED_PHRASES = 8192


@lru_cache(maxsize=_CACHED_PHRASES)
def features(phrase: str) -> Features:
    found: dict[str, Any] = {}
    months, weekdays, parts, seasons = month_words(), weekday_words(), _parts_of_day(), _seasons()
    tokens = _TOKEN.findall(phrase.lower())
    for index, token in enumerate(tokens):
        if token[0].isdigit():
            digits = token.rstrip("stndrh")
            if token.endswith("s") and len(digits) == 4 and digits.endswith("0"):
                found["decade"] = int(digits[:3])
            elif len(digits) == 4:
                found["year"] = int(digits)
            elif 1 <= int(digits) <= 31:
                found["day"] = int(digits)
        elif token in months and "month" not in found:
            found["month"] = months[token]
        elif token in weekdays and "weekday" not in found:
            found["weekday"] = weekdays[token]
        elif token in _RELATIVE and "relative" not in found:
            if token == "this" and index + 1 < len(tokens) and tokens[index + 1] == "year":
                found["this_year"] = True
            else:
                found["relative"] = _RELATIVE[token]
        elif token in _MODIFIERS and "modifier" not in found and "weekday" not in found:
            found["modifier"] = token
        elif token in ("early", "late") and "part" not in found:
            found["part"] = token  # "Tuesday late" is rare; "late Tuesday" is handled above
        elif token in parts and token not in ("early", "late"):
            found["part"] = token
        elif token in _REL_DAYS:
            found["rel_day"] = token
        elif token in seasons:
            found["season"] = token
    if (
        found.get("modifier") in ("early", "late")
        and ("weekday" in found or "rel_day" in found)
        and "part" not in found
    ):
        found["part"] = found.pop("modifier")
    return Features(**found)


@lru_cache(maxsize=_CACHED_PHRASES)
def read_calendar(phrase: str, reference: Reference, future: bool) -> Reading:
    """Dates, weekdays, months, years, decades, seasons and relative days: one reader."""
    f = features(phrase)
    if f.rel_day == "tonight" and f.part is None:
        f = replace(f, part="night")
    if f.part and f.relative is not None and not (f.weekday or f.rel_day or f.month):
        f = replace(f, rel_day="yesterday" if f.relative == -1 else "today")  # "last night"
    if reference.anchored and not _needs_reference(f):
        return read_calendar(phrase, _NO_REFERENCE, False)  # one cached answer for every DCT
    period = _calendar_period(f, reference, future)
    if period is not None and f.part is not None:
        period = _part_of_day(period, f.part)
    if period is not None:
        return Reading("DATE", period.value, period)
    return Reading("DATE", _unanchored_value(f))


_NO_REFERENCE = Reference(None, None, None)


def _needs_reference(f: Features) -> bool:
    """Whether a phrase's reading depends on the DCT (and tense): a weekday, a relative day, or
    a month or season without its year. "March 2020" or "1990s" read the same in any document."""
    return (
        f.weekday is not None
        or f.rel_day is not None
        or (f.year is None and (f.month is not None or f.season is not None))
    )


def _calendar_period(f: Features, reference: Reference, future: bool) -> Period | None:
    if f.month is not None and f.day is not None:
        return _month_day(f, reference, future)
    if f.weekday is not None:
        return _keeping_weekday(
            relative(reference, lambda dct: day_period(_weekday(dct, f, future))), f.weekday
        )
    if f.rel_day is not None:
        return relative(reference, lambda dct: day_period(dct + timedelta(_REL_DAYS[f.rel_day])))
    if f.month is not None:
        if f.year is not None:
            return narrowed(month_period(f.year, f.month), f.modifier)
        return narrowed_or_none(relative(reference, lambda dct: _month(dct, f, future)), f.modifier)
    if f.season is not None:
        return _season(f, reference, future)
    if f.year is not None:
        return narrowed(year_period(f.year), f.modifier)
    if f.decade is not None:
        return narrowed(decade_period(f.decade), f.modifier)
    return None


def _keeping_weekday(period: Period | None, weekday: int) -> Period | None:
    """A weekday read against a coarse DCT spans days; its value keeps the weekday (TimeML's
    `2021-WXX-2`, `XXXX-WXX-2`) rather than blurring it away, so a later, finer date of the
    document (from its incident, say) can still pick the day."""
    if period is None or period.precision == "day":
        return period
    year = period.value[:4] if period.value[:4].isdigit() else "XXXX"
    return replace(period, value=f"{year}-WXX-{weekday}")


def narrowed_or_none(period: Period | None, modifier: str | None) -> Period | None:
    return narrowed(period, modifier) if period is not None else None


def _month_day(f: Features, reference: Reference, future: bool) -> Period | None:
    assert f.month is not None and f.day is not None
    if f.day > monthrange(f.year or 2000, f.month)[1]:
        return None
    if f.year is not None:
        return day_period(date(f.year, f.month, f.day))

    def resolve(dct: date) -> Period:
        if f.this_year:
            return day_period(date(dct.year, f.month, min(f.day, monthrange(dct.year, f.month)[1])))
        return day_period(
            _closest(
                dct,
                future,
                lambda year: date(year, f.month, min(f.day, monthrange(year, f.month)[1])),
            )
        )

    if reference.precision == "year" and reference.first is not None:
        return resolve(date(reference.first.year, 12, 31) if not future else reference.first)
    return relative(reference, resolve)


def _weekday(dct: date, f: Features, future: bool) -> date:
    assert f.weekday is not None
    delta = f.weekday - 1 - dct.weekday()  # in -6..6
    if f.relative == 0:  # "this Friday": in the DCT's week
        return dct + timedelta(delta)
    if f.relative == -1 or (f.relative is None and not future):
        back = delta if delta <= 0 else delta - 7
        if f.relative == -1 and back == 0:
            back = -7
        return dct + timedelta(back)
    ahead = delta if delta >= 0 else delta + 7
    if f.relative == 1 and ahead == 0:
        ahead = 7
    return dct + timedelta(ahead)


def _month(dct: date, f: Features, future: bool) -> Period:
    assert f.month is not None
    month = f.month
    if f.relative is None:
        first = _closest(dct, future, lambda year: date(year, month, 1))
        return month_period(first.year, month)
    year = dct.year
    if f.relative == -1 and month >= dct.month:
        year -= 1
    elif f.relative == 1 and month <= dct.month:
        year += 1
    return month_period(year, month)


# How far after the DCT a past-tense sentence's yearless date may lie: news mentions dates
# of the coming weeks without a future verb ("a meeting Dec. 15", "talks in January").
_PAST_SLACK = timedelta(days=45)


def _closest(dct: date, future: bool, on: Callable[[int], date]) -> date:
    """The reading of a yearless date nearest the DCT: in a future-tense sentence not before
    the DCT's month, otherwise not more than `_PAST_SLACK` after the DCT."""
    options = [on(year) for year in (dct.year - 1, dct.year, dct.year + 1)]
    if future:
        allowed = [d for d in options if d >= dct.replace(day=1)]
    else:
        allowed = [d for d in options if d <= dct + _PAST_SLACK]
    return min(allowed or options, key=lambda d: abs(d - dct))


def _season(f: Features, reference: Reference, future: bool) -> Period | None:
    assert f.season is not None
    code, first, last = _seasons()[f.season]

    def for_year(year: int) -> Period:
        start = datetime(year, first, 1)
        end = month_period(year + (last - 1) // 12, (last - 1) % 12 + 1).end
        return Period(start, end, f"{year:04d}-{code}", "year")

    if f.year is not None:
        return narrowed(for_year(f.year), f.modifier)

    def resolve(dct: date) -> Period:
        year = dct.year + (f.relative or 0)
        if f.relative is None and not future and first > dct.month:
            year -= 1
        return for_year(year)

    return narrowed_or_none(relative(reference, resolve), f.modifier)


def _part_of_day(period: Period, part: str) -> Period:
    if period.precision != "day":
        return period
    code, first, last = _parts_of_day()[part]
    start = period.start + timedelta(hours=first)
    return Period(
        start,
        period.start + timedelta(hours=last),
        f"{period.value}{code}",
        "part_of_day",
        wall=True,
    )


def _unanchored_value(f: Features) -> str:
    """A TimeML value with X for whatever the missing DCT would have supplied."""
    year = f"{f.year:04d}" if f.year else "XXXX"
    if f.month and f.day:
        return f"{year}-{f.month:02d}-{f.day:02d}"
    if f.weekday:
        return f"XXXX-WXX-{f.weekday}"
    if f.rel_day:
        return "XXXX-XX-XX"
    if f.month:
        return f"{year}-{f.month:02d}"
    if f.decade:
        return f"{f.decade}X"
    return year


# ---------------------------------------------------------------------------- clock times


@dataclass(frozen=True)
class ClockParts:
    hour: int
    minute: int
    zone_text: str | None  # the zone phrase after the clock ("Moscow time", "GMT", "local time")
    paren: str | None  # the parenthesis after it: "(06:00 GMT)" or "(GMT +4)"
    date_text: str  # the date phrase before or after the clock, possibly empty


def clock_value(text: str) -> tuple[int, int] | None:
    """Hour and minute of a clock phrase: "00:05 a.m.", "9 a.m.", "0800", "18:30", "noon"."""
    lowered = text.lower().strip()
    if lowered.startswith(("noon", "midday")):
        return 12, 0
    if lowered.startswith("midnight"):
        return 0, 0
    digits = re.match(r"(\d{1,2})(?:[:.]?([0-5]\d))?", lowered)
    if digits is None:
        return None
    hour, minute = int(digits.group(1)), int(digits.group(2) or 0)
    meridiem = re.search(r"([ap])\.?\s?m\b", lowered)
    if meridiem:
        if hour > 12:
            return None
        hour = hour % 12 + (12 if meridiem.group(1) == "p" else 0)
    return (hour, minute) if hour < 24 else None


@lru_cache(maxsize=_CACHED_PHRASES)
def split_clock(span: str) -> ClockParts | None:
    """The parts of a `clock` span, in the span's own letter case (zone names need it)."""
    match = clock_structure().match(span.lower())
    if match is None:
        return None
    value = clock_value(match.group("clock"))
    if value is None:
        return None

    def part(name: str) -> str:
        start, end = match.span(name)
        return span[start:end] if start >= 0 else ""

    date_text = f"{part('before')} {part('after')}".strip()
    return ClockParts(
        value[0], value[1], part("zone").strip() or None, part("paren") or None, date_text
    )


def paren_clock(paren: str) -> tuple[int, int, str] | None:
    """The clock and zone of an equivalent in parentheses: "(06:00 GMT)" -> (6, 0, "gmt")."""
    inner = paren.strip().strip("()[]").strip()
    match = clock_pattern().match(inner.lower())
    if match is None:
        return None
    value = clock_value(match.group())
    if value is None:
        return None
    return value[0], value[1], inner[match.end() :].strip()


def clock_period(day: Period, hour: int, minute: int) -> Period:
    """A minute on a resolved day (wall clock); a coarser day period keeps its precision."""
    start = day.start + timedelta(hours=hour, minutes=minute)
    if day.precision != "day":
        last = day.end - timedelta(days=1) + timedelta(hours=hour, minutes=minute + 1)
        return Period(start, last, f"{day.value}T{hour:02d}:{minute:02d}", day.precision, wall=True)
    return Period(
        start,
        start + timedelta(minutes=1),
        f"{day.value}T{hour:02d}:{minute:02d}",
        "minute",
        wall=True,
    )


# ---------------------------------------------------------------------------- other families


@lru_cache(maxsize=_CACHED_PHRASES)
def read_relunit(phrase: str, reference: Reference) -> Reading:
    """ "last year", "this month", "earlier this week", "the year-ago quarter", "year-end"."""
    tokens = _TOKEN.findall(phrase.lower().replace("-", " "))
    unit = next((t for t in reversed(tokens) if t in _units() or t == "weekend"), "year")
    offset = next((_RELATIVE[t] for t in tokens if t in _RELATIVE), 0)
    if "ago" in tokens or ("earlier" in tokens[1:] and tokens[-1] != unit):
        offset = -1
    granularity = "week" if unit == "weekend" else _units()[unit][2]

    def resolve(dct: date) -> Period | None:
        return _unit_period(dct, granularity, offset, weekend=unit == "weekend")

    period = relative(reference, resolve)
    if period is None:
        return Reading("DATE", _UNANCHORED.get(granularity, "XXXX"))
    return Reading("DATE", period.value, period)


_UNANCHORED = {
    "day": "XXXX-XX-XX",
    "week": "XXXX-WXX",
    "month": "XXXX-XX",
    "quarter": "XXXX-QX",
    "year": "XXXX",
    "decade": "XXX",
    "century": "XX",
}


def _unit_period(dct: date, granularity: str, offset: int, weekend: bool = False) -> Period | None:
    if granularity == "day":
        return day_period(dct + timedelta(offset))
    if granularity == "week":
        period = week_period(dct + timedelta(7 * offset))
        if weekend:
            start = period.start + timedelta(days=5)
            return Period(start, period.end, period.value + "-WE", "month")
        return period
    if granularity == "month":
        shifted = shift_months(dct, offset)
        return month_period(shifted.year, shifted.month)
    if granularity == "quarter":
        index = dct.year * 4 + (dct.month - 1) // 3 + offset
        return quarter_period(index // 4, index % 4 + 1)
    if granularity == "year":
        return year_period(dct.year + offset)
    if granularity == "decade":
        return decade_period(dct.year // 10 + offset)
    return None


@lru_cache(maxsize=_CACHED_PHRASES)
def read_ago(phrase: str, reference: Reference) -> Reading:
    """ "two years ago", "a year earlier", "a year ago in November"; "N units after/before"
    is measured from some other event, so it is read as the duration alone."""
    words = _tokens(phrase)
    amount, unit = _amount_and_unit(words)
    direction = next(
        (w for w in words if w in ("ago", "earlier", "later", "before", "after", "from", "hence")),
        "ago",
    )
    if direction in ("before", "after"):
        trim = len(phrase) - phrase.lower().rfind(direction) + 1
        return Reading("DURATION", _duration_value(amount, unit), end_trim=trim)
    if unit is None or amount is None or not amount.isdigit():
        return Reading("DATE", "PAST_REF" if direction in ("ago", "earlier") else "FUTURE_REF")
    _, size, granularity = _units()[unit]
    steps = int(amount) * size * (-1 if direction in ("ago", "earlier") else 1)
    month = next((month_words()[w] for w in words if w in month_words()), None)

    def resolve(dct: date) -> Period | None:
        if granularity == "year" and month is not None:
            return month_period(dct.year + steps, month)
        if granularity in ("day", "week"):
            days = steps * (7 if granularity == "week" else 1)
            shifted = dct + timedelta(days)
            return day_period(shifted) if granularity == "day" else week_period(shifted)
        if granularity in ("month", "quarter"):
            shifted = shift_months(dct, steps * (3 if granularity == "quarter" else 1))
            return month_period(shifted.year, shifted.month)
        if granularity in ("year", "decade", "century"):
            return year_period(dct.year + steps)
        return None  # hours and minutes ago need a clock the DCT rarely has

    period = relative(reference, resolve)
    if period is None:
        return Reading("DATE", _UNANCHORED.get(granularity, "XXXX"))
    return Reading("DATE", period.value, period)


def _amount_and_unit(words: list[str]) -> tuple[str | None, str | None]:
    """ "twenty four hours" -> ("24", "hours"); "several years" -> ("X", "years")."""
    amounts, units = _amounts(), _units()
    total: float | None = None
    vague = False
    unit = None
    counted = [w for w in words if w[0].isdigit() or (w in amounts and amounts[w] != "1")]
    for index, word in enumerate(words):
        if word in units:
            unit = word
            break
        if word in ("a", "an") and counted:
            continue  # "a 44-day war": the article is not the amount
        if word[0].isdigit():
            total = (total or 0) + float(word.rstrip("stndrh").replace(",", ""))
        elif word == "half" and index > 0 and words[index - 1] == "a" and total is not None:
            total += 0.5
        elif word in amounts:
            value = amounts[word]
            if value == "X":
                vague = True
            elif words[index - 1 : index] != ["and"]:
                total = (total or 0) + float(value)
    if vague:
        return "X", unit
    if total is None:
        return None, unit
    return (str(int(total)) if total == int(total) else str(total)), unit


def _duration_value(amount: str | None, unit: str | None) -> str:
    if unit is None:
        return "PXY"
    iso, size, granularity = _units()[unit]
    amount = amount or "X"
    if granularity == "decade":
        return f"P{amount}DE" if size == 10 and amount == "X" else f"P{_times(amount, size)}Y"
    if granularity == "century":
        return "PXCE" if amount == "X" else f"P{_times(amount, size)}Y"
    if granularity == "quarter":
        return f"P{_times(amount, 3)}M"
    whole, _, fraction = amount.partition(".")
    if fraction == "5" and granularity in ("hour", "year"):
        return f"PT{whole}H30M" if granularity == "hour" else f"P{whole}Y6M"
    if granularity in ("hour", "minute", "second"):
        return f"PT{amount}{iso}"
    return f"P{_times(amount, size)}{iso}"


def _times(amount: str, size: int) -> str:
    if amount == "X" or size == 1:
        return amount
    return str(int(float(amount) * size))


def _tokens(phrase: str) -> list[str]:
    """Words and numbers of an amount phrase; "5 1/2" reads as 5.5."""
    return _TOKEN.findall(re.sub(r"(\d)\s+1/2", r"\1.5", phrase.lower().replace("-", " ")))


@lru_cache(maxsize=_CACHED_PHRASES)
def read_duration(phrase: str) -> Reading:
    amount, unit = _amount_and_unit(_tokens(phrase))
    if amount is None:
        amount = (
            "1"
            if any(w in phrase.lower() for w in ("past", "next", "previous", "coming", "following"))
            else "X"
        )
        if unit is not None and unit.endswith("s") and amount == "1":
            amount = "X"
    return Reading("DURATION", _duration_value(amount, unit))


@lru_cache(maxsize=_CACHED_PHRASES)
def read_quarter(phrase: str, reference: Reference) -> Reading:
    """ "the third quarter", "fourth-quarter", "the latest quarter", "the first half of 1990"."""
    words = _TOKEN.findall(phrase.lower().replace("-", " "))
    ordinal = next((n for w, n in _ORDINALS.items() if w in words), None)
    year = next((int(w) for w in words if w.isdigit() and len(w) == 4), None)
    half = "half" in words
    back = -1 if any(w in words for w in ("ago", "earlier", "prior", "previous", "last")) else 0
    if "year" in words or ("year's" in words and "last" in words):
        back = -4 if not half else -2

    def resolve(dct: date) -> Period:
        if half:
            number = ordinal or (1 if dct.month > 6 else 2)
            base = year or (dct.year if number == 1 or dct.month > 6 else dct.year - 1)
            return half_period(base + (back // 2 if back else 0), number)
        if ordinal is not None:
            base = year or dct.year
            if year is None and 3 * ordinal - 2 > dct.month:
                base -= 1  # a quarter not begun yet: news reports on last year's
            index = base * 4 + ordinal - 1 + (back if back < -1 else 0)
        else:  # "the quarter", "the latest quarter": the last one completed
            index = dct.year * 4 + (dct.month - 1) // 3 - 1 + back
        return quarter_period(index // 4, index % 4 + 1)

    period = resolve(date(year, 12, 31)) if year is not None else relative(reference, resolve)
    if period is None:
        return Reading("DATE", f"XXXX-Q{ordinal}" if ordinal and not half else "XXXX-QX")
    return Reading("DATE", period.value, period)


_ORDINALS = {
    "first": 1,
    "1st": 1,
    "second": 2,
    "2nd": 2,
    "third": 3,
    "3rd": 3,
    "fourth": 4,
    "4th": 4,
}


def year_before(quarter: Reading) -> Reading:
    """The same quarter (or half) one year earlier: 1989-Q3 -> 1988-Q3."""
    assert quarter.period is not None
    year, _, part = quarter.value.partition("-")
    if not year.isdigit():
        return quarter
    number = int(part[1:])
    period = (quarter_period if part.startswith("Q") else half_period)(int(year) - 1, number)
    return Reading("DATE", period.value, period)


def read_set(phrase: str) -> Reading:
    lowered = " ".join(phrase.lower().split())
    value = _sets().get(lowered)
    if value is not None:
        return Reading("SET", value)
    words = _TOKEN.findall(lowered)
    weekday = next((weekday_words()[w] for w in words if w in weekday_words()), None)
    if weekday is not None:
        return Reading("SET", f"XXXX-WXX-{weekday}")
    unit = next((w for w in words if w in _units()), "day")
    step = "2" if "other" in words else "1"
    return Reading("SET", _duration_value(step, unit))


def read_reference(phrase: str) -> Reading:
    return Reading("DATE", _references().get(" ".join(phrase.lower().split()), "PRESENT_REF"))


def read_iso(phrase: str) -> Reading:
    year, month, day = (int(part) for part in phrase.split("-"))
    try:
        period = day_period(date(year, month, day))
    except ValueError:
        return Reading("DATE", phrase)
    return Reading("DATE", period.value, period)
