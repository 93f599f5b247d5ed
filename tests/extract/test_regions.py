from corroborate.extract import geonames
from corroborate.extract.regions import _region_of, read_lead


def lead_regions(text: str) -> list[str]:
    return read_lead(text).regions


def test_cities_stand_for_their_first_level_region():
    regions = lead_regions("ALEPPO (Reuters) - Air strikes on Deir Ezzor and al-Hasakeh killed 12.")
    assert regions == ["SYR/09", "SYR/07", "SYR/01"]


def test_unrelated_words_and_countries_are_not_cities():
    assert lead_regions("Google said France and the United States would meet.") == []


def test_only_the_lead_is_read():
    assert lead_regions("Nothing here. " * 80 + "Aleppo") == []


def test_a_capital_is_the_story_place_only_after_a_locative_preposition():
    # GeoNames' first-level code of the capital's own province, read from the data.
    [row] = [r for r in geonames.cities().values() if r["name"] == "Nairobi"]
    assert lead_regions("Shelling near Nairobi killed 12.") == [f"KEN/{row['admin1code']}"]
    # A dateline says where the reporter files from; "Nairobi said" is the government.
    assert lead_regions("NAIROBI (Reuters) - Nairobi said the talks would resume.") == []


def test_a_common_english_word_is_a_city_only_after_a_locative_preposition():
    # GeoNames lists cities named More, Date and Union; in a lead they are words.
    assert lead_regions("More than 120 people were killed. Date of publication: 5 May.") == []
    [row] = [r for r in geonames.cities().values() if r["name"] == "Nice"]
    assert lead_regions("An attack in Nice killed 84.") == [f"FRA/{row['admin1code']}"]


def test_a_word_in_capitals_is_a_city_only_as_a_dateline():
    # The Syrian news agency SANA is not Sanaa; a dateline's city is the story's.
    assert lead_regions("According to SANA, shells hit Homs.") == ["SYR/11"]
    assert lead_regions("ALEPPO, Syria (AP) — Shells hit the city.") == ["SYR/09"]


def test_a_locative_reaches_over_words_that_say_which_part_of_the_place():
    [row] = [r for r in geonames.cities().values() if r["name"] == "Nairobi"]
    kenya = f"KEN/{row['admin1code']}"
    assert lead_regions("A bomb exploded in central Nairobi.") == [kenya]
    assert lead_regions("Shelling near downtown Nairobi killed 12.") == [kenya]
    # Capitalised, the word is part of another name; across a full stop, it locates nothing.
    assert lead_regions("Trucks came from Western Nairobi Farms.") == []
    assert lead_regions("Rebels took territory to the south. Nairobi said they had.") == []


def test_a_city_that_opens_a_street_name_is_the_street():
    text = ("A car bomb exploded on Maka Al Mukarama road in Mogadishu on Tuesday. "
            "Police closed Houston Street.")
    assert lead_regions(text) == ["SOM/02"]
    assert lead_regions("Gunmen opened fire in Houston on Monday.") == ["USA/TX"]


def test_a_city_name_inside_a_persons_name_is_no_region_but_stays_a_story_key():
    lead = read_lead("Robert Buckley, 32, fell 2,000 metres. Buckley had been climbing since dawn.")
    assert lead.regions == []
    assert lead.keys == [_region("Buckley")]


def test_a_name_is_told_by_a_title_or_a_rare_capitalised_word_before_the_city():
    assert read_lead("Russian President Vladimir Putin said on Wednesday.").regions == []
    assert read_lead("HP will buy EYP Mission Critical Facilities.").regions == []
    assert read_lead("President George W. Bush said on Monday.").regions == []


def test_a_city_that_opens_a_longer_name_is_no_region():
    assert read_lead("Tara Reid has checked into rehab, her publicist said.").regions == []
    assert read_lead("Shelling hit Aleppo Province and Homs Sunday.").regions == [
        _region("Aleppo"), _region("Homs")]
    assert read_lead("Rockets hit Aleppo and Homs. Six civilians were killed.").regions == [
        _region("Aleppo"), _region("Homs")]


def test_a_headline_names_whom_the_article_names():
    # A headline capitalises every word, so its "Lincoln Marsh" tells no name from a place; the
    # article's "banker Lincoln Marsh guilty" does, and it is the same two words.
    headline = "Lincoln Marsh Found Guilty of Bank Fraud Charges\n\n"
    lead = read_lead(headline + "A jury has found banker Lincoln Marsh guilty on both counts.")
    assert lead.regions == []
    assert lead.keys == [_region("Lincoln")]
    assert read_lead(headline + "A jury found him guilty.").regions == [_region("Lincoln")]
    # a name that goes on after "of" has no next word to compare: the city stays a place
    lead = "Pupils of the Aleppo of Tomorrow school fled. Shelling in Aleppo killed 12."
    assert read_lead(lead).regions == [_region("Aleppo")]


def test_what_leaves_a_city_a_place():
    # a possessive (its apostrophe lost too), a demonym, a part of a place, a kind of place
    # after it, a hyphened modifier, a date, the end of a sentence, a dateline in capitals
    for text in (
        "Shelling in Syria's Aleppo killed 12.",
        "Jets hit Syrias Aleppo at dawn.",
        "Gunmen in Northern Aleppo killed 12.",
        "Chlorine was dropped on Saraqeb Idlib province overnight.",
        "Air strikes on ISIL-controlled Raqqa killed 19.",
        "It happened on Monday. Aleppo was shelled again.",
        "Reuters said on Monday Aleppo was shelled.",
    ):
        assert read_lead(text).regions, text


def test_a_city_after_a_locative_stays_a_place_through_the_lead():
    text = "Fighters were killed outside Aleppo. Tags Aleppo Syria"
    assert read_lead(text).regions == [_region("Aleppo")]


def _region(name: str) -> str:
    region = _region_of(name)
    assert region is not None
    return region


def test_a_city_that_ends_a_divisions_name_is_the_division():
    # GeoNames writes the United States' states with their ISO 3166-2 letters.
    assert lead_regions("A tornado hit Raleigh, North Carolina, and West Virginia.") == [
        "USA/NC", "USA/WV"
    ]
    # Canada's provinces are numbered in GeoNames: the division's region is unknown, and it is
    # not Columbia, South Carolina.
    assert read_lead("Police in British Columbia said two men were arrested.") == ([], [])
    assert lead_regions("Police in Columbia, South Carolina, said two men were arrested.") == [
        "USA/SC"
    ]
