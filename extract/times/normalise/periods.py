"""Resolved periods and what they resolve against: calendar periods (a day, a month, an ISO
week, a quarter, a decade), a relative expression resolved against a coarse document date,
and a period's UTC bounds."""

from __future__ import annotations

import re
from calendar import monthrange
from collections.abc import Callable
from dataclasses import dataclass, replace
from datetime import UTC, date, datetime, timedelta

from corroborate.extract.records import Precision
from corroborate.extract.times.normalise.words import modifier_thirds

_RANK: dict[str, int] = {
    "minute": 0,
    "hour": 1,
    "part_of_day": 2,
    "day": 3,
    "month": 4,
    "year": 5,
    "decade": 6,
}
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
    kept = modifier_thirds()[modifier]
    if kept == "first":
        return replace(period, end=period.start + third)
    if kept == "middle":
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
