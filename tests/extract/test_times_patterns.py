"""Each expression family: span, TimeML type and value, UTC interval against a DCT.

The DCT throughout is Tuesday 2022-09-13 unless a test says otherwise.
"""

from __future__ import annotations

import pytest

from tests.extract.times_helpers import only, tag, utc


@pytest.mark.parametrize(
    ("sentence", "span", "type_", "value"),
    [
        ("The deal was signed on September 13, 2022 in Paris.", "September 13, 2022", "DATE",
         "2022-09-13"),
        ("It was filed 2021-03-04 at the court.", "2021-03-04", "DATE", "2021-03-04"),
        ("The leaders met Aug. 31 in Vienna.", "Aug. 31", "DATE", "2022-08-31"),
        ("It began on 5 March 2019.", "5 March 2019", "DATE", "2019-03-05"),
        ("Fighting broke out in November 2020.", "November 2020", "DATE", "2020-11"),
        ("Talks began in April.", "April", "DATE", "2022-04"),
        ("The war ended in 1991.", "1991", "DATE", "1991"),
        ("Troops had held it since the early 1990s.", "the early 1990s", "DATE", "199X"),
        ("The army attacked on Monday.", "Monday", "DATE", "2022-09-12"),
        ("Protesters gathered last Friday.", "last Friday", "DATE", "2022-09-09"),
        ("Shelling resumed on Monday night.", "Monday night", "DATE", "2022-09-12TNI"),
        ("Strikes hit the port early Tuesday.", "early Tuesday", "DATE", "2022-09-13TMO"),
        ("He arrived yesterday.", "yesterday", "DATE", "2022-09-12"),
        ("The pact was signed last year.", "last year", "DATE", "2021"),
        ("Prices rose this year.", "this year", "DATE", "2022"),
        ("Sales fell last month.", "last month", "DATE", "2022-08"),
        ("The storm hit two weeks ago.", "two weeks ago", "DATE", "2022-W35"),
        ("The war ended a year ago in November.", "a year ago in November", "DATE", "2021-11"),
        ("Profit rose in the third quarter.", "the third quarter", "DATE", "2022-Q3"),
        ("The conflict lasted six weeks.", "six weeks", "DURATION", "P6W"),
        ("A six-week war followed.", "six-week", "DURATION", "P6W"),
        ("The siege lasted 5 1/2 hours.", "5 1/2 hours", "DURATION", "PT5H30M"),
        ("It has been going on for several years.", "several years", "DURATION", "PXY"),
        ("Convoys run daily.", "daily", "SET", "P1D"),
        ("Patrols pass every week.", "every week", "SET", "P1W"),
        ("The town is now quiet.", "now", "DATE", "PRESENT_REF"),
    ],
)
def test_family(sentence: str, span: str, type_: str, value: str) -> None:
    found = [e for e in tag(sentence) if e["text"] == span]
    assert found, [e["text"] for e in tag(sentence)]
    assert (found[0]["type"], found[0]["value"]) == (type_, value)


def test_spans_are_exact_text() -> None:
    text = "On Monday night, and again at 0800 local time (GMT +4) on Tuesday, guns fired."
    expressions = tag(text)
    assert [e["text"] for e in expressions] == [
        "Monday night", "0800 local time (GMT +4) on Tuesday"
    ]
    for expression in expressions:
        assert text[expression["char_start"] : expression["char_end"]] == expression["text"]


def test_intervals_are_utc_and_ordered() -> None:
    day = only("The leaders met Aug. 31 in Vienna.")
    assert day["start_utc"] == utc("2022-08-31T00:00:00")
    assert day["end_utc"] is not None and day["end_utc"].date().isoformat() == "2022-08-31"
    assert day["precision"] == "day"
    month = only("Fighting broke out in November 2020.")
    assert (month["precision"], month["start_utc"]) == ("month", utc("2020-11-01T00:00:00"))


def test_weekday_in_future_sentence_is_the_next_one() -> None:
    assert only("Ministers will meet on Friday.")["value"] == "2022-09-16"


def test_month_day_this_year_takes_dct_year() -> None:
    assert only("A truce from Sept. 13 this year.")["value"] == "2022-09-13"


@pytest.mark.parametrize(
    ("sentence", "hour", "minute"),
    [
        ("It started at 9 a.m. GMT.", 9, 0),
        ("It started at 9:00 a.m. GMT.", 9, 0),
        ("It started at 00:05 a.m. GMT.", 0, 5),
        ("It started at 18:30 GMT.", 18, 30),
        ("It started at 1430 GMT.", 14, 30),
        ("It started at 0800 hours GMT.", 8, 0),
        ("It started at 9 p.m. UTC.", 21, 0),
        ("It started at noon GMT.", 12, 0),
    ],
)
def test_clock_forms(sentence: str, hour: int, minute: int) -> None:
    expression = only(sentence)
    assert expression["type"] == "TIME"
    assert expression["precision"] == "minute"
    assert expression["start_utc"] == utc(f"2022-09-13T{hour:02d}:{minute:02d}:00")


def test_clock_takes_the_day_its_sentence_names() -> None:
    found = tag("On Monday, the first shell landed at 23:10 GMT.")
    clock = next(e for e in found if e["type"] == "TIME")
    assert clock["start_utc"] == utc("2022-09-12T23:10:00")


def test_nothing_in_a_web_address_is_a_time() -> None:
    text = ("http://www.today.example/2013/05/03/court-today-in-may-2013.html\n\n"
            "The court met on May 3, 2013. See www.example.com/news/2012/ for more.")
    assert [e["text"] for e in tag(text)] == ["May 3, 2013"]


def test_a_year_before_the_common_era_is_no_time() -> None:
    assert [e["text"] for e in tag("The town, settled since 1750 BC, fell in 2015.")] == ["2015"]
    assert [e["text"] for e in tag("A temple of 1600 B.C. stood here.")] == []


def test_ages_are_not_durations() -> None:
    assert tag("A 6-year-old girl was hurt.") == []


def test_a_month_that_is_a_given_name_before_a_surname_is_a_person() -> None:
    assert tag("UN adviser Jan Egeland told Reuters that June Carter, a nurse, left.") == []
    assert [e["text"] for e in tag("Talks resumed on Jan. 5 and ended in June.")] == [
        "Jan. 5", "June"]
    assert [e["text"] for e in tag("June Rains Kill Five")] == ["June"]  # a headline


@pytest.mark.parametrize(
    "sentence",
    [
        "He scored on a jumper with 7:42 left in the first half.",
        "The drive ate up 6:05 of the clock.",
        "The referee stopped the fight at 2:56 of the first round.",
        "She scored 8:13 into the second period.",
    ],
)
def test_a_game_clock_is_no_time_of_day(sentence: str) -> None:
    assert [e["text"] for e in tag(sentence)] == []


def test_a_time_of_day_before_a_game_word_stays_one() -> None:
    # Only a bare M:SS is read as a game clock; "p.m." makes it a time of day.
    found = tag("The game began at 7:30 p.m. left in the cold.")
    assert [(e["text"], e["value"]) for e in found] == [("7:30 p.m.", "2022-09-13T19:30")]
