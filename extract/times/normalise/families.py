"""The other families of time expressions: a unit relative to the document date ("last
year"), "ago", durations, quarters and halves, frequencies (SET), references to the present,
past or future, and ISO dates."""

from __future__ import annotations

import re
from datetime import date, timedelta
from functools import lru_cache

from corroborate.extract.times.normalise.periods import (
    Period,
    Reading,
    Reference,
    day_period,
    decade_period,
    half_period,
    month_period,
    quarter_period,
    relative,
    shift_months,
    week_period,
    year_period,
)
from corroborate.extract.times.normalise.words import (
    CACHED_PHRASES,
    TOKEN,
    amount_words,
    direction_words,
    quarter_back_words,
    quarter_ordinals,
    reference_words,
    relative_words,
    set_words,
    unit_words,
)
from corroborate.extract.times.patterns import month_words, weekday_words


@lru_cache(maxsize=CACHED_PHRASES)
def read_relunit(phrase: str, reference: Reference) -> Reading:
    """ "last year", "this month", "earlier this week", "the year-ago quarter", "year-end"."""
    tokens = TOKEN.findall(phrase.lower().replace("-", " "))
    unit = next((t for t in reversed(tokens) if t in unit_words() or t == "weekend"), "year")
    relatives = relative_words()
    offset = next((relatives[t] for t in tokens if t in relatives), 0)
    if "ago" in tokens or ("earlier" in tokens[1:] and tokens[-1] != unit):
        offset = -1
    granularity = "week" if unit == "weekend" else unit_words()[unit][2]

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


@lru_cache(maxsize=CACHED_PHRASES)
def read_ago(phrase: str, reference: Reference) -> Reading:
    """ "two years ago", "a year earlier", "a year ago in November"; "N units after/before"
    is measured from some other event, so it is read as the duration alone."""
    words = _tokens(phrase)
    amount, unit = amount_and_unit(words)
    directions = direction_words()
    cue = next((w for w in words if w in directions), None)
    points = directions[cue] if cue is not None else "past"
    if points == "measured":
        trim = len(phrase) - phrase.lower().rfind(cue) + 1
        return Reading("DURATION", _duration_value(amount, unit), end_trim=trim)
    if unit is None or amount is None or not amount.isdigit():
        return Reading("DATE", "PAST_REF" if points == "past" else "FUTURE_REF")
    _, size, granularity = unit_words()[unit]
    steps = int(amount) * size * (-1 if points == "past" else 1)
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


def amount_and_unit(words: list[str]) -> tuple[str | None, str | None]:
    """ "twenty four hours" -> ("24", "hours"); "several years" -> ("X", "years")."""
    amounts, units = amount_words(), unit_words()
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
    iso, size, granularity = unit_words()[unit]
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
    return TOKEN.findall(re.sub(r"(\d)\s+1/2", r"\1.5", phrase.lower().replace("-", " ")))


@lru_cache(maxsize=CACHED_PHRASES)
def read_duration(phrase: str) -> Reading:
    amount, unit = amount_and_unit(_tokens(phrase))
    if amount is None:
        amount = (
            "1"
            if any(w in phrase.lower() for w in ("past", "next", "previous", "coming", "following"))
            else "X"
        )
        if unit is not None and unit.endswith("s") and amount == "1":
            amount = "X"
    return Reading("DURATION", _duration_value(amount, unit))


@lru_cache(maxsize=CACHED_PHRASES)
def read_quarter(phrase: str, reference: Reference) -> Reading:
    """ "the third quarter", "fourth-quarter", "the latest quarter", "the first half of 1990"."""
    words = TOKEN.findall(phrase.lower().replace("-", " "))
    ordinal = next((n for w, n in quarter_ordinals().items() if w in words), None)
    year = next((int(w) for w in words if w.isdigit() and len(w) == 4), None)
    half = "half" in words
    back = -1 if not quarter_back_words().isdisjoint(words) else 0
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
    value = set_words().get(lowered)
    if value is not None:
        return Reading("SET", value)
    words = TOKEN.findall(lowered)
    weekday = next((weekday_words()[w] for w in words if w in weekday_words()), None)
    if weekday is not None:
        return Reading("SET", f"XXXX-WXX-{weekday}")
    unit = next((w for w in words if w in unit_words()), "day")
    step = "2" if "other" in words else "1"
    return Reading("SET", _duration_value(step, unit))


def read_reference(phrase: str) -> Reading:
    return Reading("DATE", reference_words().get(" ".join(phrase.lower().split()), "PRESENT_REF"))


def read_iso(phrase: str) -> Reading:
    year, month, day = (int(part) for part in phrase.split("-"))
    try:
        period = day_period(date(year, month, day))
    except ValueError:
        return Reading("DATE", phrase)
    return Reading("DATE", period.value, period)
