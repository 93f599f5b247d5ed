"""An expression that cannot be normalised is dropped, never the document; counts stay exact."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from corroborate.extract.document import extract_document
from corroborate.extract.numbers import parse_quantity
from corroborate.extract.times.values import is_calendar_value
from tests.conftest import SEEDS
from tests.extract.times_helpers import tag


def _metadata(year: int, month: int, day: int) -> dict:
    return {"published_at": datetime(year, month, day, tzinfo=UTC),
            "published_precision": "day", "published_basis": "metadata"}


def _spans(extraction) -> dict[str, set[tuple[int, int]]]:
    return {kind: {(c["char_start"], c["char_end"]) for c in getattr(extraction, kind)}
            for kind in ("casualty_claims", "event_claims", "statements", "time_expressions")}


def test_a_time_before_year_one_drops_that_expression_and_keeps_every_claim():
    seed = (SEEDS / "003_af60a6e11bbc3da1.txt").read_text(encoding="utf-8")
    alone = _spans(extract_document("d", seed, _metadata(2022, 9, 13))[1])
    added = seed + "\nThe monastery was built 3000 years ago.\n"
    _, extraction = extract_document("d", added, _metadata(2022, 9, 13))
    assert _spans(extraction) == alone
    assert sum(map(len, alone.values())) > 10


@pytest.mark.parametrize(("text", "year", "gone"), [
    ("Shelling began (17:00 GMT+24) and killed 3 people.", 2022, None),
    ("The war began 123456789 days ago and killed 3 people.", 2022, "123456789 days ago"),
    ("Shelling on Monday killed 3 people, more than last year.", 1, "last year"),
    ("Shelling on Monday killed 3 people; more will come next year.", 9999, "next year"),
])
def test_an_unrepresentable_time_loses_the_expression_not_the_document(text, year, gone):
    month, day = (1, 1) if year == 1 else (12, 31) if year == 9999 else (9, 13)
    _, extraction = extract_document("d", text, _metadata(year, month, day))
    assert [c["count_low"] for c in extraction.casualty_claims] == [3]
    assert gone not in [e["text"] for e in extraction.time_expressions]


def test_an_offset_beyond_any_zone_names_no_zone():
    [clock] = tag("Shelling began at 17:00 GMT+24 in the town.", "2022-09-13")
    assert clock["value"] == "2022-09-13T17:00"
    assert clock.get("zone") != "GMT+24"


@pytest.mark.parametrize("text", ["February 30, 2022", "2022-13-01", "2022-00-10", "June 31"])
def test_calendar_impossible_dates_are_not_stored(text):
    assert [e["value"] for e in tag(f"Shelling on {text} hit the town.")] == []


def test_a_number_with_thousands_separators_is_the_whole_number_of_years():
    [ago] = tag("The church was built 1,700 years ago.", "2022-09-13")
    assert (ago["text"], ago["value"]) == ("1,700 years ago", "0322")


def test_counts_are_exact_integers_however_large():
    quantity = parse_quantity("99999999999999999999")
    assert quantity is not None and quantity.low == 99999999999999999999
    assert parse_quantity("2.25 million").low == 2_250_000


@pytest.mark.parametrize(("value", "real"), [
    ("2022-09-13", True), ("2024-02-29", True), ("2023-02-29", False), ("2022-02-30", False),
    ("2022-13", False), ("2022-00-10", False), ("0000", False), ("XXXX-02-29", True),
    ("XXXX-04-31", False), ("2022-W37", True), ("2022-W53", False), ("2020-W53", True),
    ("2021-WXX-2", True), ("XXXX-WXX-8", False), ("2022-Q3", True), ("2022-Q5", False),
    ("2022-09-13T08:00", True), ("2022-09-13T25:00", False), ("XXXX-XX-XXT08:61", False),
    ("2022-09-12TNI", True), ("199X", True), ("P3D", True), ("PRESENT_REF", True),
    ("2021-XX-XX", True), ("2022-SU", True),
])
def test_calendar_values(value, real):
    assert is_calendar_value(value) is real
