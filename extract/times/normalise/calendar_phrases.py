"""Calendar phrases ("Tuesday", "March 3", "last spring", "early 2019", "yesterday
morning"): read as calendar features, resolved against the document date and the tense."""

from __future__ import annotations

from calendar import monthrange
from collections.abc import Callable
from dataclasses import dataclass, replace
from datetime import date, datetime, timedelta
from functools import lru_cache
from typing import Any

from corroborate.extract.times.normalise.periods import (
    Period,
    Reading,
    Reference,
    day_period,
    decade_period,
    month_period,
    narrowed,
    relative,
    year_period,
)
from corroborate.extract.times.normalise.words import (
    CACHED_PHRASES,
    TOKEN,
    modifier_thirds,
    part_of_day_words,
    relative_days,
    relative_words,
    season_words,
)
from corroborate.extract.times.patterns import month_words, weekday_words


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




@lru_cache(maxsize=CACHED_PHRASES)
def features(phrase: str) -> Features:
    found: dict[str, Any] = {}
    months, weekdays = month_words(), weekday_words()
    parts, seasons = part_of_day_words(), season_words()
    relatives, days, modifiers = relative_words(), relative_days(), modifier_thirds()
    tokens = TOKEN.findall(phrase.lower())
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
        elif token in relatives and "relative" not in found:
            if token == "this" and index + 1 < len(tokens) and tokens[index + 1] == "year":
                found["this_year"] = True
            else:
                found["relative"] = relatives[token]
        elif token in modifiers and "modifier" not in found and "weekday" not in found:
            found["modifier"] = token
        elif token in ("early", "late") and "part" not in found:
            found["part"] = token  # "Tuesday late" is rare; "late Tuesday" is handled above
        elif token in parts and token not in ("early", "late"):
            found["part"] = token
        elif token in days:
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


@lru_cache(maxsize=CACHED_PHRASES)
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
        offset = timedelta(relative_days()[f.rel_day])
        return relative(reference, lambda dct: day_period(dct + offset))
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
    code, first, last = season_words()[f.season]

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
    code, first, last = part_of_day_words()[part]
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
