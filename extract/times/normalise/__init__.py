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

The readers, one module per family: `calendar_phrases` (dates, weekdays, months, seasons,
parts of the day), `clock` (clock times), `families` (relative units, "ago", durations,
quarters, frequencies, references, ISO dates); `periods` holds what they return and resolve
against, `words` the vocabulary they share.
"""

from corroborate.extract.times.normalise.calendar_phrases import features, read_calendar
from corroborate.extract.times.normalise.clock import (
    ClockParts,
    clock_period,
    paren_clock,
    split_clock,
)
from corroborate.extract.times.normalise.families import (
    amount_and_unit,
    read_ago,
    read_duration,
    read_iso,
    read_quarter,
    read_reference,
    read_relunit,
    read_set,
    year_before,
)
from corroborate.extract.times.normalise.periods import (
    Period,
    Reading,
    Reference,
    day_period,
    relative,
    to_utc_bounds,
)

__all__ = [
    "ClockParts", "Period", "Reading", "Reference", "amount_and_unit", "clock_period",
    "day_period", "features", "paren_clock", "read_ago", "read_calendar", "read_duration",
    "read_iso", "read_quarter", "read_reference", "read_relunit", "read_set", "relative",
    "split_clock", "to_utc_bounds", "year_before",
]
