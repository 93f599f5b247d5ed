"""The agreement semantics, tested in SQL on small hand-made tables."""

from __future__ import annotations

import pytest

from corroborate import model_runner
from tests.sql_warehouse import DAY, Warehouse


@pytest.fixture
def warehouse():
    built = Warehouse()
    yield built
    built.conn.close()


def test_open_interval_agrees_with_an_exact_figure_inside_it(warehouse):
    a = warehouse.document("Report one", "Outlet A", DAY)
    b = warehouse.document("Report two", "Outlet B", DAY)
    warehouse.casualty(a, 40, None, "at_least", side="FRA")
    warehouse.casualty(b, 49, 49, side="FRA")
    warehouse.build()
    assert warehouse.facts() == [("FRA", 49, 49, 2, 2, "corroborated")]


def test_non_intersecting_reports_are_conflicting_and_keep_both_values(warehouse):
    a = warehouse.document("Report one", "Outlet A", DAY)
    b = warehouse.document("Report two", "Outlet B", DAY)
    warehouse.casualty(a, 12, 12)
    warehouse.casualty(b, 20, 25, "range")
    warehouse.build()
    [(_side, low, high, docs, independent, status)] = warehouse.facts()
    assert (low, high, status) == (12, 20, "conflicting")  # low <= high: the disagreement
    assert (docs, independent) == (2, 2)


def test_same_outlet_twice_is_one_independent_source(warehouse):
    a = warehouse.document("Report one", "Outlet A", DAY)
    b = warehouse.document("Report two", "outlet a ", DAY)
    warehouse.casualty(a, 5, 5)
    warehouse.casualty(b, 5, 5)
    warehouse.build()
    assert warehouse.facts() == [(None, 5, 5, 2, 1, "single_source")]


def test_vague_and_unspecified_reports_never_contradict_a_number(warehouse):
    a = warehouse.document("Report one", "Outlet A", DAY)
    b = warehouse.document("Report two", "Outlet B", DAY)
    c = warehouse.document("Report three", "Outlet C", DAY)
    warehouse.casualty(a, 12, None, "vague")  # "dozens"
    warehouse.casualty(b, None, None, "unspecified")
    warehouse.casualty(c, 30, 30)
    warehouse.build()
    assert warehouse.facts() == [(None, 30, 30, 3, 3, "corroborated")]


def test_background_figures_form_their_own_incident_and_do_not_conflict(warehouse):
    a = warehouse.document("Report one", "Outlet A", DAY)
    b = warehouse.document("Report two", "Outlet B", DAY)
    warehouse.casualty(a, 3, 3)
    warehouse.casualty(b, 3, 3)
    warehouse.casualty(b, 6500, None, "more_than", background_year=2020)
    warehouse.build()
    rows = warehouse.conn.execute(
        "select incidents.is_background, facts.value_low, facts.status "
        "from source_agreement as facts join incidents using (incident_id) order by 1"
    ).fetchall()
    assert rows == [(False, 3, "corroborated"), (True, 6500, "single_source")]


def _class_facts(warehouse):
    return warehouse.rows(
        "select victim_class, value_low, value_high, n_documents, status from source_agreement "
        "where kind = 'casualty' order by victim_class, value_low"
    )


def test_a_generic_toll_is_the_toll_of_the_one_class_named(warehouse):
    a = warehouse.document("Report one", "Outlet A", DAY)
    b = warehouse.document("Report two", "Outlet B", DAY)
    c = warehouse.document("Report three", "Outlet C", DAY)
    warehouse.casualty(a, 18, 18, victim="civilians")  # "kills 18 civilians"
    warehouse.casualty(b, 45, None, "at_least")  # "at least 45 killed"
    warehouse.casualty(c, 18, 18, victim="people")  # "18 people were killed"
    warehouse.build()
    assert _class_facts(warehouse) == [("civilian", 18, 45, 3, "conflicting")]


def test_a_generic_toll_that_fits_the_class_toll_corroborates_it(warehouse):
    a = warehouse.document("Report one", "Outlet A", DAY)
    b = warehouse.document("Report two", "Outlet B", DAY)
    warehouse.casualty(a, 18, 18, victim="militants")
    warehouse.casualty(b, 18, 18, victim="people")
    warehouse.build()
    assert _class_facts(warehouse) == [("military", 18, 18, 2, "corroborated")]


def test_a_generic_toll_stays_apart_when_two_classes_are_named(warehouse):
    a = warehouse.document("Report one", "Outlet A", DAY)
    b = warehouse.document("Report two", "Outlet B", DAY)
    c = warehouse.document("Report three", "Outlet C", DAY)
    warehouse.casualty(a, 3, 3, victim="soldiers")
    warehouse.casualty(b, 7, 7, victim="civilians")
    warehouse.casualty(c, 10, 10, victim="people")  # everyone's toll, not a class's
    warehouse.build()
    # Each report's toll (3, 7 and 10) differs: everyone's toll is shown conflicting.
    assert _class_facts(warehouse) == [
        ("all", 3, 10, 3, "conflicting"),
        ("civilian", 7, 7, 1, "single_source"),
        ("military", 3, 3, 1, "single_source"),
    ]


def test_a_document_that_counts_a_class_keeps_its_generic_toll_apart(warehouse):
    a = warehouse.document("Report one", "Outlet A", DAY)
    b = warehouse.document("Report two", "Outlet B", DAY)
    warehouse.casualty(a, 30, 30, victim="people")  # "30 killed, including 12 civilians"
    warehouse.casualty(a, 12, 12, victim="civilians")
    warehouse.casualty(b, 12, 12, victim="civilians")
    warehouse.build()
    assert _class_facts(warehouse) == [
        ("all", 30, 30, 1, "single_source"),
        ("civilian", 12, 12, 2, "corroborated"),
    ]


def test_a_document_whose_class_count_fits_its_generic_toll_counts_one_toll(warehouse):
    a = warehouse.document("Report one", "Outlet A", DAY)
    b = warehouse.document("Report two", "Outlet B", DAY)
    warehouse.casualty(a, 19, 19)  # "kills 19" in the headline
    warehouse.casualty(a, 16, None, "at_least", victim="fighters")  # "at least 16 fighters"
    warehouse.casualty(b, 31, 31, victim="fighters")
    warehouse.build()
    assert _class_facts(warehouse) == [("military", 19, 31, 2, "conflicting")]


def test_background_figures_keep_their_victim_classes(warehouse):
    a = warehouse.document("Report one", "Outlet A", DAY)
    b = warehouse.document("Report two", "Outlet B", DAY)
    warehouse.casualty(a, 500, None, "more_than", victim="people", background_year=2020)
    warehouse.casualty(b, 300, 300, victim="civilians", background_year=2020)
    warehouse.build()
    assert _class_facts(warehouse) == [
        ("all", 500, None, 1, "single_source"),
        ("civilian", 300, 300, 1, "single_source"),
    ]


def test_every_public_column_carries_a_comment(warehouse):
    warehouse.document("Report one", "Outlet A", DAY)
    warehouse.build()
    undocumented = warehouse.conn.execute(
        "select table_name, column_name from duckdb_columns() "
        "where table_name in ('documents', 'casualty_claims', 'source_agreement', 'timeline', "
        "'incidents', 'rejected', 'runs', 'event_claims', 'statements', 'time_expressions') "
        "and comment is null"
    ).fetchall()
    assert undocumented == []


def test_every_intermediate_column_carries_a_comment_and_no_intermediate_model_is_public(
    warehouse,
):
    from corroborate.catalog import public_tables

    warehouse.document("Report one", "Outlet A", DAY)
    warehouse.build()
    columns = warehouse.conn.execute(
        "select table_name, column_name, comment from duckdb_columns() "
        "where table_name like 'int\\_%' escape '\\'"
    ).fetchall()
    assert len({table for table, _, _ in columns}) >= 20
    assert [(table, column) for table, column, comment in columns if comment is None] == []
    assert not any(name.startswith("int_") for name in public_tables())


def test_a_failing_data_test_stops_the_build(warehouse):
    a = warehouse.document("Report one", "Outlet A", DAY)
    warehouse.casualty(a, 1, 1)
    warehouse.conn.execute("update raw_casualty_claims set evidence = 'not the text'")
    with pytest.raises(model_runner.DataTestFailure, match="claim_spans_match_documents"):
        warehouse.build()


@pytest.mark.parametrize("text", ["Shelling in Homs killed 12.", "Shelling in Hōms killed 12."])
@pytest.mark.parametrize("shift", [0, 1])
def test_evidence_is_checked_by_characters_in_plain_and_accented_texts(warehouse, text, shift):
    # Accented texts are cut by characters and plain ones by bytes; both must be exact.
    a = warehouse.document(text, "Outlet A", DAY)
    warehouse.casualty(a, 12, 12)
    start = text.index("killed")
    warehouse.conn.execute(
        "update raw_casualty_claims set char_start = ?, char_end = ?, evidence = ?",
        [start + shift, start + shift + 9, text[start : start + 9]],
    )
    if shift == 0:
        warehouse.build()
    else:
        with pytest.raises(model_runner.DataTestFailure, match="claim_spans_match_documents"):
            warehouse.build()


@pytest.mark.parametrize(
    ("speaker", "content"),
    [("'not the text'", "substring(evidence, 1, 6)"), ("substring(evidence, 1, 6)", "'not it'")],
)
def test_a_statement_whose_speaker_or_content_is_not_the_text_at_its_span_stops_the_build(
    warehouse, speaker, content
):
    a = warehouse.document("Report one", "Outlet A", DAY)
    warehouse.statement(a, "the ministry", "assert")
    warehouse.conn.execute(
        "update raw_statements set source_start = 0, source_end = 6, content_start = 0, "
        f"content_end = 6, cue_start = 0, cue_end = 1, speaker = {speaker}, content = {content}"
    )
    with pytest.raises(model_runner.DataTestFailure, match="claim_spans_match_documents"):
        warehouse.build()


@pytest.mark.parametrize("true_to_the_text", [True, False])
def test_a_speaker_named_outside_the_statements_sentence_is_read_in_the_document(
    warehouse, true_to_the_text
):
    # Where a quote of several sentences closes: the mention precedes the statement's evidence.
    a = warehouse.document("Report one", "Outlet A", DAY)
    warehouse.statement(a, "the ministry", "assert", start=10)
    mention = warehouse._text(a)[:6] if true_to_the_text else "not it"
    warehouse.conn.execute(
        "update raw_statements set source_start = 0, source_end = 6, content_start = char_start, "
        "content_end = char_end, cue_start = 0, cue_end = 1, speaker = ?, content = evidence",
        [mention],
    )
    if true_to_the_text:
        warehouse.build()
    else:
        with pytest.raises(model_runner.DataTestFailure, match="claim_spans_match_documents"):
            warehouse.build()


def test_a_partys_own_figures_in_one_document_do_not_conflict(warehouse):
    a = warehouse.document("Report one", "Outlet A", DAY)
    warehouse.casualty(a, 6, 6, victim="civilians")  # "six civilians were killed ..."
    warehouse.casualty(a, 2, 2, victim="civilians")  # "... two of them in the first blast"
    warehouse.build()
    assert _class_facts(warehouse) == [("civilian", 6, 6, 1, "single_source")]


def test_two_parties_in_one_document_can_conflict(warehouse):
    a = warehouse.document("Report one", "Outlet A", DAY)
    warehouse.casualty(a, 6, 6, speaker="the ministry")
    warehouse.casualty(a, 20, 20, speaker="the rebels")
    warehouse.build()
    assert warehouse.facts() == [(None, 6, 20, 1, 1, "conflicting")]
    assert warehouse.rows("select lower_speaker, higher_speaker from contradictions") == [
        ("the ministry", "the rebels")
    ]


def test_a_document_counting_by_class_adds_up_its_total(warehouse):
    a = warehouse.document("Report one", "Outlet A", DAY)
    b = warehouse.document("Report two", "Outlet B", DAY)
    c = warehouse.document("Report three", "Outlet C", DAY)
    warehouse.casualty(a, 12, 12, victim="civilians")  # "12 civilians and 20 soldiers"
    warehouse.casualty(a, 20, 20, victim="soldiers")
    warehouse.casualty(b, 30, 30, victim="people")  # "30 killed"
    warehouse.casualty(c, 7, 7, victim="soldiers")  # one class only: its toll is 7
    warehouse.build()
    assert _class_facts(warehouse) == [
        ("all", 7, 32, 3, "conflicting"),
        ("civilian", 12, 12, 1, "single_source"),
        ("military", 7, 20, 2, "conflicting"),
    ]
    [(values, claims)] = warehouse.rows(
        "select reported_values, n_claims from source_agreement where victim_class = 'all'"
    )
    assert (values, claims) == (["30", "total 32", "total 7"], 1)


def test_reports_naming_one_class_each_compare_their_tolls(warehouse):
    # "20 fighters were killed" against "6 civilians were killed": two tolls of one incident.
    a = warehouse.document("Report one", "Outlet A", DAY)
    b = warehouse.document("Report two", "Outlet B", DAY)
    warehouse.casualty(a, 20, 20, victim="fighters")
    warehouse.casualty(b, 6, 6, victim="civilians")
    warehouse.build()
    assert _class_facts(warehouse) == [
        ("all", 6, 20, 2, "conflicting"),
        ("civilian", 6, 6, 1, "single_source"),
        ("military", 20, 20, 1, "single_source"),
    ]


def test_reports_naming_the_same_one_class_make_no_second_fact(warehouse):
    a = warehouse.document("Report one", "Outlet A", DAY)
    b = warehouse.document("Report two", "Outlet B", DAY)
    warehouse.casualty(a, 20, 20, victim="fighters")
    warehouse.casualty(b, 20, 20, victim="people")  # the same toll in other words
    warehouse.build()
    assert _class_facts(warehouse) == [("military", 20, 20, 2, "corroborated")]


def test_a_document_counts_once_beside_its_own_total(warehouse):
    # A quoted "dozens killed" and the total the same report adds up from its class figures.
    a = warehouse.document("Report one: dozens killed, 12 civilians and 20 soldiers", "Outlet A")
    warehouse.statement(a, "the ministry", "assert", content="dozens of people were killed today")
    warehouse.casualty(a, 12, None, "vague", victim="people")
    warehouse.casualty(a, 12, 12, victim="civilians")
    warehouse.casualty(a, 20, 20, victim="soldiers")
    warehouse.build()
    [(documents, independent)] = warehouse.rows(
        "select n_documents, n_independent from source_agreement where victim_class = 'all'"
    )
    assert (documents, independent) == (1, 1)


def test_the_status_rule_stays_in_the_warehouse_for_ad_hoc_sql(warehouse):
    warehouse.build()
    statuses = warehouse.conn.execute(
        "select fact_status(false, 2), fact_status(12 > 3, 2), fact_status(null, 1)"
    ).fetchone()
    assert statuses == ("corroborated", "conflicting", "single_source")
    [(documents, independent, parties, one_party, speakers)] = warehouse.conn.execute(
        """
        select sources.n_documents, sources.n_independent, sources.n_parties,
            sources.rests_on_one_party, sources.speakers,
        from (
            select sources_of_fact(doc_id, outlet, outlet, party, speaker, null, null) as sources
            from (values ('d1', 'A', 'SYR', 'ministry'), ('d2', 'A', 'SYR', null),
                         ('d2', 'B', 'SYR', 'ministry')) claims(doc_id, outlet, party, speaker)
        )
        """
    ).fetchall()
    assert (documents, independent, parties, one_party) == (2, 2, 1, False)
    assert speakers == ["(outlet)", "ministry"]
