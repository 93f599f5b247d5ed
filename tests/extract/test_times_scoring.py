"""corroborate.evaluation.times: the FORMAT.md rules for `times`, `timeline_order`, `documents`."""

from __future__ import annotations

from corroborate.evaluation.times import publication_agreement, score_times
from tests.extract.times_helpers import publication, utc

GOLD = {
    "documents": {"a": {"published": "2022-09-13", "incident": "x"},
                  "b": {"published": "2021-11", "incident": "y"}},
    "times": [
        {"doc": "a", "what": "start", "start": "2022-09-12T20:05:00Z", "precision": "minute"},
        {"doc": "a", "what": "truce", "start": "2022-09-13T06:00:00Z", "precision": "minute"},
        {"doc": "b", "what": "truce", "start": "2021-11", "precision": "month"},
        {"doc": "b", "what": "extra", "start": "2021-11-16", "precision": "day",
         "optional": True},
    ],
    "timeline_order": {"incident": "x", "order": ["start", "truce"]},
}


def claim(doc: str, start: str, end: str, precision: str) -> dict:
    return {"doc_id": doc, "occurred_start": utc(start), "occurred_end": utc(end),
            "precision": precision}


def test_instants_periods_precision_and_order() -> None:
    claims = [
        claim("a", "2022-09-12T20:05:00", "2022-09-12T20:05:59", "minute"),
        claim("a", "2022-09-13T06:00:00", "2022-09-13T06:00:59", "minute"),
        claim("a", "2022-09-13T00:00:00", "2022-09-13T23:59:59", "day"),  # too coarse
        claim("b", "2021-11-01T14:30:00", "2021-11-30T14:30:59", "month"),
    ]
    report = score_times(GOLD, claims)
    assert [g.what for g in report.found] == ["start", "truce", "truce"]
    assert report.missed == [] and report.optional_found == []
    assert report.order_ok is True


def test_period_claim_must_lie_inside_gold() -> None:
    claims = [claim("b", "2021-10-26T00:00:00", "2021-11-30T23:59:59", "month")]
    assert [g.what for g in score_times(GOLD, claims).missed] == ["start", "truce", "truce"]


def test_order_broken() -> None:
    claims = [
        claim("a", "2022-09-13T07:00:00", "2022-09-13T07:00:59", "minute"),
        claim("a", "2022-09-12T20:05:00", "2022-09-13T06:00:59", "part_of_day"),
    ]
    assert score_times(GOLD, claims).order_ok is False


def test_publication_agreement() -> None:
    day, month = {"published": "2022-09-13"}, {"published": "2021-11"}
    assert publication_agreement(day, publication("2022-09-13")) == "agree"
    assert publication_agreement(month, publication("2021-11-01", "month")) == "agree"
    assert publication_agreement(day, publication("2022-01-01", "year")) == "coarser"
    assert publication_agreement(day, publication("2022-09-12")) == "conflict"
    assert publication_agreement(day, publication(None)) == "missing"
