"""Clock times and zones: abbreviations, offsets, "X time", "local time" through places, DST,
and parenthetical equivalents that disagree."""

from __future__ import annotations

import pytest

from tests.extract.times_helpers import only, tag, utc


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("The blast came at 9:00 a.m. EDT.", "2022-09-13T13:00:00"),
        ("The blast came at 9:00 a.m. CET.", "2022-09-13T08:00:00"),
        ("The blast came at 0900 GMT +4.", "2022-09-13T05:00:00"),
        ("The blast came at 9:00 a.m. Moscow time.", "2022-09-13T06:00:00"),
        ("The blast came at 9:00 a.m. Eastern time.", "2022-09-13T13:00:00"),
        # The seasonless US abbreviations read in the zone's offset of the day (EDT, PDT).
        ("The blast came at 9:00 a.m. ET.", "2022-09-13T13:00:00"),
        ("The blast came at 9:00 a.m. PT.", "2022-09-13T16:00:00"),
        ("The blast came at 0005 local time (GMT +4).", "2022-09-12T20:05:00"),
    ],
)
def test_named_zones(sentence: str, expected: str) -> None:
    assert only(sentence)["start_utc"] == utc(expected)


@pytest.mark.parametrize(
    ("day", "expected"),
    [
        ("March 26, 2022", "2022-03-26T08:00:00"),  # CET, UTC+1
        ("March 28, 2022", "2022-03-28T07:00:00"),  # CEST from March 27
        ("October 29, 2022", "2022-10-29T07:00:00"),  # still CEST
        ("October 31, 2022", "2022-10-31T08:00:00"),  # CET again from October 30
    ],
)
def test_local_time_follows_dst_of_the_named_city(day: str, expected: str) -> None:
    text = f"Sirens sounded in Berlin at 09:00 local time on {day}."
    clock = next(e for e in tag(text) if e["type"] == "TIME")
    assert clock["start_utc"] == utc(expected)
    assert clock.get("zone") == "Europe/Berlin"


def test_local_time_of_a_country_uses_its_capital_zone() -> None:
    clock = only("Japan said the strike came at 0800 local time.")
    assert clock["start_utc"] == utc("2022-09-12T23:00:00")


def test_local_time_explained_once_holds_for_the_document() -> None:
    text = ("Attacks were still ongoing as of 0800 local time. "
            "They were first reported at 0005 local time (GMT +4).")
    first = tag(text)[0]
    assert first["start_utc"] == utc("2022-09-13T04:00:00")


def test_parenthetical_equivalent_that_agrees() -> None:
    clock = only("A truce from 9:00 a.m. Moscow time (06:00 GMT) on Sept. 13, 2022.")
    assert clock["start_utc"] == utc("2022-09-13T06:00:00")
    assert "conflict" not in clock


def test_parenthetical_equivalent_across_midnight() -> None:
    clock = only("Shelling began at 00:05 Tokyo time (15:05 GMT) on Sept. 13, 2022.")
    assert clock["start_utc"] == utc("2022-09-12T15:05:00")
    assert "conflict" not in clock


def test_parenthetical_disagreement_is_recorded_and_utc_wins() -> None:
    clock = only("A truce from 10:00 a.m. Moscow time (06:00 GMT) on Sept. 13, 2022.")
    assert clock["start_utc"] == utc("2022-09-13T06:00:00")
    assert "07:00Z" in clock["conflict"] and "06:00Z" in clock["conflict"]  # type: ignore[typeddict-item]


def test_unzoned_clock_without_places_is_utc_with_a_note() -> None:
    clock = only("It started at 18:30.")
    assert clock["start_utc"] == utc("2022-09-13T18:30:00")
    assert "UTC" in clock["zone_note"]  # type: ignore[typeddict-item]


def test_part_of_day_uses_the_local_zone() -> None:
    night = only("Shells fell on Kyiv on Monday night.")
    # night is 21:00-04:00 local; Kyiv is UTC+3 in September
    assert night["start_utc"] == utc("2022-09-12T18:00:00")
    assert night["precision"] == "part_of_day"
