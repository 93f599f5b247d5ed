"""Clock times ("9 a.m.", "18:30 GMT", "noon (06:00 GMT)"): their parts, and the minute they
name on a resolved day, as wall-clock time."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import timedelta
from functools import lru_cache

from corroborate.extract.times.normalise.periods import Period
from corroborate.extract.times.normalise.words import CACHED_PHRASES
from corroborate.extract.times.patterns import clock_pattern, clock_structure


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


@lru_cache(maxsize=CACHED_PHRASES)
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
