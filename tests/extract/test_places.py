"""GeoNames places: country and IANA zone of cities, countries and demonyms."""

from __future__ import annotations

import pytest

from corroborate.extract.places import find_places, gazetteer


def names(text: str) -> list[tuple[str, str, str | None]]:
    return [(text[m.start:m.end], m.place.country, m.place.timezone) for m in find_places(text)]


def test_city_after_a_locative_preposition() -> None:
    assert names("The ministers met in Vienna.") == [("Vienna", "AUT", "Europe/Vienna")]


def test_city_after_a_preposition_and_which_part_of_it() -> None:
    assert names("Shells hit homes in northern Kharkiv.") == [("Kharkiv", "UKR", "Europe/Kyiv")]


def test_city_list_after_a_preposition() -> None:
    found = names("Shells fell on the cities of Kharkiv, Sumy and Poltava.")
    assert [name for name, _, _ in found] == ["Kharkiv", "Sumy", "Poltava"]
    assert {country for _, country, _ in found} == {"UKR"}


def test_capitalised_word_that_is_a_city_elsewhere_is_not_a_place_without_context() -> None:
    assert names("Nice words were said.") == []


@pytest.mark.parametrize(
    "sentence",
    [
        "The team plays at Lucas Oil Stadium on Sunday.",  # a stadium
        "She works at the University Medical Center.",  # a hospital
        "He gave money to Barry Goldwater's campaign.",  # a person
        "He was moved from the Estelle Unit to another prison.",  # a prison
    ],
)
def test_a_city_name_that_opens_a_longer_name_is_no_place(sentence: str) -> None:
    assert names(sentence) == []


@pytest.mark.parametrize(
    ("sentence", "city"),
    [
        ("Two men were killed in Baghdad Sunday, police said.", "Baghdad"),  # a date follows
        ("Shells fell in Aleppo Province overnight, the monitor said.", "Aleppo"),  # its kind
        ("Shells fell in Aleppo Damascus and Homs, the monitor said.", "Aleppo"),  # lost commas
        ("Army Advances in Latakia Kills Dozens of Fighters", "Latakia"),  # a title
    ],
)
def test_a_city_followed_by_a_date_a_place_or_in_a_title_stays_one(
    sentence: str, city: str
) -> None:
    assert city in [name for name, _, _ in names(sentence)]


def test_country_name_wins_over_a_namesake_city() -> None:
    [(name, country, _)] = names("Troops withdrew to Jordan on Monday.")
    assert (name, country) == ("Jordan", "JOR")


def test_demonym_and_country_zone_is_the_capitals() -> None:
    found = names("Japanese officials said")
    assert found == [("Japanese", "JPN", "Asia/Tokyo")]


def test_zone_of_name_for_x_time() -> None:
    world = gazetteer()
    assert world.zone_of_name("Moscow") == "Europe/Moscow"
    assert world.zone_of_name("Israel") == "Asia/Jerusalem"
    assert world.zone_of_name("Narnia") is None


def test_gazetteer_is_built_once() -> None:
    """Every stage asks for the gazetteer; it is built on the first call only (its speed is
    measured by `make bench`, not here)."""
    assert gazetteer() is gazetteer()
    found = find_places("Talks in Geneva and Paris, said French officials.")
    assert {mention.place.country for mention in found} >= {"CHE", "FRA"}


def test_a_large_city_is_read_by_the_spelling_news_gives_it() -> None:
    found = names("Shells fell on homes in Hama and in Daraa.")
    assert [(country, zone) for _, country, zone in found] == [("SYR", "Asia/Damascus")] * 2


def test_a_spelling_that_is_a_code_or_a_common_name_is_not_read_as_a_city() -> None:
    # "DUI" is listed for Duisburg, and "Bush" folds to Būsh, Egypt.
    assert names("He was held in Bush country on suspicion of DUI in the town.") == []


def test_a_name_goes_on_after_a_lower_case_arabic_article() -> None:
    assert names("Fighting in Deir al-Zor killed 12.") == [
        ("Deir al-Zor", "SYR", "Asia/Damascus")
    ]


@pytest.mark.parametrize(
    ("sentence", "name", "country", "kind"),
    [
        ("Airstrikes in Helmand province killed 12.", "Helmand", "AFG", "region"),
        ("Shelling in Rif Dimashq killed three.", "Rīf Dimashq", "SYR", "region"),
        ("Clashes in Anbar province.", "Al Anbār", "IRQ", "region"),  # without its article
        ("He was indicted in Arizona.", "Arizona", "USA", "region"),  # not the Honduran town
        ("Shelling in Idlib killed three.", "Idlib", "SYR", "city"),  # its own city wins
        ("Riots in Manchester.", "Manchester", "GBR", "city"),  # a large city wins
    ],
)
def test_a_first_level_division_is_a_place(
    sentence: str, name: str, country: str, kind: str
) -> None:
    [mention] = find_places(sentence)
    assert (mention.place.name, mention.place.country, mention.place.kind) == (name, country, kind)


def test_a_place_after_of_does_not_keep_the_name_it_ends() -> None:
    text = "She graduated from the University of Alabama at Birmingham."
    assert [m.place.name for m in find_places(text)] == ["Alabama", "Birmingham"]


@pytest.mark.parametrize(
    ("sentence", "zone"),
    [
        ("Fighting in Helmand.", "Asia/Kabul"),  # its country keeps one zone
        ("Storms in Texas.", "America/Chicago"),  # its largest city's, where codes compare
        ("Floods in Manitoba.", None),  # GeoNames numbers Canada's provinces
    ],
)
def test_the_zone_of_a_division(sentence: str, zone: str | None) -> None:
    [division] = find_places(sentence)
    assert division.place.timezone == zone


@pytest.mark.parametrize(
    "sentence",
    [
        "Floods in Punjab.",  # a province of Pakistan and a state of India
        "Protests in Western Europe.",  # a direction word opens other names
    ],
)
def test_a_division_name_that_does_not_say_which_is_no_place(sentence: str) -> None:
    assert find_places(sentence) == ()


@pytest.mark.parametrize(
    ("sentence", "country", "zone"),
    [
        ("He was born in Birmingham, Alabama.", "USA", "America/Chicago"),  # not England's
        ("A fire in the community of Palmer Alaska.", "USA", "America/Anchorage"),  # not Mass.
        ("He escaped in Beaumont, Texas.", "USA", "America/Chicago"),  # the city's own
        ("Clashes in Maiduguri, Borno state.", "NGA", "Africa/Lagos"),
        ("A shooting in Vancouver, Washington.", "USA", "America/Los_Angeles"),  # a large
        # city's name ("Washington") is read as the division after a city
        ("He spoke in Toronto, Ontario.", "CAN", "America/Toronto"),  # its zone stays
        ("We met in Houston, Victoria Beckham said.", "USA", "America/Chicago"),  # a name
        ("A shooting in Paris, Texas.", "USA", "America/Chicago"),  # a capital's namesake
        ("A bomb in Moscow, Idaho.", "USA", "America/Boise"),
        ("He lives in London, Ontario.", "CAN", None),  # Canada's provinces have no zone here
        ("Talks in Paris, France.", "FRA", "Europe/Paris"),  # a country is no division
    ],
)
def test_a_city_is_read_within_the_division_named_after_it(
    sentence: str, country: str, zone: str | None
) -> None:
    city = find_places(sentence)[0].place
    assert (city.kind, city.country, city.timezone) == ("city", country, zone)


@pytest.mark.parametrize(
    ("sentence", "division", "country"),
    [
        ("He spoke in Toronto, Ontario.", "Ontario", "CAN"),  # not Ontario, California
        ("A shooting in Vancouver, Washington.", "Washington", "USA"),  # not the capital
        ("A fire in the community of Palmer Alaska.", "Alaska", "USA"),
    ],
)
def test_the_division_named_after_a_city_is_read_as_that_division(
    sentence: str, division: str, country: str
) -> None:
    city, named = find_places(sentence)
    assert city.place.kind == "city"
    assert (sentence[named.start : named.end], named.place.kind, named.place.country) == (
        division, "region", country
    )
