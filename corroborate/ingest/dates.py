"""Publication dates from metadata, as a UTC instant and how precisely it is known.

Feeds and front matter write dates in a handful of ways: ISO 8601 (date, datetime, with or
without an offset), RFC 2822 as in RSS, and English prose ("13 September 2022", "Sep 13, 2022").
A date without a time means midnight UTC with precision "day"; a naive time is taken as UTC.
Anything else yields no date rather than a guess: the extraction engine dates such documents
from their text later.
"""

from __future__ import annotations

import re
from datetime import UTC, date, datetime
from email.utils import parsedate_to_datetime

Published = tuple[datetime | None, str | None]  # (published_at, published_precision)

_MONTHS = {
    name: number
    for number, names in enumerate(
        (
            ("january", "jan"),
            ("february", "feb"),
            ("march", "mar"),
            ("april", "apr"),
            ("may",),
            ("june", "jun"),
            ("july", "jul"),
            ("august", "aug"),
            ("september", "sep", "sept"),
            ("october", "oct"),
            ("november", "nov"),
            ("december", "dec"),
        ),
        start=1,
    )
    for name in names
}
_WEEKDAY = r"(?:(?:mon|tue|tues|wed|thu|thur|thurs|fri|sat|sun)[a-z]*\.?,?\s+)?"
_DAY = r"(?P<day>\d{1,2})(?:st|nd|rd|th)?"
_MONTH = r"(?P<month>[a-z]+)\.?"
_YEAR = r"(?P<year>\d{4})"
_TIME = r"(?:,?\s+(?:at\s+)?(?P<hour>\d{1,2}):(?P<minute>\d{2})(?::\d{2})?\s*(?:utc|gmt|z)?)?"
_PROSE_DATES = tuple(
    re.compile(_WEEKDAY + pattern + _TIME, re.IGNORECASE)
    for pattern in (
        rf"{_DAY}\s+{_MONTH},?\s+{_YEAR}",  # 13 September 2022
        rf"{_MONTH}\s+{_DAY},?\s+{_YEAR}",  # September 13, 2022
        rf"{_MONTH},?\s+{_YEAR}",  # September 2022
    )
)
_ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")
_ISO_MONTH = re.compile(r"(?P<year>\d{4})-(?P<month>\d{2})")
_ISO_YEAR = re.compile(r"\d{4}")


def parse_published(value: object) -> Published:
    """(UTC datetime, precision) for a metadata date value, or (None, None) if it isn't one."""
    if isinstance(value, datetime):
        return _utc(value), "minute"
    if isinstance(value, date):
        return _midnight(value.year, value.month, value.day), "day"
    if isinstance(value, bool) or not isinstance(value, str | int):
        return None, None
    text = str(value).strip()
    for parse in (_parse_iso, _parse_rfc2822, _parse_prose):
        try:
            parsed = parse(text)
        except (ValueError, OverflowError):
            continue
        if parsed[0] is not None:
            return parsed
    return None, None


def _parse_iso(text: str) -> Published:
    if _ISO_YEAR.fullmatch(text):
        return _midnight(int(text), 1, 1), "year"
    if match := _ISO_MONTH.fullmatch(text):
        return _midnight(int(match["year"]), int(match["month"]), 1), "month"
    if _ISO_DATE.fullmatch(text):
        day = date.fromisoformat(text)
        return _midnight(day.year, day.month, day.day), "day"
    if len(text) > 10 and _ISO_DATE.match(text):
        return _utc(datetime.fromisoformat(text)), "minute"
    return None, None


def _parse_rfc2822(text: str) -> Published:
    if "," not in text[:5]:  # RFC 2822 dates open with "Tue, "; prose is parsed below
        return None, None
    try:
        return _utc(parsedate_to_datetime(text)), "minute"
    except TypeError:  # parsedate_to_datetime's way of saying "not a date" on some inputs
        return None, None


def _parse_prose(text: str) -> Published:
    for pattern in _PROSE_DATES:
        match = pattern.fullmatch(text)
        if match is None or match["month"].lower() not in _MONTHS:
            continue
        month = _MONTHS[match["month"].lower()]
        if "day" not in match.groupdict():
            return _midnight(int(match["year"]), month, 1), "month"
        moment = _midnight(int(match["year"]), month, int(match["day"]))
        if match["hour"] is None:
            return moment, "day"
        return moment.replace(hour=int(match["hour"]), minute=int(match["minute"])), "minute"
    return None, None


def _midnight(year: int, month: int, day: int) -> datetime:
    return datetime(year, month, day, tzinfo=UTC)


def _utc(moment: datetime) -> datetime:
    if moment.tzinfo is None:
        return moment.replace(tzinfo=UTC)
    return moment.astimezone(UTC)
