"""The speed measures must not change what is tagged.

The tagger tries its grammar only at anchors and the weak openers before them (`_starts`),
caches readings by phrase, and reads a "<place> time" zone possessively; all are shortcuts, so
they are checked against the slow, obvious way: the grammar searched at every position, a
reading made afresh, a zone read with backtracking.
"""

from __future__ import annotations

import re
from datetime import date

from hypothesis import given, settings
from hypothesis import strategies as st

from corroborate.extract.lowercase import lowered
from corroborate.extract.times import normalise as nm
from corroborate.extract.times.patterns import _zones, grammar
from corroborate.extract.times.scanner import Candidate, _capitalised, scan

_TEXTS = (
    "Shelling resumed early last Tuesday, nearly two and a half years after the 2020 war.",
    "More than 1,000 years ago; in the past two years; at present; the end of 2020.",
    "The year-ago quarter, mid-September and the 1990s: until the following week, 0800 GMT.",
    "They met at 9 a.m. (0600 GMT) on 13 September, three days later, on a 44-day war's eve.",
    "MAY 5, may be; the Sun rose Sun. morning; O'Brien's 2nd-quarter results, twice a week.",
)


def _searched(text: str) -> list[Candidate]:
    """Every match of the full grammar, searched position by position."""
    lower, pattern, found, position = lowered(text), grammar(), [], 0
    while (match := pattern.search(lower, position)) is not None:
        start, end = match.span()
        if _capitalised(text, lower, start, end):
            found.append(Candidate(start, end, match.lastgroup or ""))
            position = end
        else:
            position = start + 1
    return found


def test_prefiltered_scan_finds_what_a_full_search_finds() -> None:
    for text in _TEXTS:
        assert list(scan(text)) == _searched(text), text


def test_a_reading_without_the_dct_is_shared_and_one_with_it_is_not() -> None:
    early = nm.Reference(date(2022, 9, 13), date(2022, 9, 13), "day")
    late = nm.Reference(date(2023, 1, 10), date(2023, 1, 10), "day")
    assert nm.read_calendar("March 2020", early, False) == nm.read_calendar(
        "March 2020", late, False)
    assert nm.read_calendar("Tuesday", early, False).value == "2022-09-13"
    assert nm.read_calendar("Tuesday", late, False).value == "2023-01-10"
    assert nm.read_calendar("March", early, False).value == "2022-03"
    assert nm.read_calendar("March", late, False).value == "2022-03"
    assert nm.read_calendar("March", late, True).value == "2023-03"


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(["moscow", "new", "time", "x", "-", " ", "'", "."])).map("".join))
def test_a_possessive_zone_reads_what_backtracking_reads(text: str) -> None:
    possessive = re.compile(_zones())
    backtracking = re.compile(_zones().replace("++", "+"))
    for start in range(len(text)):
        found, expected = possessive.match(text, start), backtracking.match(text, start)
        assert (found and found.span()) == (expected and expected.span()), (text, start)
