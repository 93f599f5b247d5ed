"""Publication dates from metadata: UTC instants with an honest precision."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta, timezone

import pytest

from corroborate.ingest.dates import parse_published


@pytest.mark.parametrize(
    ("value", "expected", "precision"),
    [
        ("2017-04-07", datetime(2017, 4, 7, tzinfo=UTC), "day"),
        ("2022-09-13T10:00:00Z", datetime(2022, 9, 13, 10, tzinfo=UTC), "minute"),
        ("2022-09-13T14:30:00+04:00", datetime(2022, 9, 13, 10, 30, tzinfo=UTC), "minute"),
        ("2022-09-13T14:30:00+0400", datetime(2022, 9, 13, 10, 30, tzinfo=UTC), "minute"),
        ("2022-09-13 10:00", datetime(2022, 9, 13, 10, tzinfo=UTC), "minute"),  # naive: UTC
        ("2022-09", datetime(2022, 9, 1, tzinfo=UTC), "month"),
        ("2022", datetime(2022, 1, 1, tzinfo=UTC), "year"),
        (2022, datetime(2022, 1, 1, tzinfo=UTC), "year"),
        ("13 September 2022", datetime(2022, 9, 13, tzinfo=UTC), "day"),
        ("13th Sept. 2022", datetime(2022, 9, 13, tzinfo=UTC), "day"),
        ("Tuesday, 13 September 2022", datetime(2022, 9, 13, tzinfo=UTC), "day"),
        ("Sep 13, 2022", datetime(2022, 9, 13, tzinfo=UTC), "day"),
        ("September 13, 2022 at 10:05 GMT", datetime(2022, 9, 13, 10, 5, tzinfo=UTC), "minute"),
        ("September 2022", datetime(2022, 9, 1, tzinfo=UTC), "month"),
        ("Tue, 13 Sep 2022 10:00:00 +0200", datetime(2022, 9, 13, 8, tzinfo=UTC), "minute"),
        (date(2022, 9, 13), datetime(2022, 9, 13, tzinfo=UTC), "day"),
        (datetime(2022, 9, 13, 10), datetime(2022, 9, 13, 10, tzinfo=UTC), "minute"),
        (
            datetime(2022, 9, 13, 14, tzinfo=timezone(timedelta(hours=4))),
            datetime(2022, 9, 13, 10, tzinfo=UTC),
            "minute",
        ),
    ],
)
def test_dates_parse_to_utc(value: object, expected: datetime, precision: str) -> None:
    published_at, published_precision = parse_published(value)
    assert published_at == expected
    assert published_at.tzinfo is UTC
    assert published_precision == precision


@pytest.mark.parametrize(
    "value", [None, "", "yesterday", "13/09/2022", "2022-13-45", "Smarch 13, 2022", True, [2022]]
)
def test_what_is_not_a_date_gives_none(value: object) -> None:
    assert parse_published(value) == (None, None)
