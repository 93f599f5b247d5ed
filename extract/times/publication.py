"""When was a document written (its DCT): metadata, else a date at its top, else inference.

Why inference and not "today": a document's relative times ("on Tuesday", "last year") are
only as right as its DCT, and a wrong DCT silently moves every event. So a missing date is
reconstructed from the text's own evidence, with the precision that evidence supports, and a
document with no evidence stays `unknown`:

1. "N year(s) ago in <Month>" plus an explicit "<Month> <Year>" elsewhere: the DCT is that
   month N years later (month precision).
2. A weekday with a month and day but no year ("Tuesday, September 13th") names the day, when
   exactly one admissible year puts that month-day on that weekday (day precision).
3. Month-days without a year and weekdays mentioned apart: the admissible year in which a
   month-day falls on the weekday the document's chain of weekdays ends on ("Monday night ...
   on Tuesday") is the DCT's, when exactly one year does (day precision).
Otherwise the DCT is unknown. The latest date a text mentions is not its DCT: it is as often
a coming event ("the 2014 show") or a product ("his 2013 Toyota") as the present.

"Admissible" years are the latest year the text writes and the few after it: a writer gives
the year for dates outside the current year (AP), but web pages also print their own year. A year
the text does not confirm (a weekday fitting a month-day) is never guessed: a wrong DCT is
worse than none. A text that says "last year" does not also write that year as a number.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import UTC, date, datetime

from extract.records import Precision, Publication
from extract.sentences import Sentence
from extract.times import normalise as nm
from extract.times.datelines import document_date
from extract.times.patterns import Candidate, lowered, month_words, scan

_FUTURE = re.compile(r"\b(?:will|shall|by|until|plans?|planned|expected|target)\b")
_AGO_IN_MONTH = re.compile(r"(\w+)\s+years?\s+ago\s+in\s+(\w+)", re.I)
_NO_DCT = nm.Reference(None, None, None)
# How many years past the latest year it writes a text may have been written in. A weekday on
# a month-day recurs after 5, 6 or 11 years, so within this window the fit is mostly unique.
_YEARS_AFTER_LATEST = 5


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
    month_days: list[tuple[int, int]] = field(default_factory=list)
    weekday_dates: list[tuple[int, int, int]] = field(default_factory=list)
    weekdays: list[int] = field(default_factory=list)
    ago_in_month: list[tuple[int, int]] = field(default_factory=list)
    says_last_year: bool = False

    explicit_years: frozenset[int] = frozenset()  # set by `_collect` once all are read

    def admissible_years(self) -> tuple[int, ...]:
        """The latest written year and the few after it, less one the text calls "last year"."""
        if not self.explicit_years:
            return ()
        latest = max(self.explicit_years)
        return tuple(
            year for year in range(latest, latest + _YEARS_AFTER_LATEST + 1)
            if not (self.says_last_year and year - 1 in self.explicit_years)
        )


def _collect(text: str, candidates: Sequence[Candidate]) -> _Evidence:
    evidence = _Evidence()
    for candidate in candidates:
        phrase = text[candidate.start : candidate.end]
        if candidate.family in ("relunit", "ago"):
            evidence.says_last_year |= phrase.lower().startswith("last year")
            ago = _AGO_IN_MONTH.search(phrase)
            amount = nm._amount_and_unit(ago.group(1).lower().split())[0] if ago else None
            if ago and amount and amount.isdigit():
                evidence.ago_in_month.append((int(amount), month_words()[ago.group(2).lower()]))
            continue
        if candidate.family not in ("date", "month", "year", "iso", "weekday", "clock"):
            continue
        if candidate.family == "clock":
            parts = nm.split_clock(phrase)
            phrase = parts.date_text if parts else ""
        features = nm.features(phrase)
        if features.year is not None and not _in_future_sentence(text, candidate.start):
            period = nm.read_calendar(phrase, _NO_DCT, False).period
            if period is not None:
                evidence.explicit.append(period)
            continue
        if features.weekday is not None and features.month and features.day:
            evidence.weekday_dates.append((features.weekday, features.month, features.day))
        elif features.month and features.day:
            evidence.month_days.append((features.month, features.day))
        elif features.weekday is not None:
            evidence.weekdays.append(features.weekday)
    evidence.explicit_years = frozenset(period.start.year for period in evidence.explicit)
    return evidence


def _in_future_sentence(text: str, position: int) -> bool:
    start = max(text.rfind(".", 0, position), text.rfind("\n", 0, position)) + 1
    return bool(_FUTURE.search(lowered(text), start, position))


Found = tuple[date, Precision] | None


def _ago_in_month(evidence: _Evidence) -> Found:
    for years, month in evidence.ago_in_month:
        for period in evidence.explicit:
            if period.precision == "month" and period.start.month == month:
                return date(period.start.year + years, month, 1), "month"
    return None


def _weekday_with_date(evidence: _Evidence) -> Found:
    days = set()
    for weekday, month, day in evidence.weekday_dates:
        fitting = [year for year in evidence.admissible_years() if _on_weekday(year, month, day,
                                                                              weekday)]
        if len(fitting) == 1:
            days.add(date(fitting[0], month, day))
    return (max(days), "day") if days else None


def _weekdays_and_month_days(evidence: _Evidence) -> Found:
    last_weekday = _chain_end(evidence.weekdays)
    if last_weekday is None:
        return None
    matches = {
        year: max(date(year, month, day) for month, day in evidence.month_days
                  if _on_weekday(year, month, day, last_weekday))
        for year in evidence.admissible_years()
        if any(_on_weekday(year, month, day, last_weekday) for month, day in evidence.month_days)
    }
    return (next(iter(matches.values())), "day") if len(matches) == 1 else None


def _on_weekday(year: int, month: int, day: int, weekday: int) -> bool:
    return _valid(year, month, day) and date(year, month, day).isoweekday() == weekday


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
