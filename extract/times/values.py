"""Whether a TimeML value names a real point of the calendar.

Why a check of its own: the readers build values from the digits a text wrote, so "February 30,
2022" or "2022-13-01" would otherwise be stored as `2022-02-30` and `2022-13-01`, values no
reader can place on a calendar. The tagger drops such an expression (the document keeps the
rest), and the `time_expressions` model checks every stored value the same way.
"""

from __future__ import annotations

import re
from calendar import monthrange
from datetime import date
from functools import lru_cache

# YYYY(-MM(-DD)), with X for what is unknown: "2022-09-13", "XXXX-09-13", "2021-XX-XX".
_CALENDAR = re.compile(r"(\d{4}|XXXX)(?:-(\d{2}|XX)(?:-(\d{2}|XX))?)?(?![\dW])")
_WEEK = re.compile(r"(\d{4}|XXXX)-W(\d{2}|XX)(?:-(\d))?")
_PERIOD_OF_YEAR = re.compile(r"(\d{4}|XXXX)-([QH])(\d)")
_CLOCK = re.compile(r"T(\d{2}):(\d{2})")
_QUARTERS_OR_HALVES = {"Q": 4, "H": 2}
_LEAP_YEAR = 2000  # where the year is unknown, 29 February is a real day


@lru_cache(maxsize=1 << 14)
def is_calendar_value(value: str) -> bool:
    """False for a value whose digits name no real year, month, week, day or clock time; other
    values (durations "P3D", "PRESENT_REF", decades "199X") are not calendar points and pass."""
    clock = _CLOCK.search(value)
    if clock and not (int(clock.group(1)) <= 24 and int(clock.group(2)) <= 59):
        return False
    if value.startswith("P"):
        return True
    week = _WEEK.match(value)
    if week:
        return _real_week(*week.groups())
    part = _PERIOD_OF_YEAR.match(value)
    if part:
        return (
            _real_year(part.group(1))
            and 1 <= int(part.group(3)) <= _QUARTERS_OR_HALVES[part.group(2)]
        )
    calendar = _CALENDAR.match(value)
    return calendar is None or _real_day(*calendar.groups())


def _real_year(year: str) -> bool:
    return year == "XXXX" or 1 <= int(year) <= 9999


def _real_day(year: str, month: str | None, day: str | None) -> bool:
    if not _real_year(year):
        return False
    if month is None or month == "XX":
        return day is None or day == "XX" or 1 <= int(day) <= 31
    if not 1 <= int(month) <= 12:
        return False
    if day is None or day == "XX":
        return True
    known_year = _LEAP_YEAR if year == "XXXX" else int(year)
    return 1 <= int(day) <= monthrange(known_year, int(month))[1]


def _real_week(year: str, week: str, weekday: str | None) -> bool:
    if not _real_year(year) or (weekday is not None and not 1 <= int(weekday) <= 7):
        return False
    if week == "XX":
        return True
    weeks = 53 if year == "XXXX" else date(int(year), 12, 28).isocalendar().week
    return 1 <= int(week) <= weeks
