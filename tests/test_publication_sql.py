"""Publication days from the corpus (int_publication_from_incidents), in SQL on small hand-made
tables: a document dated only to its year takes its incident's day when its own weekdays fit,
and keeps its year whenever the evidence is thin, ambiguous or contradicts it."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from tests.sql_warehouse import DAY, Warehouse

TUESDAY, WEDNESDAY, FRIDAY = 2, 3, 5  # ISO weekdays, as TimeML writes them (XXXX-WXX-2)
YEAR = datetime(DAY.year, 1, 1, tzinfo=UTC)
assert DAY.isoweekday() == TUESDAY


@pytest.fixture
def warehouse():
    built = Warehouse()
    yield built
    built.conn.close()


def dated_report(warehouse, text, outlet, day=DAY, run_id="r1"):
    """A report dated to the day by its own metadata, about two countries."""
    doc = warehouse.document(text, outlet, day, "day", run_id=run_id)
    warehouse.casualty(doc, 3, 3, side="FRA", speaker="ministry", speaker_country="DEU")
    return doc


def year_report(warehouse, text="A report of the year", weekdays=(TUESDAY,)):
    """A report its own evidence dates only to the year, naming the weekdays given."""
    doc = warehouse.document(text, "Outlet Y", YEAR, "year", run_id="r2")
    warehouse.casualty(doc, 3, 3, side="FRA", speaker="ministry", speaker_country="DEU")
    for position, weekday in enumerate(weekdays):
        warehouse.time_expression(doc, f"XXXX-WXX-{weekday}", YEAR, YEAR + timedelta(days=364),
                                  "year", char_start=position)
    return doc


def publication(warehouse, doc):
    [row] = warehouse.rows(
        "select cast(published_at as date), published_precision, published_basis, "
        "published_dated_by from documents where doc_id = ?",
        doc,
    )
    return row


def test_a_year_document_takes_the_day_of_its_incident_when_its_weekday_fits(warehouse):
    a = dated_report(warehouse, "Report one", "Outlet A")
    b = dated_report(warehouse, "Report two", "Outlet B")
    y = year_report(warehouse)
    warehouse.build()
    assert warehouse.incident_of(y) == warehouse.incident_of(a)
    assert publication(warehouse, y) == (DAY.date(), "day", "inferred", sorted([a, b]))
    assert publication(warehouse, a)[3] is None  # a document that dates itself names no one


def test_weekdays_running_past_the_incident_day_date_the_writing_to_the_run_end(warehouse):
    dated_report(warehouse, "Report one", "Outlet A")
    dated_report(warehouse, "Report two", "Outlet B")
    y = year_report(warehouse, weekdays=(TUESDAY, WEDNESDAY))  # "early Tuesday ... said Wednesday"
    warehouse.build()
    assert publication(warehouse, y)[:2] == (DAY.date() + timedelta(days=1), "day")


def test_one_dated_member_is_not_enough(warehouse):
    dated_report(warehouse, "Report one", "Outlet A")
    y = year_report(warehouse)
    warehouse.build()
    assert publication(warehouse, y) == (YEAR.date(), "year", "metadata", None)


def test_dated_members_of_one_source_count_once(warehouse):
    dated_report(warehouse, "Report one", "Outlet A")
    dated_report(warehouse, "Report two", "Outlet A")
    y = year_report(warehouse)
    warehouse.build()
    assert publication(warehouse, y)[1] == "year"


def test_a_weekday_the_incident_day_is_not_refuses(warehouse):
    dated_report(warehouse, "Report one", "Outlet A")
    dated_report(warehouse, "Report two", "Outlet B")
    y = year_report(warehouse, weekdays=(WEDNESDAY,))
    warehouse.build()
    assert publication(warehouse, y)[1] == "year"


def test_weekdays_that_are_no_single_run_refuse(warehouse):
    dated_report(warehouse, "Report one", "Outlet A")
    dated_report(warehouse, "Report two", "Outlet B")
    y = year_report(warehouse, weekdays=(TUESDAY, FRIDAY))
    warehouse.build()
    assert publication(warehouse, y)[1] == "year"


def test_no_weekday_at_all_refuses(warehouse):
    dated_report(warehouse, "Report one", "Outlet A")
    dated_report(warehouse, "Report two", "Outlet B")
    y = year_report(warehouse, weekdays=())
    warehouse.build()
    assert publication(warehouse, y)[1] == "year"


def test_the_documents_own_later_date_is_a_lower_bound_never_contradicted(warehouse):
    dated_report(warehouse, "Report one", "Outlet A")
    dated_report(warehouse, "Report two", "Outlet B")
    y = year_report(warehouse)
    later = DAY + timedelta(days=2)  # "met on <that day>": written on or after it
    warehouse.time_expression(y, "2024-03-07", later, later + timedelta(days=1), "day",
                              char_start=5)
    warehouse.build()
    assert publication(warehouse, y)[1] == "year"


def test_an_earlier_date_of_the_document_does_not_stop_it(warehouse):
    dated_report(warehouse, "Report one", "Outlet A")
    dated_report(warehouse, "Report two", "Outlet B")
    y = year_report(warehouse)
    earlier = DAY - timedelta(days=6)
    warehouse.time_expression(y, "2024-02-28", earlier, earlier + timedelta(days=1), "day",
                              char_start=5)
    warehouse.build()
    assert publication(warehouse, y)[:2] == (DAY.date(), "day")


def test_a_rival_incident_on_another_fitting_day_makes_it_ambiguous(warehouse):
    dated_report(warehouse, "Report one", "Outlet A")
    dated_report(warehouse, "Report two", "Outlet B")
    week_later = DAY + timedelta(days=7)  # another Tuesday, the same two countries
    dated_report(warehouse, "Report three", "Outlet C", week_later)
    dated_report(warehouse, "Report four", "Outlet D", week_later)
    y = year_report(warehouse)
    warehouse.build()
    assert publication(warehouse, y)[1] == "year"


def test_a_month_document_outside_the_incident_month_is_left_alone(warehouse):
    dated_report(warehouse, "Report one", "Outlet A")
    dated_report(warehouse, "Report two", "Outlet B")
    month = datetime(DAY.year, DAY.month + 1, 1, tzinfo=UTC)
    doc = warehouse.document("A report of next month", "Outlet M", month, "month", run_id="r2")
    warehouse.casualty(doc, 3, 3, side="FRA", speaker="ministry", speaker_country="DEU")
    warehouse.time_expression(doc, f"{DAY.year}-WXX-2", month, month + timedelta(days=29),
                              "month")
    warehouse.build()
    assert publication(warehouse, doc)[:2] == (month.date(), "month")
