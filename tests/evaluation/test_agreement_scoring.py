"""The agreement scorer on hand-made rows: a group whose counts differ passes only when one
killed fact holds the group's documents and shows the difference."""

from corroborate.evaluation.agreement import score_agreement

DOCUMENTS = [
    {"source_id": "a", "doc_id": "A", "incident_id": "i1"},
    {"source_id": "b", "doc_id": "B", "incident_id": "i1"},
    {"source_id": "c", "doc_id": "C", "incident_id": "i2"},
]
GROUP = {"agreement": [{"what": "g", "docs": ["a", "b"], "same_incident": True,
                        "counts_differ": True}]}


def _fact(doc_ids, low, high, status):
    return {"incident_id": "i1", "kind": "casualty", "outcome": "killed", "doc_ids": doc_ids,
            "value_low": low, "value_high": high, "status": status}


def test_a_conflict_between_the_groups_documents_passes():
    [check] = score_agreement(GROUP, [_fact(["A", "B"], 45, 18, "conflicting")], DOCUMENTS)
    assert check.passed
    assert check.detail == "killed facts: 45-18 conflicting (2 of 2 documents)"


def test_a_range_between_the_groups_documents_passes():
    [check] = score_agreement(GROUP, [_fact(["A", "B"], 40, 45, "corroborated")], DOCUMENTS)
    assert check.passed


def test_a_conflict_inside_one_document_does_not_show_the_groups_difference():
    facts = [_fact(["A"], 6, 2, "conflicting"), _fact(["B"], 20, None, "single_source")]
    [check] = score_agreement(GROUP, facts, DOCUMENTS)
    assert not check.passed
    assert not check.shown_agreeing  # separate facts do not pretend to agree either


def test_one_agreed_value_is_not_honest():
    [check] = score_agreement(GROUP, [_fact(["A", "B"], 18, 18, "corroborated")], DOCUMENTS)
    assert not check.passed
    assert check.shown_agreeing


def test_a_group_of_one_document_needs_only_that_document():
    gold = {"agreement": [{"docs": ["a", "a"], "same_incident": True, "counts_differ": True}]}
    [check] = score_agreement(gold, [_fact(["A"], 236, 15, "conflicting")], DOCUMENTS)
    assert check.passed


def test_documents_in_two_incidents_fail_and_no_fact_says_none():
    gold = {"agreement": [{"docs": ["a", "c"], "same_incident": True, "counts_differ": True}]}
    [check] = score_agreement(gold, [], DOCUMENTS)
    assert (check.passed, check.detail) == (False, "documents in 2 incidents")
    [check] = score_agreement(GROUP, [], DOCUMENTS)
    assert (check.passed, check.detail) == (False, "killed facts: none")
