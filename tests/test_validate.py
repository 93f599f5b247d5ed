"""Validation splits good rows from bad and keeps the reasons."""

from __future__ import annotations

import hashlib
from datetime import UTC, datetime

from corroborate.extract.records import claim_id
from corroborate.validate import validate_records

TEXT = "Officials said 12 soldiers were killed on Monday."
DOC_ID = hashlib.sha256(TEXT.encode()).hexdigest()[:16]


def casualty(**overrides):
    start = TEXT.index("12 soldiers")
    end = TEXT.index(" on Monday")
    row = {
        "claim_id": claim_id(DOC_ID, "casualty", start, end),
        "doc_id": DOC_ID,
        "outcome": "killed",
        "count_low": 12,
        "count_high": 12,
        "qualifier": "exact",
        "victim": "soldiers",
        "side": None,
        "speaker": "Officials",
        "speaker_country": None,
        "time_reference": "main",
        "reference_year": None,
        "evidence": TEXT[start:end],
        "char_start": start,
        "char_end": end,
        "part_of": None,
        "sentence_start": 0,
        "sentence_end": len(TEXT),
    }
    row.update(overrides)
    return row


def validate(rows):
    return validate_records("casualty_claims", rows, document_texts={DOC_ID: TEXT}, run_id="r1")


def test_a_good_row_passes_without_the_validation_only_column():
    result = validate([casualty()])
    assert len(result.frame) == 1
    assert result.quarantine == []
    assert "document_span" not in result.frame.columns


def test_a_span_that_does_not_match_its_evidence_is_quarantined_with_the_reason():
    result = validate([casualty(), casualty(claim_id="b" * 20, evidence="13 soldiers were killed")])
    assert len(result.frame) == 1
    [bad] = result.quarantine
    assert bad["table_name"] == "casualty_claims"
    assert "evidence must equal" in bad["failed_checks"]


def test_inverted_counts_unknown_codes_and_outcomes_are_each_named():
    rows = [
        casualty(claim_id="c" * 20, count_low=15, count_high=12),
        casualty(claim_id="d" * 20, side="XX1"),
        casualty(claim_id="e" * 20, outcome="hurt"),
    ]
    result = validate(rows)
    assert result.frame.empty
    reasons = [row["failed_checks"] for row in result.quarantine]
    assert any("count_low must not exceed" in reason for reason in reasons)
    assert any("side" in reason for reason in reasons)
    assert any("outcome" in reason and "isin" in reason for reason in reasons)


def test_an_unspecified_figure_must_not_carry_a_count():
    result = validate([casualty(qualifier="unspecified")])
    assert result.frame.empty
    assert "unspecified" in result.quarantine[0]["failed_checks"]


def test_a_batch_missing_a_column_is_quarantined_whole_with_its_reason():
    row = casualty()
    del row["qualifier"]
    result = validate([row, {**row, "claim_id": "f" * 20}])
    assert result.frame.empty
    assert len(result.quarantine) == 2
    assert all("missing columns: qualifier" in r["failed_checks"] for r in result.quarantine)


def test_counts_beyond_int64_or_any_plausible_toll_are_quarantined_and_the_rest_kept():
    rows = [
        casualty(),
        casualty(claim_id="a" * 20, count_low=10**20 - 1, count_high=10**20 - 1),
        casualty(claim_id="b" * 20, count_low=2**63 - 1, count_high=None, qualifier="at_least"),
    ]
    result = validate(rows)
    assert result.frame["count_low"].tolist() == [12]
    assert str(result.frame["count_low"].dtype) == "Int64"
    beyond, implausible = (row["failed_checks"] for row in result.quarantine)
    assert "count_low: coerce_dtype('Int64')" in beyond
    assert implausible == "row: a count beyond any plausible figure for its outcome"


def test_a_timeml_value_off_the_calendar_is_quarantined():
    text = "Shelling on February 28, 2022 and on March 1, 2022."
    doc_id = hashlib.sha256(text.encode()).hexdigest()[:16]

    def expression(value: str, phrase: str) -> dict:
        start = text.index(phrase)
        return {"doc_id": doc_id, "char_start": start, "char_end": start + len(phrase),
                "evidence": phrase, "text": phrase, "type": "DATE", "value": value,
                "start_utc": None, "end_utc": None, "precision": None}

    rows = [expression("2022-02-28", "February 28, 2022"),
            expression("2022-02-30", "March 1, 2022")]
    result = validate_records("time_expressions", rows, document_texts={doc_id: text})
    assert result.frame["value"].tolist() == ["2022-02-28"]
    assert "real calendar" in result.quarantine[0]["failed_checks"]
def event(**overrides):
    start = TEXT.index("on Monday")
    row = {
        "claim_id": claim_id(DOC_ID, "event", start, len(TEXT) - 1),
        "doc_id": DOC_ID,
        "event_type": "flood",
        "occurred_start": datetime(2024, 3, 4, tzinfo=UTC),
        "occurred_end": datetime(2024, 3, 4, 23, 59, tzinfo=UTC),
        "precision": "day",
        "time_text": "Monday",
        "place": None,
        "place_country": None,
        "speaker": None,
        "speaker_country": None,
        "time_reference": "main",
        "reference_year": None,
        "evidence": TEXT[start : len(TEXT) - 1],
        "char_start": start,
        "char_end": len(TEXT) - 1,
        "sentence_start": 0,
        "sentence_end": len(TEXT),
        "summary": "Floods swept the valley",
    }
    row.update(overrides)
    return row


def test_event_types_are_the_lexicons_disasters_included():
    result = validate_records(
        "event_claims",
        [event(), event(claim_id="e" * 20, event_type="picnic")],
        document_texts={DOC_ID: TEXT},
        run_id="r1",
    )
    assert list(result.frame["event_type"]) == ["flood"]
    [bad] = result.quarantine
    assert "event_type" in bad["failed_checks"]
