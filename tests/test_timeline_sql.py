"""The timeline reads true: labels say their precision, background never opens the story, a
weekday dates nothing without a day to count from, summaries say who did what to whom, where."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from tests.sql_warehouse import DAY, Warehouse

END_OF = timedelta(days=1) - timedelta(microseconds=1)


@pytest.fixture
def warehouse():
    built = Warehouse()
    yield built
    built.conn.close()


def _at(*args: int) -> datetime:
    return datetime(*args, tzinfo=UTC)


def test_labels_say_no_more_than_their_precision(warehouse):
    a = warehouse.document("Four reports of four happenings.", "Outlet A", DAY)
    warehouse.event(a, _at(2021, 1, 1), _at(2022, 1, 1) - timedelta(microseconds=1),
                    "agreement", precision="year")
    warehouse.event(a, _at(2022, 9, 1), _at(2022, 10, 1) - timedelta(microseconds=1),
                    "meeting", precision="month")
    warehouse.event(a, _at(2022, 9, 13), _at(2022, 9, 13) + END_OF, "appeal", precision="day")
    warehouse.event(a, _at(2022, 9, 13, 6), _at(2022, 9, 13, 6), "ceasefire", precision="minute")
    warehouse.event(a, _at(2021, 11, 1, 14, 30), _at(2021, 11, 30, 14, 30), "statement",
                    precision="month")  # "from 18:30 (1430 GMT)" in an article of Nov 2021
    warehouse.build()
    assert sorted(warehouse.rows("select fact from source_agreement where kind = 'event'")) == [
        ("agreement in 2021",),
        ("appeal on 13 Sep 2022",),
        ("ceasefire at 13 Sep 2022 06:00 UTC",),
        ("meeting in Sep 2022",),
        ("statement in Nov 2021",),
    ]


def test_reports_that_only_chain_give_the_precision_of_their_span(warehouse):
    a = warehouse.document("The first blast was at 06:00.", "Outlet A", DAY)
    b = warehouse.document("The second blast was at 20:00.", "Outlet B", DAY)
    c = warehouse.document("Blasts shook the city on Tuesday.", "Outlet C", DAY)
    day = _at(2022, 9, 13)
    warehouse.event(a, day + timedelta(hours=6), day + timedelta(hours=6), precision="minute")
    warehouse.event(b, day + timedelta(hours=20), day + timedelta(hours=20), precision="minute")
    warehouse.event(c, day, day + END_OF, precision="day")
    warehouse.build()
    # No clock time is shared by all three: the fact is the day, and says no more.
    assert warehouse.rows(
        "select occurred, precision, occurred_start, occurred_end from timeline"
    ) == [("on 13 Sep 2022", "day", day, day + END_OF)]


def test_a_fact_spanning_days_gives_both_ends(warehouse):
    a = warehouse.document("The siege began on Tuesday.", "Outlet A", DAY)
    b = warehouse.document("The siege lasted from Tuesday to Wednesday.", "Outlet B", DAY)
    c = warehouse.document("The siege ended on Wednesday.", "Outlet C", DAY)
    day = _at(2022, 9, 13)
    warehouse.event(a, day, day + END_OF, precision="day")
    warehouse.event(b, day, day + timedelta(days=1) + END_OF, precision="day")
    warehouse.event(c, day + timedelta(days=1), day + timedelta(days=1) + END_OF, precision="day")
    warehouse.build()
    assert warehouse.rows("select occurred, precision from timeline") == [
        ("between 13 Sep 2022 and 14 Sep 2022", "day")
    ]


def test_background_and_coarse_reports_do_not_open_the_story(warehouse):
    a = warehouse.document("The shelling began overnight.", "Outlet A", DAY)
    b = warehouse.document("The two leaders met three weeks ago.", "Outlet B", DAY)
    warehouse.event(a, DAY - timedelta(hours=4), DAY - timedelta(hours=4), precision="minute")
    warehouse.event(a, _at(2023, 1, 1), _at(2024, 1, 1) - timedelta(microseconds=1),
                    "agreement", precision="year")  # "the pact last year"
    warehouse.event(b, DAY - timedelta(days=21), DAY - timedelta(days=20), "meeting",
                    precision="day")
    warehouse.build()
    rows = warehouse.rows(
        "select ordinal, is_background, event_type from timeline order by ordinal"
    )
    assert rows == [(1, False, "attack"), (2, True, "agreement"), (3, True, "meeting")]
    assert warehouse.rows("select start_utc from incidents where not is_background") == [
        (DAY - timedelta(hours=4),)
    ]


def test_a_weekday_needs_a_day_to_count_from(warehouse):
    dated = warehouse.document("The leaders met Aug. 31 in Brussels.", "Outlet A", DAY)
    coarse = warehouse.document(
        "Tuesday, the ministry said at a meeting.", "Outlet B", _at(2024, 1, 1), "year"
    )
    warehouse.event(dated, DAY - timedelta(days=5), DAY - timedelta(days=5) + END_OF,
                    "meeting", precision="day")
    warehouse.time_expression(coarse, "XXXX-WXX-2", _at(2023, 12, 26), _at(2024, 12, 30),
                              "year")
    warehouse.event(coarse, _at(2023, 12, 26), _at(2024, 12, 30), "meeting", precision="year",
                    speaker="the ministry", time_text="Tuesday")
    warehouse.build()
    assert warehouse.rows(
        "select n_documents, speakers from source_agreement where kind = 'event'"
    ) == [(1, ["(outlet)"])]


def test_a_summary_is_the_sentence_that_reports_the_happening(warehouse):
    text = "Azerbaijani forces shelled Armenian positions near Jermuk on Monday night."
    a = warehouse.document(text, "Outlet A", DAY)
    warehouse.event(a, DAY - timedelta(hours=7), DAY - timedelta(minutes=1),
                    precision="part_of_day", time_text="Monday night")
    warehouse.build()
    assert warehouse.rows("select summary, occurred from timeline") == [
        (text, "on 4 Mar 2024 17:00-23:59 UTC")
    ]


def test_a_summary_says_who_did_what_and_its_sentence_and_claim_keep_the_provenance(warehouse):
    text = "On Monday night, the ministry said, rebels shelled army positions near the town."
    a = warehouse.document(text, "Outlet A", DAY)
    warehouse.event(a, DAY - timedelta(hours=7), DAY - timedelta(minutes=1),
                    precision="part_of_day", time_text="Monday night",
                    summary="Rebels shelled army positions near the town")
    warehouse.build()
    assert warehouse.rows(
        "select timeline.summary, timeline.summary_sentence, evidence.evidence from timeline "
        "join fact_evidence as evidence on evidence.claim_id = timeline.summary_claim_id"
    ) == [("Rebels shelled army positions near the town", text, text)]


def test_an_article_dated_by_its_incident_reads_its_weekdays_against_that_day(warehouse):
    from tests.test_publication_sql import YEAR, dated_report, year_report

    a = dated_report(warehouse, "Report one", "Outlet A")
    dated_report(warehouse, "Report two", "Outlet B")
    y = year_report(warehouse, "Tuesday, the ministry said at a meeting.")
    warehouse.event(a, DAY - timedelta(hours=4), DAY - timedelta(hours=4), precision="minute")
    warehouse.event(y, YEAR - timedelta(days=6), YEAR + timedelta(days=363), "meeting",
                    precision="year", time_text="Tuesday")
    warehouse.build()
    assert warehouse.rows(
        "select event_type, occurred, is_background from timeline order by ordinal"
    ) == [("attack", "at 4 Mar 2024 20:00 UTC", False), ("meeting", "on 5 Mar 2024", False)]
