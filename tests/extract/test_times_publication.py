"""The document creation time: metadata, a date at the top, inference, or unknown, and what an
undated document does to relative expressions (they stay unanchored: never "today")."""

from __future__ import annotations

import pytest

from corroborate.extract.sentences import split_sentences
from corroborate.extract.times import find_events, infer_publication, tag_time_expressions
from corroborate.extract.times.datelines import is_time_stamp
from tests.extract.times_helpers import publication


def infer(text: str):
    return infer_publication(text, split_sentences(text), None)


def test_metadata_is_returned_as_is() -> None:
    given = publication("2020-01-02")
    assert infer_publication("Nothing dated here.", [], given) is given


def test_date_line_at_the_top() -> None:
    text = "Floods Hit the Coast\n\nMarch 4, 2019\n\nRain fell on Monday in the region."
    found = infer(text)
    assert (found["published_basis"], found["published_precision"]) == ("text", "day")
    assert found["published_at"].date().isoformat() == "2019-03-04"


def test_weekday_with_month_and_day_fixes_the_year() -> None:
    text = ("Fighting erupted at 0005 on Tuesday, September 13th. "
            "It was the worst since a war in 2020.")
    found = infer(text)
    assert found["published_basis"] == "inferred"
    assert (found["published_at"].date().isoformat(), found["published_precision"]) == (
        "2022-09-13", "day")


def test_month_day_on_the_last_weekday_mentioned() -> None:
    text = ("Shelling began on Monday night and went on into Tuesday. A truce was set for "
            "Sept. 13 this year. The region saw a war in 2020.")
    found = infer(text)
    assert found["published_at"].date().isoformat() == "2022-09-13"


def test_a_wire_dateline_without_its_year_is_the_day_of_writing() -> None:
    text = ("BRUSSELS, February 10 (Xinhua) --\n\nNATO will admit three members, an official "
            "said on Wednesday. They applied in 1997.")
    found = infer(text)
    assert (found["published_at"].date().isoformat(), found["published_precision"]) == (
        "1999-02-10", "day")


def test_a_weekday_written_beside_its_month_day_fixes_the_year() -> None:
    found = infer("The company on Tuesday (Jan 6) showed a laptop. Sales fell through 2008.")
    assert found["published_at"].date().isoformat() == "2009-01-06"


def test_years_ago_in_month_with_an_explicit_month_elsewhere() -> None:
    text = ("The war ended a year ago in November. Agreements were reached in November 2020. "
            "A truce was reached on Tuesday.")
    found = infer(text)
    assert (found["published_at"].date().isoformat()[:7], found["published_precision"]) == (
        "2021-11", "month")


def test_the_latest_date_mentioned_is_not_the_dct() -> None:
    # A date the text reports may be past or coming; it does not say when the text was written.
    found = infer("A treaty signed in May 2015 replaced one from 2009.")
    assert found["published_basis"] == "unknown"


def test_weekdays_and_past_years_alone_leave_the_dct_unknown() -> None:
    # "The year after the latest year" is a guess: nothing in the text is of the current year.
    found = infer("The side won on Sunday, its first title since 2008. Fans cheered on Monday.")
    assert found["published_basis"] == "unknown"


def test_a_month_day_without_a_year_dates_the_text_to_a_year_it_does_not_write() -> None:
    found = infer("Talks resume on Aug. 31. Last year's talks failed; a war ended in 2020.")
    assert (found["published_at"].year, found["published_precision"]) == (2022, "year")


def test_datelines_as_sites_print_them() -> None:
    cases = {
        "Prisoner captured\n\n7:15 a.m. Dec. 7, 2009\n\nA convicted man": "2009-12-07",
        "Star dies\n\n06 / 06 / 13 07:05 PM ET EDT\n\nThe actress died": "2013-06-06",
        "Host named\n\nPosted: 08 / 02 / 2013 11:10 am EDT\n\nThe comedian": "2013-08-02",
        "Vote\n\n2013 - 09 - 26\n\nFor the first time": "2013-09-26",
        "Crash kills woman | Updated on September 14, 2013 11: 41am\n\nA driver": "2013-09-14",
        "Wounded\n\nLast updated on 4 May 2012, at 10:00\n\nTwo men": "2012-05-04",
        "CITY, Sept. 13, 2022 (Agency) — Shelling began overnight.": "2022-09-13",
        "Quake\n\n30/11/2009\n\nA strong quake hit": "2009-11-30",
        "Team wins final on Dec 23 2012, 5: 03p\n\nThe team won": "2012-12-23",
        "Lineman arrested on suspicion of drunk driving on Feb. 04, 2009\n\nThe": "2009-02-04",
    }
    for text, day in cases.items():
        found = infer(text)
        assert (found["published_basis"], found["published_precision"]) == ("text", "day"), text
        assert found["published_at"].date().isoformat() == day, text


def test_a_date_in_a_sentence_is_no_dateline() -> None:
    for text in ("He was born on May 3, 1970 in a small town.",
                 "Title\n\nThe ship sank on May 3, 1970, with all hands.",
                 "Title\n\nThe ship was found by divers on May 3, 1970."):
        assert infer(text)["published_basis"] == "unknown", text


def test_undated_document_stays_unknown_and_unanchored() -> None:
    text = "Officials said on Tuesday that the shelling began last year and ended yesterday."
    sentences = split_sentences(text)
    found = infer_publication(text, sentences, None)
    assert found == {"published_at": None, "published_precision": None,
                     "published_basis": "unknown"}
    expressions = tag_time_expressions("d", text, sentences, found)
    assert {e["value"] for e in expressions} == {"XXXX-WXX-2", "XXXX", "XXXX-XX-XX"}
    assert all(e["start_utc"] is None and e["precision"] is None for e in expressions)
    assert find_events("d", text, sentences, expressions, found) == []


def test_coarse_dct_gives_a_span_not_a_guess() -> None:
    text = "A truce was reached on Tuesday."
    sentences = split_sentences(text)
    [tuesday] = tag_time_expressions("d", text, sentences, publication("2021-11-01", "month"))
    assert tuesday["precision"] == "month"
    assert tuesday["value"] == "2021-WXX-2"  # the weekday survives the coarse DCT
    assert tuesday["start_utc"].date().isoformat() == "2021-10-26"
    assert tuesday["end_utc"].date().isoformat() == "2021-11-30"


@pytest.mark.parametrize(
    "text",
    [
        # An obituary's latest year is decades old: "the year after it" would be a guess.
        "The actress, a star of the 1950s, died on Dec. 11 at a hospital. She retired in 1959.",
        # The day a record was set, on a Friday of some year, the text does not tie to the
        # present: it is not the day the report was written.
        "Stocks fell on Friday, within 70 points of the record high set on Aug. 6. "
        "Profits had risen in 1997.",
    ],
)
def test_a_month_day_alone_leaves_a_text_undated(text: str) -> None:
    assert infer(text)["published_basis"] == "unknown"


def test_a_weekday_date_fits_only_the_first_years_after_the_latest_year() -> None:
    # 8 March is a Friday in 2002, 2013 and 2019, not in 1997 or 1998: for a text whose latest
    # year is 1996, a match years on is a coincidence of the calendar, not a date.
    found = infer("The team won on Friday, March 8, its first title since 1996.")
    assert found["published_basis"] == "unknown"
    found = infer("The team won on Friday, March 8, its first title since 2012.")
    assert found["published_at"].date().isoformat() == "2013-03-08"


@pytest.mark.parametrize(
    ("line", "stamp"),
    [
        ("Posted: 08 / 02 / 2013 11:10 am EDT", True),
        ("Last updated at 1200 hours GMT on the 5th of May 2013", False),  # "the" is left
        ("Last updated at 1200 hours GMT on 5th of May 2013", True),
        ("Updated 3:15 p.m. Eastern time, Dec. 7, 2009", True),
        ("Updated 3:15 p.m. Paris time, Dec. 7, 2009", True),  # "<place> time" is a zone
        ("Published midnight, Dec. 7, 2009", True),
        ("Published in the afternoon, Dec. 7, 2009", False),
        ("Troops attacked at 3:15 p.m. EDT on Dec. 7, 2009", False),
        ("Updated 3:15 p.m. EST, Mon Dec. 7, 2009", True),  # a weekday beside its date
        # a scraped page's address beside its stamp
        ("http://example.com/2009/US/12/07/story/ updated 3:15 p.m. EST, Dec. 7, 2009", True),
    ],
)
def test_a_time_stamp_is_dates_clock_times_zones_and_cues_alone(line: str, stamp: bool) -> None:
    assert is_time_stamp(line, ()) is stamp
