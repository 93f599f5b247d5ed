"""The date a document states as its own: a dateline near its top.

Scraped web news opens with a headline, then often a line that is the article's date, as the
site printed it: "Published: August 2, 2013", "12:52 p.m. EDT May 2, 2013", "Posted: 04 / 9 /
2012 8:33 am", "2013 - 09 - 26". Wire copy puts it in the first sentence: "CITY, Sept. 13, 2022
(Agency) —". A date on such a line is the creation time; a date inside a sentence is something
the article reports, and says nothing certain about when it was written.

A line is a dateline when, once its full date, clock times, zones and the words of
`lexicon/dateline_cues.txt` are taken away, at most `_MAX_OTHER_WORDS` words are left, or when
a cue ("Updated on") comes right before the date, or a dash or parenthesis right after it, or
a line with no full stop ends "on <date>" or "on <date>, <clock time>" (a headline and its
timestamp run together).
Numeric dates are read month first (11/30/09), as the sites that print them mostly do, unless
the first number cannot be a month (30/11/09).

A page's address often holds its date (`/2013/may/03/`, `/2013/05/02/`, `/2012/04/`,
`/20130308/`): a scraped text that opens with its URL is dated by it, as is a record whose
`url` field has one and no `published` field.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from datetime import date
from functools import cache

from corroborate.extract.lexicon import words
from corroborate.extract.times.patterns import (
    alternation,
    month_words,
    parts,
    weekday_words,
    zone_table,
)

HEAD_CHARS = 600
_HEAD_LINES = 8
_MAX_OTHER_WORDS = 2
_WORD = re.compile(r"[a-z]+")
_DIGIT = re.compile(r"\d")
_AFTER = re.compile(r"\s*(?:\(|—|–|--|-\s)")
# What may close a headline after "on <date>": nothing (no full stop), or a clock time and zone
# (", 5: 03p", " 11:41 am ET").
_CLOCK_TO_END = re.compile(
    r"[\s,|]*(?:\d{1,2}\s*:\s*\d\d\s*(?:[ap]\.?m?\.?)?\s*(?:[a-z]{2,4})?)?\s*$"
)


@cache
def _full_date() -> re.Pattern[str]:
    """A date with its day, month and year, by name or by number (reads lower-cased text)."""
    p = parts()
    day = r"(?P<{}>3[01]|[12]\d|0?[1-9])(?:st|nd|rd|th)?"
    year = r"(?P<{}>1[5-9]\d\d|20\d\d)(?![\w])"
    month = p["month"].replace("(?:", "(?P<{}>(?:", 1) + ")"
    named = (
        rf"{month.format('m1')}\.?\s*{day.format('d1')}\s*,?\s*{year.format('y1')}"
        rf"|{day.format('d2')}\s+(?:of\s+)?{month.format('m2')}\.?\s*,?\s*{year.format('y2')}"
    )
    numeric = (
        r"(?<![\d/])(?P<a>\d{1,2})\s*/\s*(?P<b>\d{1,2})\s*/\s*(?P<y3>\d{4}|\d{2})(?![\d/])"
        r"|(?<![\d-])(?P<y4>1[5-9]\d\d|20\d\d)\s*-\s*(?P<m4>[01]?\d)\s*-\s*(?P<d4>[0-3]?\d)(?!\d)"
    )
    return re.compile(rf"(?<![\w])(?:{named}|{numeric})")


@cache
def _noise() -> re.Pattern[str]:
    """Clock times, zones and weekdays: what a dateline line may hold beside its date."""
    p = parts()
    weekday = alternation(weekday_words())
    return re.compile(rf"{p['clock']}|(?<![\w]){p['zone']}(?![\w])|\b[ap]\.?m\.?(?![\w])"
                      rf"|\b{weekday}\b")


@cache
def _cues() -> frozenset[str]:
    return frozenset(words("dateline_cues"))


_LINKS = frozenset({"on", "at", "last", "first"})


def _cued(before: list[str]) -> bool:
    """A cue that names the date right before it: "Updated: <date>", "Published on <date>";
    a bare "on" is a sentence's ("born on May 3, 1970")."""
    while before and before[-1] in _LINKS:
        before = before[:-1]
        if not before or before[-1] not in _cues():
            return False
    return bool(before) and before[-1] in _cues()


_URL_LINE = re.compile(r"\s*(https?://\S+)\s*(?:\n|$)")
_URL_DATES = (
    # /2013/may/03/ or /2013/05/02/ or /2012/7/7/, then /2012/04/ alone
    re.compile(r"/(?P<y>(?:19|20)\d\d)/(?P<m>[01]?\d|[a-z]{3,9})/(?P<d>[0-3]?\d)(?=[/._-])"),
    re.compile(r"/(?P<y>(?:19|20)\d\d)/(?P<m>[01]?\d|[a-z]{3,9})/"),
    # /2013-09-18/ or /20130308/ as a whole path segment
    re.compile(r"/(?P<y>(?:19|20)\d\d)-?(?P<m>[01]\d)-?(?P<d>[0-3]\d)(?=/)"),
)


def url_date(url: str) -> tuple[date, str] | None:
    """The date a page's address holds, and its precision ("day" or "month")."""
    path = url.lower().split("?", 1)[0]
    for pattern in _URL_DATES:
        for match in pattern.finditer(path):
            found = _url_match(match)
            if found is not None:
                return found
    return None


def _url_match(match: re.Match[str]) -> tuple[date, str] | None:
    month_text = match.group("m")
    month = int(month_text) if month_text.isdigit() else month_words().get(month_text)
    if month is None:
        return None
    day_text = match.groupdict().get("d")
    found = _day(int(match.group("y")), month, int(day_text) if day_text else 1)
    if found is None:
        return None
    return found, "day" if day_text else "month"


def document_date(text: str) -> tuple[date, str] | None:
    """The date the document states as its own: the URL it opens with, else its dateline."""
    opening = _URL_LINE.match(text)
    if opening is not None:
        found = url_date(opening.group(1))
        if found is not None:
            return found
    day = dateline_day(text)
    return (day, "day") if day is not None else None


#: "BRUSSELS, " before a wire dateline's date.
_WIRE_CITY = re.compile(r"[A-Z][A-Z .'’-]+,\s*")


def is_wire_dateline(text: str, start: int, end: int) -> bool:
    """Whether the date at `text[start:end]`, with or without its year, is a wire dateline's:
    in the head, after the city in capitals that opens its line, before the agency or a dash
    ("BRUSSELS, February 10 (Xinhua) --")."""
    if start > HEAD_CHARS:
        return False
    city = text[text.rfind("\n", 0, start) + 1 : start].lstrip()
    return _WIRE_CITY.fullmatch(city) is not None and _AFTER.match(text, end) is not None


def dateline_day(text: str) -> date | None:
    """The day of the first dateline in the document's head, if any."""
    head = text[:HEAD_CHARS].lower()
    offset = 0
    for number, line in enumerate(head.split("\n")):
        if number >= _HEAD_LINES:
            break
        # A full date holds a digit: a line without one (most headlines) needs no date scan.
        day = _line_day(line, head, offset + len(line)) if _DIGIT.search(line) else None
        if day is not None:
            return day
        offset += len(line) + 1
    return None


def _line_day(line: str, head: str, line_end: int) -> date | None:
    """The day of a dateline `line`, which ends at `line_end` in `head` (what follows a date
    at the line's end is read from the next line)."""
    for match in _full_date().finditer(line):
        day = _read(match)
        if day is None:
            continue
        before = _WORD.findall(line[: match.start()])
        rest = _noise().sub(" ", line[: match.start()] + " " + line[match.end() :])
        others = [word for word in _WORD.findall(rest) if word not in _cues()]
        if (
            len(others) <= _MAX_OTHER_WORDS
            or _cued(before)
            or (
                _AFTER.match(line, match.end())
                if match.end() < len(line)
                else _AFTER.match(head, line_end)
            )
            or (before[-1:] == ["on"] and _CLOCK_TO_END.match(line[match.end() :]))
        ):
            return day
    return None


# A web address runs to the next space: "http://example.com/2013/05/03/today-in-court".
_WEB_ADDRESS = re.compile(r"(?:https?://|www\.)\S+")


def web_addresses(lower: str) -> list[tuple[int, int]]:
    """The spans of the web addresses in `lower` (a text lowered). The dates and words of an
    address ("/2013/05/03/", "www.today.com") are no time the text tells: a page that opens
    with its address is dated by it as a whole (`document_date`), and the time tagger reads
    nothing else in it."""
    if "://" not in lower and "www." not in lower:
        return []
    return [match.span() for match in _WEB_ADDRESS.finditer(lower)]


def is_time_stamp(text: str, times: Iterable[tuple[int, int]]) -> bool:
    """Whether a sentence is nothing but a stamp of time: once its time expressions (`times`,
    offsets into it), full dates, clock times, zones and the dateline cues are taken away, no
    word is left ("Posted: 08 / 02 / 2013 11:10 am EDT", "11 / 30 / 09 05:40 PM ET"). It is a
    page's own date, not a happening the page reports, also beside the page's web address."""
    low = text.lower()
    for start, end in (*times, *web_addresses(low)):
        low = low[:start] + " " * (end - start) + low[end:]
    words = _WORD.findall(low)
    if "time" not in words and any(_kept(word) for word in words):
        return False  # a word no pattern can take away: the slow scans would keep it too
    rest = _noise().sub(" ", _full_date().sub(" ", low))
    return all(word in _cues() for word in _WORD.findall(rest))


_DAY_WORDS = ("noon", "midnight", "midday")


@cache
def _removable() -> frozenset[str]:
    """Every word `_full_date` and `_noise` can take away whole where no "time" follows (the
    zone "<place> time" can take any word before it): month names, "of" and ordinal suffixes,
    meridiems and hour words, weekdays, and the words of zone names."""
    zones = {part for name in zone_table() for part in name.split()}
    dates = {"of", "st", "nd", "rd", "th", *weekday_words()}
    clocks = {"a", "p", "m", "am", "pm", "h", "hrs", "hour", "hours", *_DAY_WORDS}
    return frozenset(zones | dates | clocks | set(month_words()))


def _kept(word: str) -> bool:
    """Whether `word` surely outlives the scans of `is_time_stamp` ("noon" is taken from the
    end of any word: "afternoon" leaves "after")."""
    return not (word in _cues() or word in _removable() or word.endswith(_DAY_WORDS))


def _read(match: re.Match[str]) -> date | None:
    """The matched date, or None when it is no calendar day."""
    groups = match.groupdict()
    if groups["y1"] or groups["y2"]:
        month = month_words()[(groups["m1"] or groups["m2"]).rstrip(".")]
        return _day(int(groups["y1"] or groups["y2"]), month, int(groups["d1"] or groups["d2"]))
    if groups["y4"]:
        return _day(int(groups["y4"]), int(groups["m4"]), int(groups["d4"]))
    first, second, year = int(groups["a"]), int(groups["b"]), int(groups["y3"])
    if year < 100:
        year += 2000 if year < 50 else 1900
    month, day = (first, second) if first <= 12 else (second, first)
    return _day(year, month, day)


def _day(year: int, month: int, day: int) -> date | None:
    try:
        return date(year, month, day)
    except ValueError:
        return None
