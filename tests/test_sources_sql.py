"""One source under many names, and independence counted by original source."""

from __future__ import annotations

import pytest

from tests.sql_warehouse import DAY, Warehouse


@pytest.fixture
def warehouse():
    built = Warehouse()
    yield built
    built.conn.close()


def _ministry_reports(warehouse: Warehouse) -> list[str]:
    """Three outlets carry one ministry's toll, each naming the ministry its own way."""
    names = ["Freedonia's Defence Ministry", "the Freedonian Ministry of Defense", "the ministry"]
    doc_ids = []
    for outlet, name in zip(("Outlet A", "Outlet B", "Outlet C"), names, strict=True):
        doc_id = warehouse.document(f"Twelve soldiers were killed, {name} said ({outlet}).",
                                    outlet, DAY)
        warehouse.statement(doc_id, name, "assert", speaker_country="FRE",
                            source_key="defense ministry")
        warehouse.casualty(doc_id, 12, 12, speaker=name, speaker_country="FRE")
        doc_ids.append(doc_id)
    return doc_ids


def test_outlets_quoting_one_ministry_are_independent_outlets_but_one_original_source(
    warehouse,
):
    _ministry_reports(warehouse)
    warehouse.build()
    [(n_documents, n_independent, n_original, source_ids)] = warehouse.rows(
        "select n_documents, n_independent, n_original_sources, source_ids "
        "from source_agreement where outcome = 'killed'"
    )
    [(source_id,)] = warehouse.rows("select source_id from sources")
    assert (n_documents, n_independent, n_original) == (3, 3, 1)
    assert source_ids == [source_id]


def test_a_source_lists_every_name_it_goes_by_with_its_documents(warehouse):
    doc_ids = _ministry_reports(warehouse)
    warehouse.build()
    [(name, key, country, n_documents, aliases)] = warehouse.rows(
        "select name, source_key, country, n_documents, aliases from sources"
    )
    assert (key, country, n_documents) == ("defense ministry", "FRE", 3)
    assert name == "the Freedonian Ministry of Defense"  # each name is used once: the longest
    assert {alias["alias"]: alias["doc_ids"] for alias in aliases} == {
        "Freedonia's Defence Ministry": [doc_ids[0]],
        "the Freedonian Ministry of Defense": [doc_ids[1]],
        "the ministry": [doc_ids[2]],
    }
    statement_sources = warehouse.rows("select distinct source_id from statements")
    assert statement_sources == warehouse.rows("select source_id from sources")


def test_the_outlets_own_voice_is_an_original_source_of_its_own(warehouse):
    quoted = warehouse.document("Twelve soldiers were killed, the army said.", "Outlet A", DAY)
    own = warehouse.document("Twelve soldiers were killed on Tuesday.", "Outlet B", DAY)
    warehouse.statement(quoted, "the army", "assert", source_key="army")
    warehouse.casualty(quoted, 12, 12, speaker="the army")
    warehouse.casualty(own, 12, 12)
    warehouse.build()
    assert warehouse.rows(
        "select n_independent, n_original_sources from source_agreement"
    ) == [(2, 2)]


def test_an_accusation_carried_by_two_outlets_is_one_source_in_the_accounts(warehouse):
    for outlet in ("Outlet A", "Outlet B"):
        doc_id = warehouse.document(f"The ministry accused the rebels ({outlet}).", outlet, DAY)
        warehouse.statement(doc_id, "the ministry", "accuse", speaker_country="FRE",
                            source_key="defense ministry")
    warehouse.build()
    assert warehouse.rows(
        "select side, stance, n_documents, n_independent, n_original_sources from accounts"
    ) == [("FRE", "accuse", 2, 2, 1)]


def test_a_surname_alone_is_the_person_another_report_of_the_incident_names_in_full(warehouse):
    full = warehouse.document("Prime Minister Rosa Quispe said the talks failed.", "Outlet A",
                              DAY)
    short = warehouse.document("Quispe said the talks failed.", "Outlet B", DAY)
    warehouse.statement(full, "Rosa Quispe", "assert", speaker_country="PER",
                        source_key="rosa quispe")
    warehouse.statement(short, "Quispe", "assert", source_key="quispe")
    warehouse.conn.execute(
        "update raw_statements set source_kind = 'person'"
    )
    warehouse.build()
    assert warehouse.rows("select name, source_key, country, n_documents from sources") == [
        ("Rosa Quispe", "rosa quispe", "PER", 2)
    ]
