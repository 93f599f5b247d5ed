"""Country words from reference data, for any country, in the forms news uses."""

import pytest

from corroborate.extract.countries import country_index, country_of, find_countries


@pytest.mark.parametrize(
    ("text", "iso3"),
    [
        ("Peruvian soldiers", "PER"),
        ("the Nigerian army", "NGA"),
        ("Ukraine's defence ministry", "UKR"),
        ("Ukraine’s defence ministry", "UKR"),
        ("the Defence Ministry in Kyiv", "UKR"),
        ("officials in Nairobi", "KEN"),
        ("the Kremlin", "RUS"),
        ("the White House", "USA"),
        ("Downing Street", "GBR"),
        ("U.S. officials", "USA"),
        ("the US military", "USA"),
        ("South Sudanese troops", "SSD"),
        ("Congolese soldiers", "COD"),
        ("Israelis", "ISR"),
        ("the Democratic Republic of the Congo", "COD"),
        ("Chinese", "CHN"),  # the demonym goes to the more populous country, not Hong Kong
    ],
)
def test_country_words(text: str, iso3: str) -> None:
    assert country_of(text) == iso3


def test_lower_case_pronoun_is_not_a_country() -> None:
    assert country_of("they told us") is None


def test_mention_offsets_index_the_text() -> None:
    text = "Talks between Chilean and Bolivian envoys"
    mentions = find_countries(text, 5)
    assert [text[m.start : m.end] for m in mentions] == ["Chilean", "Bolivian"]
    assert [m.iso3 for m in mentions] == ["CHL", "BOL"]


def test_index_covers_all_countries() -> None:
    # How fast it builds is the benchmark's to measure (a wall-clock bound fails on a busy machine).
    country_index.cache_clear()
    index = country_index()
    assert len({entry.iso3 for entry in index.values()}) > 240
