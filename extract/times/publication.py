"""When was a document written (its DCT): metadata, else a date at its top, else inference.

Why inference and not "today": a document's relative times ("on Tuesday", "last year") are
only as right as its DCT, and a wrong DCT silently moves every event. So a missing date is
reconstructed from the text's own evidence, with the precision that evidence supports, and a
document with no evidence stays `unknown`:

0. A date the document states as its own (`datelines`): the URL it opens with, a dateline
   line ("Published: August 2, 2013", "7:15 a.m. Dec. 7, 2009"), day precision.
1. "N year(s) ago in <Month>" plus an explicit "<Month> <Year>" elsewhere: the DCT is that
   month N years later (month precision).
2. A weekday with a month and day but no year ("Tuesday, September 13th") fixes the year among
   the first `_YEARS_AHEAD` after every explicit year the text mentions (day precision).
3. Month-days without a year ("on Aug. 31", which news writes only for the current year): the
   year among those first ones in which a month-day that the text ties to the present ("on
   Sept. 13 this year", or a wire dateline without its year: "BRUSSELS, February 10 (Xinhua)
   --") falls on the weekday the document's chain of weekdays ends on ("Monday night ... on
   Tuesday") is the DCT's; with no such year, the earliest admissible year (year precision),
   but only when the text also says "last year", which ties its explicit years to the present.
   A weekday written beside its month-day ("on Tuesday (Jan 6)") is rule 2's.
Otherwise the DCT is unknown: the latest date a text mentions is as often a coming event ("the
2014 show") or a thing ("a 2012 report") as the present, and without a current-year date the
year after it is a guess, wrong more often than right (a wrong date splits incidents).

Why only the first two years: a weekday falls on a given month-day about once in seven years,
so a search over many years always finds one, and the latest year a text writes out may be
decades old (an obituary's "1950s", a record "since 1996"). On undated web news of many
outlets (ECB+, truth from their URLs or their time), searching 12 years (36 for rule 2), with
the bare year as the fallback, dated 31 documents, 23 of them wrongly; two years, and the bare
year only beside "last year", date 10, 7 wrongly (datelines: 133, 4 against their URL's year).

Why a day only from a month-day tied to the present: any other is as often an earlier or a
coming day ("its record high set on Aug. 6", "plans to redeem on Nov. 16", "the Dec. 6
killing"). Read with them, on TimeBank and AQUAINT (256 news articles of 1989 to 2000, their
own dates withheld) this rule gave 7 articles a day, 6 wrongly, and on ECB+ dev 9, 7 wrongly
(the other two wrote the weekday beside the month-day, and rule 2 now dates them). Tied, it
dates 1 on TimeBank and AQUAINT, rightly, and none on ECB+ dev. Its year alone stays as it
was, and is weak: right for 1 of 7 on TimeBank and AQUAINT ("last year" beside "1988" in a
1989 article).

"Admissible" follows news style (AP): a writer gives the year only for dates outside the
current year, so explicit years lie before the DCT's year; and a text that says "last year"
does not also write that year as a number.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from functools import cache

from corroborate.extract.lowercase import lowered
from corroborate.extract.numbers import PhraseFinder
from corroborate.extract.records import Precision, Publication
from corroborate.extract.sentences import Sentence
from corroborate.extract.times import normalise as nm
from corroborate.extract.times.datelines import document_date, is_wire_dateline
from corroborate.extract.times.patterns import month_words
from corroborate.extract.times.scanner import Candidate, scan

_YEARS_AHEAD = 2
_FUTURE = ("will", "shall", "by", "until", "plan", "plans", "planned", "expected", "target")
_AGO_IN_MONTH = re.compile(r"(\w+)\s+years?\s+ago\s+in\s+(\w+)", re.I)
# "this year" inside a date's expression ("06:00 GMT on Sept. 13 this year"), or right after it.
_THIS_YEAR = re.compile(r"\bthis\s+year\b", re.I)
_THIS_YEAR_AFTER = re.compile(r"\s*,?\s*this\s+year\b", re.I)
_BESIDE = re.compile(r"[\s,()]*")  # what may stand between a weekday and its month-day
_NO_DCT = nm.Reference(None, None, None)


def infer_publication(
    text: str, sentences: Sequence[Sentence], metadata: Publication | None
) -> Publication:
    """The document's creation time; `metadata` when the caller has it, returned as is."""
    if metadata is not None:
        return metadata
    stated = document_date(text)
    if stated is not None:
        return _publication(stated[0], stated[1], "text")
    evidence = _collect(text, list(scan(text)))
    for rule in (_ago_in_month, _weekday_with_date, _weekdays_and_month_days):
        found = rule(evidence)
        if found is not None:
            return _publication(found[0], found[1], "inferred")
    return {"published_at": None, "published_precision": None, "published_basis": "unknown"}


def _publication(day: date, precision: str, basis: str) -> Publication:
    return {
        "published_at": datetime(day.year, day.month, day.day, tzinfo=UTC),
        "published_precision": precision,  # type: ignore[typeddict-item]
        "published_basis": basis,  # type: ignore[typeddict-item]
    }


@dataclass
class _Evidence:
    explicit: list[nm.Period] = field(default_factory=list)
    month_days: list[tuple[int, int]] = field(default_factory=list)  # tied to the present
    writes_month_days: bool = False  # any month-day without a year, tied or not
    weekday_dates: list[tuple[int, int, int]] = field(default_factory=list)
    weekdays: list[int] = field(default_factory=list)
    ago_in_month: list[tuple[int, int]] = field(default_factory=list)
    says_last_year: bool = False

    explicit_years: frozenset[int] = frozenset()  # set by `_collect` once all are read

    def admissible(self, year: int) -> bool:
        if self.explicit_years and year <= max(self.explicit_years):
            return False
        return not (self.says_last_year and year - 1 in self.explicit_years)

    def first_year(self) -> int | None:
        if not self.explicit_years:
            return None
        return max(self.explicit_years) + 1


def _collect(text: str, candidates: Sequence[Candidate]) -> _Evidence:
    evidence = _Evidence()
    future: _FutureWords | None = None
    for index, candidate in enumerate(candidates):
        phrase = text[candidate.start : candidate.end]
        if candidate.family in ("relunit", "ago"):
            evidence.says_last_year |= phrase.lower().startswith("last year")
            ago = _AGO_IN_MONTH.search(phrase)
            amount = nm.amount_and_unit(ago.group(1).lower().split())[0] if ago else None
            if ago and amount and amount.isdigit():
                evidence.ago_in_month.append((int(amount), month_words()[ago.group(2).lower()]))
            continue
        if candidate.family not in ("date", "month", "year", "iso", "weekday", "clock"):
            continue
        if candidate.family == "clock":
            parts = nm.split_clock(phrase)
            phrase = parts.date_text if parts else ""
        features = nm.features(phrase)
        if features.year is not None:
            future = future or _FutureWords(text)
        if features.year is not None and not future.before(candidate.start):
            period = nm.read_calendar(phrase, _NO_DCT, False).period
            if period is not None:
                evidence.explicit.append(period)
            continue
        weekday = features.weekday
        if weekday is None and features.month and features.day:
            weekday = _weekday_beside(text, candidates, index)
        if weekday is not None and features.month and features.day:
            evidence.weekday_dates.append((weekday, features.month, features.day))
        elif features.month and features.day:
            evidence.writes_month_days = True
            if _tied_to_present(text, candidate):
                evidence.month_days.append((features.month, features.day))
        elif features.weekday is not None:
            evidence.weekdays.append(features.weekday)
    evidence.explicit_years = frozenset(period.start.year for period in evidence.explicit)
    return evidence


def _weekday_beside(text: str, candidates: Sequence[Candidate], index: int) -> int | None:
    """The weekday written right before or after the month-day at `index` ("on Tuesday (Jan 6)",
    "Jan. 6 (Tuesday)"), or None."""
    here = candidates[index]
    for other in (candidates[index - 1] if index else None,
                  candidates[index + 1] if index + 1 < len(candidates) else None):
        if other is None or other.family != "weekday":
            continue
        gap = (text[other.end : here.start] if other.end <= here.start
               else text[here.end : other.start])
        if _BESIDE.fullmatch(gap):
            return nm.features(text[other.start : other.end]).weekday
    return None


def _tied_to_present(text: str, candidate: Candidate) -> bool:
    """Whether the text ties a month-day without a year to the present: "on Sept. 13 this
    year", or a wire dateline near the top ("BRUSSELS, February 10 (Xinhua) --")."""
    return (
        _THIS_YEAR.search(text, candidate.start, candidate.end) is not None
        or _THIS_YEAR_AFTER.match(text, candidate.end) is not None
        or is_wire_dateline(text, candidate.start, candidate.end)
    )


class _FutureWords:
    """Where future words ("will", "plans") are, found once per text, and where the sentence (by
    "." or a line break) of each date begins, read as the dates come, left to right: searching
    back from each date was quadratic in a long text without periods ("2022 " repeated)."""

    def __init__(self, text: str) -> None:
        self.text = text
        found = _future_words().spans(lowered(text))
        self.starts = [start for start, _ in found]
        self.ends = [end for _, end in found]
        self.sentence_start = 0
        self.read = 0  # the text before this has been searched for sentence boundaries

    def before(self, position: int) -> bool:
        """Whether a future word stands between the sentence's start and `position`; each call's
        `position` is at or after the one before."""
        boundary = max(
            self.text.rfind(".", self.read, position), self.text.rfind("\n", self.read, position)
        )
        if boundary >= 0:
            self.sentence_start = boundary + 1
        self.read = position
        first = bisect_left(self.starts, self.sentence_start)
        return first < len(self.starts) and self.ends[first] <= position


@cache
def _future_words() -> PhraseFinder:
    return PhraseFinder(_FUTURE)


Found = tuple[date, Precision] | None


def _ago_in_month(evidence: _Evidence) -> Found:
    for years, month in evidence.ago_in_month:
        for period in evidence.explicit:
            if period.precision == "month" and period.start.month == month:
                return date(period.start.year + years, month, 1), "month"
    return None


def _weekday_with_date(evidence: _Evidence) -> Found:
    first = evidence.first_year()
    if first is None or not evidence.weekday_dates:
        return None
    days = []
    for weekday, month, day in evidence.weekday_dates:
        year = next(
            (
                y
                for y in range(first, first + _YEARS_AHEAD)
                if evidence.admissible(y)
                and _valid(y, month, day)
                and date(y, month, day).isoweekday() == weekday
            ),
            None,
        )
        if year is not None:
            days.append(date(year, month, day))
    return (max(days), "day") if days else None


def _weekdays_and_month_days(evidence: _Evidence) -> Found:
    first = evidence.first_year()
    if first is None or not evidence.writes_month_days:
        return None
    last_weekday = _chain_end(evidence.weekdays)
    best: tuple[int, int, date | None] | None = None
    for year in range(first, first + _YEARS_AHEAD):
        if not evidence.admissible(year):
            continue
        score, matched = -(year - first), None
        for month, day in evidence.month_days:
            if not _valid(year, month, day):
                continue
            weekday = date(year, month, day).isoweekday()
            if weekday == last_weekday:
                score, matched = (
                    score + 3,
                    max(matched or date(year, month, day), date(year, month, day)),
                )
            elif weekday in evidence.weekdays:
                score += 1
        if best is None or score > best[0]:
            best = (score, year, matched)
    if best is None:
        return None
    _, year, matched = best
    if matched:
        return matched, "day"
    return (date(year, 1, 1), "year") if evidence.says_last_year else None


def _chain_end(weekdays: list[int]) -> int | None:
    """The weekday a run of mentioned weekdays ends on: Monday and Tuesday -> Tuesday."""
    if not weekdays:
        return None
    counts = Counter(weekdays)
    ends = [w for w in counts if (w % 7) + 1 not in counts] or list(counts)
    return max(ends, key=lambda w: (counts[w], -weekdays.index(w)))


def _valid(year: int, month: int, day: int) -> bool:
    try:
        date(year, month, day)
    except ValueError:
        return False
    return True
