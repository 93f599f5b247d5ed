"""One source under all its names: keys, kinds and countries, from names written for the tests."""

from __future__ import annotations

from corroborate.extract.sources import SourceIdentity, identify_sources
from corroborate.extract.speakers import Attribution


def _sources(*names: tuple[str, str | None, bool]) -> list[SourceIdentity]:
    return identify_sources([Attribution(name, country, 0, 1, person) for name, country, person
                             in names])


def _kinds(*names: tuple[str, str | None, bool]) -> list[str]:
    return [source.kind for source in _sources(*names)]


def test_a_ministry_is_one_source_however_the_articles_spell_it() -> None:
    found = _sources(
        ("Peru's Defence Ministry", "PER", False),
        ("the Peruvian Ministry of Defense", "PER", False),
        ("the Defense Ministry in Lima", "PER", False),
        ("Lima MoD", None, False),
    )
    assert set(found) == {SourceIdentity("defense ministry", "government", "PER")}


def test_a_spokesman_speaks_for_the_body_and_affairs_ministries_have_one_name() -> None:
    found = _sources(
        ("a spokesman for the Chilean Foreign Ministry", "CHL", False),
        ("Chile's Ministry of Foreign Affairs", "CHL", False),
    )
    assert set(found) == {SourceIdentity("foreign ministry", "government", "CHL")}


def test_a_name_without_a_country_takes_the_one_the_document_gives_it() -> None:
    only = _sources(
        ("Peru's defense ministry", "PER", False), ("the Defense Ministry", None, False)
    )
    assert only[1].country == "PER"
    # Two countries' ministries: the nearest speaker before it with one of them decides.
    two = _sources(
        ("Peru's defense ministry", "PER", False),
        ("Chile's defense ministry", "CHL", False),
        ("a Peruvian reporter", "PER", False),
        ("the ministry", None, False),
        ("Defense Ministry", None, False),
    )
    assert [source.country for source in two[3:]] == [None, "PER"]


def test_the_ministry_alone_is_a_source_of_its_own_key() -> None:
    [source] = _sources(("the ministry", None, False))
    assert source == SourceIdentity("ministry", "government", None)


def test_a_person_is_the_fullest_name_the_document_gives() -> None:
    found = _sources(
        ("Prime Minister Rosa Quispe", "PER", True),
        ("Quispe", None, True),
    )
    assert found == [SourceIdentity("rosa quispe", "person", "PER")] * 2


def test_countries_seats_and_demonyms_alone() -> None:
    found = _sources(("Lima", "PER", False), ("the Kremlin", "RUS", False),
                     ("Peruvians", "PER", False))
    assert found == [
        SourceIdentity("government", "government", "PER"),
        SourceIdentity("kremlin", "government", "RUS"),
        SourceIdentity("people", "other", "PER"),
    ]


def test_kinds_come_from_the_head_word() -> None:
    kinds = _kinds(
        ("a police spokesman", None, False),
        ("army doctors", None, False),
        ("the health ministry", None, False),
        ("a local rights group", None, False),
        ("the rebels", None, False),
        ("state television", None, False),
        ("witnesses", None, False),
        ("a spokeswoman", None, False),
        # a company's form or noun: no person
        ("Ogden Projects Inc.", None, False),
        ("the airline", None, False),
        ("Ann Lee", None, False),
        # a body's head noun: no person
        ("the Immigration and Naturalization Service", None, False),
        ("the Security Council", None, False),
        ("the state news agency", None, False),
        ("City Council Member Jumaane Williams", None, False),
        ("the California Highway Patrol", None, False),
        ("the Associated Press", None, False),
        ("White House press secretary Josh Earnest", None, False),
        ("the Britain-based Observatory", None, False),
        ("Human Rights Watch", None, False),
        ("the Nusra Front", None, False),
        ("the Arab League", None, False),
        ("the Idlib Media Center", None, False),
    )
    assert kinds == ["police", "medical", "government", "ngo", "armed_group", "outlet",
                     "witness", "government", "company", "company", "person",
                     "government", "government", "outlet", "person", "police", "outlet",
                     "government", "ngo", "ngo", "armed_group", "international", "outlet"]


def test_an_outlet_keeps_the_place_in_its_name() -> None:
    [source] = _sources(("The Lima Times", "PER", False))
    assert source.key == "lima times" and source.kind == "outlet"


def test_an_iso_code_inside_a_name_gives_its_country() -> None:
    [source] = _sources(("PER MOD", None, False))
    assert source == SourceIdentity("defense ministry", "government", "PER")


def test_a_lone_surname_is_the_person_the_document_names_in_full() -> None:
    found = _sources(("Rosa Quispe", None, True), ("Quispe", None, False))
    assert found == [SourceIdentity("rosa quispe", "person", None)] * 2


def test_a_name_that_opens_with_an_international_body_is_its_part() -> None:
    kinds = _kinds(
        ("the UN refugee agency", None, False),
        ("a U.N. official", None, False),
        ("the U.N. Security Council", None, False),
        ("United Nations", None, False),
        ("UNICEF", None, False),
        ("an EU spokesman", None, False),
        # where it works is no country of its own
        ("UNICEF", "SYR", False),
        # a person's name after it is no part of the body
        ("UN envoy Staffan de Mistura", None, True),
    )
    assert kinds == ["international"] * 7 + ["person"]


def test_the_un_is_one_source_however_the_articles_spell_it() -> None:
    keys = {source.key for source in _sources(
        ("the UN refugee agency", None, False),
        ("the U.N. refugee agency", None, False),
        ("the United Nations refugee agency", None, False),
    )}
    assert keys == {"un refugee agency"}
