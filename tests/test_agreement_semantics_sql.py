"""What a figure means for agreement: parts refine, later outcomes move people, a government
speaks as one party, copies do not multiply disputes, values read as written."""

from __future__ import annotations

import pytest

from tests.sql_warehouse import DAY, Warehouse
from tests.test_incidents_sql import WIRE


@pytest.fixture
def warehouse():
    built = Warehouse()
    yield built
    built.conn.close()


def _fact(warehouse, outcome="killed", victim_class="all"):
    return warehouse.rows(
        "select value_low, value_high, status, reported_values from source_agreement "
        "where outcome = ? and victim_class = ?",
        outcome, victim_class,
    )


def test_a_part_of_the_wounded_refines_the_toll_and_does_not_rival_it(warehouse):
    a = warehouse.document("More than 30 people were wounded.", "Outlet A", DAY)
    b = warehouse.document("Eight of the wounded are in critical condition.", "Outlet B", DAY)
    warehouse.casualty(a, 31, None, "more_than", outcome="wounded", victim="people")
    warehouse.casualty(b, 8, 8, outcome="wounded", part_of="wounded")
    warehouse.build()
    assert _fact(warehouse, "wounded") == [
        (31, None, "corroborated", ["8 of the wounded", "more than 30"])
    ]
    assert warehouse.rows("select count(*) from contradictions") == [(0,)]


def test_civilians_among_the_dead_are_no_rival_toll(warehouse):
    a = warehouse.document("At least 45 people were killed.", "Outlet A", DAY)
    b = warehouse.document("Eleven of the dead were civilians, the ministry said.", "B", DAY)
    warehouse.casualty(a, 45, None, "at_least", victim="people")
    warehouse.casualty(b, 11, 11, victim="civilians", part_of="killed")
    warehouse.build()
    assert warehouse.rows(
        "select victim_class, value_low, status, reported_values from source_agreement "
        "order by victim_class"
    ) == [
        ("all", 45, "single_source", ["at least 45"]),
        ("civilian", 11, "single_source", ["11 of the dead"]),
    ]


def test_wounded_who_later_died_move_between_outcomes_without_a_contradiction(warehouse):
    a = warehouse.document("Forty people were wounded and five killed.", "Outlet A", DAY)
    b = warehouse.document("Two of the wounded died in hospital.", "Outlet B", DAY)
    warehouse.casualty(a, 40, 40, outcome="wounded", victim="people")
    warehouse.casualty(a, 5, 5, victim="people")
    warehouse.casualty(b, 2, 2, part_of="wounded")  # killed, part of the wounded
    warehouse.build()
    assert _fact(warehouse, "wounded") == [(40, 40, "single_source", ["40"])]
    assert _fact(warehouse) == [(5, 5, "corroborated", ["2 of the wounded", "5"])]
    assert warehouse.rows("select count(*) from contradictions") == [(0,)]


def test_reported_values_read_as_written(warehouse):
    a = warehouse.document("The war left more than 6,500 dead.", "Outlet A", DAY)
    b = warehouse.document("Over a million people fled.", "Outlet B", DAY)
    warehouse.casualty(a, 6501, None, "more_than")
    warehouse.casualty(b, 1000001, None, "more_than", outcome="displaced")
    warehouse.build()
    assert _fact(warehouse)[0][3] == ["more than 6,500"]
    assert _fact(warehouse, "displaced")[0][3] == ["more than 1,000,000"]


def test_a_conflicting_fact_spans_the_disagreement_low_to_high(warehouse):
    a = warehouse.document("Report one", "Outlet A", DAY)
    b = warehouse.document("Report two", "Outlet B", DAY)
    warehouse.casualty(a, 31, None, "more_than", outcome="wounded")
    warehouse.casualty(b, 28, 28, outcome="wounded")
    warehouse.build()
    assert _fact(warehouse, "wounded") == [(28, 31, "conflicting", ["28", "more than 30"])]


def test_a_syndicated_copy_adds_no_row_to_contradictions(warehouse):
    wire = warehouse.document(WIRE, "Wire", DAY)
    copy = warehouse.document(WIRE.replace("on Tuesday", "on Tuesday morning"), "Paper", DAY)
    other = warehouse.document("Twenty soldiers were killed.", "Other", DAY)
    for doc in (wire, copy):
        warehouse.casualty(doc, 10, 10)
    warehouse.casualty(other, 20, 20)
    warehouse.build()
    assert warehouse.rows("select n_documents, n_independent, status from source_agreement") == [
        (3, 2, "conflicting")
    ]
    assert warehouse.rows("select lower_count_low, higher_count_low from contradictions") == [
        (10, 20)
    ]


def test_a_government_and_its_officials_are_one_party(warehouse):
    a = warehouse.document("The Armenian Defence Ministry said 49 soldiers were killed.", "A", DAY)
    b = warehouse.document(
        "Prime Minister Nikol Pashinyan spoke. Pashinyan said 49 soldiers were killed.", "B", DAY
    )
    warehouse.casualty(a, 49, 49, speaker="Armenian Defence Ministry", speaker_country="ARM")
    warehouse.statement(b, "Nikol Pashinyan", "assert", speaker_country="ARM", start=0, end=36)
    warehouse.casualty(b, 49, 49, speaker="Pashinyan")
    warehouse.build()
    assert warehouse.rows(
        "select n_parties, rests_on_one_party, status from source_agreement"
    ) == [(1, True, "corroborated")]


def test_fact_evidence_names_who_says_so_and_in_which_words(warehouse):
    a = warehouse.document("Twelve civilians and 20 soldiers were killed.", "Outlet A", DAY)
    b = warehouse.document("Officials said 30 people were killed.", "Outlet B", DAY)
    warehouse.casualty(a, 12, 12, victim="civilians")
    warehouse.casualty(a, 20, 20, victim="soldiers")
    warehouse.casualty(b, 30, 30, victim="people", speaker="Officials")
    warehouse.build()
    rows = warehouse.rows(
        "select e.is_summed, e.reported_value, e.outlet, e.published_at = ?, e.speaker, "
        "e.sentence, e.sentence_start, e.sentence_end from fact_evidence e "
        "join source_agreement f using (fact_id) where f.victim_class = 'all' "
        "order by e.reported_value",
        DAY,
    )
    assert rows == [
        (True, "12", "Outlet A", True, None, "Twelve civilians and 20 soldiers were killed.", 0,
         45),
        (True, "20", "Outlet A", True, None, "Twelve civilians and 20 soldiers were killed.", 0,
         45),
        (False, "30", "Outlet B", True, "Officials", "Officials said 30 people were killed.", 0,
         37),
    ]
    assert warehouse.rows(
        "select count(*) = count(distinct (fact_id, claim_id)) from fact_evidence"
    ) == [(True,)]
