"""Casualty claims: every outcome, number form, qualifier, side and time reference, on sentences
written for these tests."""

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from corroborate.extract.casualties import find_casualties
from corroborate.extract.records import CasualtyClaim
from corroborate.extract.sentences import split_sentences
from corroborate.extract.speakers import attribute_sentences


def _claims(text: str, year: int | None = 2023) -> list[CasualtyClaim]:
    sentences = split_sentences(text)
    return find_casualties("doc", text, sentences, attribute_sentences(text, sentences), year)


def _one(text: str, year: int | None = 2023) -> CasualtyClaim:
    claims = _claims(text, year)
    assert len(claims) == 1, claims
    return claims[0]


def _key(claim: CasualtyClaim) -> tuple:
    return claim["outcome"], claim["count_low"], claim["count_high"], claim["qualifier"]


def test_passive_with_victim_and_side() -> None:
    claim = _one("Officials said 17 Peruvian soldiers were killed in the ambush.")
    assert _key(claim) == ("killed", 17, 17, "exact")
    assert (claim["victim"], claim["side"]) == ("soldiers", "PER")
    assert claim["evidence"] == "17 Peruvian soldiers were killed"


@pytest.mark.parametrize("text", [
    "One official said six children were killed in the blast.",
    "Two witnesses told reporters six children were killed in the blast.",
])
def test_a_count_before_a_reporting_verb_is_the_speakers(text: str) -> None:
    claim = _one(text)
    assert _key(claim) == ("killed", 6, 6, "exact")
    assert claim["evidence"] == "six children were killed"


def test_active_verb_headline_syntax() -> None:
    claim = _one("Landslide Kills at Least 23 in Mountain Village")
    assert _key(claim) == ("killed", 23, None, "at_least")


def test_killing_and_wounding_in_one_sentence() -> None:
    claims = _claims("A car bomb killed six people and injured 32 in the market.")
    assert sorted(_key(c) for c in claims) == [
        ("killed", 6, 6, "exact"),
        ("wounded", 32, 32, "exact"),
    ]


def test_left_dead_and_death_toll_and_lives() -> None:
    assert _key(_one("The storm left more than 1,200 dead.")) == ("killed", 1201, None, "more_than")
    assert _key(_one("The death toll rose to 87 on Sunday.")) == ("killed", 87, 87, "exact")
    assert _key(_one("The quake claimed around 4,000 lives.")) == ("killed", 4000, 4000, "about")


def test_left_names_the_outcome_after_the_count() -> None:
    claim = _one("The floods left 300 villagers homeless.")
    assert _key(claim) == ("displaced", 300, 300, "exact")
    assert (claim["victim"], claim["evidence"]) == ("villagers", "left 300 villagers homeless")


def test_lost_needs_people() -> None:
    claim = _one("The Malian Defence Ministry said it lost nine soldiers.")
    assert _key(claim) == ("killed", 9, 9, "exact")
    assert claim["side"] == "MLI" and claim["speaker_country"] == "MLI"
    assert _claims("The army said it lost control of three villages.") == []


def test_other_outcomes() -> None:
    assert _key(_one("Five Chadian soldiers were taken prisoner.")) == ("captured", 5, 5, "exact")
    assert _key(_one("About 40 people are missing after the flood.")) == (
        "missing",
        40,
        40,
        "about",
    )
    assert _key(_one("The fighting displaced tens of thousands of people.")) == (
        "displaced",
        10_000,
        None,
        "vague",
    )
    assert _key(_one("Police arrested 14 protesters on Monday.")) == ("arrested", 14, 14, "exact")
    assert _key(_one("Scores of civilians fled the town.")) == ("displaced", 20, None, "vague")


def test_detained_soldiers_are_captured() -> None:
    assert _one("Rebels detained 11 soldiers near the border.")["outcome"] == "captured"


def test_word_numbers_range_and_up_to() -> None:
    assert _key(_one("Forty-nine miners died in the blast.")) == ("killed", 49, 49, "exact")
    assert _key(_one("Between 10 and 15 villagers were wounded.")) == ("wounded", 10, 15, "range")
    assert _key(_one("Nearly 300 people were killed.")) == ("killed", None, 300, "up_to")
    assert _key(_one("Dozens of fighters were killed.")) == ("killed", 12, None, "vague")


def test_martyred_is_killed() -> None:
    assert _key(_one("Three civilians were martyred in the shelling.")) == ("killed", 3, 3, "exact")


def test_no_number_is_unspecified() -> None:
    text = "The Sudanese army said soldiers have died on the Chadian side."
    claim = _one(text)
    assert _key(claim) == ("killed", None, None, "unspecified")
    assert claim["side"] == "TCD" and claim["speaker_country"] == "SDN"
    claim = _one("The Kenyan Defence Ministry reported deaths among Somali troops.")
    assert (_key(claim), claim["side"]) == (("killed", None, None, "unspecified"), "SOM")


def test_own_side_possessive() -> None:
    claim = _one("Peruvian President Ana Soto said 12 of her country's soldiers were killed.")
    assert claim["side"] == "PER" and claim["speaker"] == "Ana Soto"


def test_negation_and_non_casualty_numbers() -> None:
    for text in [
        "No soldiers were killed in the attack.",
        "The 2,000 troops were deployed to keep the peace.",
        "A 12-year-old boy was hurt.",
        "They met three times since April.",
        "Prices rose 20 percent and 300 dollars were lost.",
        "The government sent 500 peacekeeping troops.",
    ]:
        assert _claims(text) == [], text


def test_background_years_and_since() -> None:
    claim = _one("In 2014 a war in the region killed more than 2,000 people.", 2023)
    assert (claim["time_reference"], claim["reference_year"]) == ("background", 2014)
    claim = _one("The earlier war, which left 500 dead, ended two years ago.", 2023)
    assert (claim["time_reference"], claim["reference_year"]) == ("background", 2021)
    claim = _one("It is the worst fighting since thousands died in a 2016 war.", 2023)
    assert (claim["time_reference"], claim["reference_year"]) == ("background", 2016)
    claim = _one("At least 30 people were killed, the deadliest attack since 2019.", 2023)
    assert claim["time_reference"] == "main"


def test_repeated_figure_is_one_claim() -> None:
    text = "Blast Kills at Least 9\n\nBlast Kills at Least 9\n\nThe blast killed at least 9 people."
    assert len(_claims(text)) == 1


def test_commas_stripped_corpus() -> None:
    assert _key(_one("The war has killed 6500 people")) == ("killed", 6500, 6500, "exact")


_PIECES = [
    "killed",
    "at",
    "least",
    "12",
    "2,000",
    "soldiers",
    "were",
    "Chadian",
    "it",
    "its",
    "said",
    "left",
    "dead",
    "since",
    "2019",
    "thousands",
    "died",
    "toll",
    "rose",
    "to",
    "more",
    "than",
    "one",
    "of",
    "the",
    ".",
    ",",
    "\n",
    "'",
    "’",
    '"',
    "-",
]


@settings(max_examples=400, deadline=None)
@given(st.lists(st.sampled_from(_PIECES)).map(" ".join) | st.text())
def test_never_raises_and_evidence_matches_span(text: str) -> None:
    for claim in _claims(text):
        assert claim["evidence"] == text[claim["char_start"] : claim["char_end"]]
        assert claim["outcome"] in {
            "killed",
            "wounded",
            "captured",
            "missing",
            "displaced",
            "arrested",
        }


def test_dashes_and_partitives_between_count_and_verb() -> None:
    claim = _one("The shelling left 23 villagers - including nine children - dead on Monday.")
    assert (_key(claim), claim["victim"]) == (("killed", 23, 23, "exact"), "villagers")
    claim = _one("At least 40 people more than half of them fighters have been killed.")
    assert (_key(claim), claim["victim"]) == (("killed", 40, None, "at_least"), "people")
    claim = _one("At least 12 militants from the armed group were killed overnight.")
    assert (_key(claim), claim["victim"]) == (("killed", 12, None, "at_least"), "militants")


def test_a_partitive_count_after_the_verb_is_part_of_the_figure_before_it() -> None:
    claims = _claims("The monitor says 34 people were killed 6 of them women or children.")
    assert [(_key(c), c["evidence"], c["part_of"]) for c in claims] == [
        (("killed", 34, 34, "exact"), "34 people were killed", None),
        (("killed", 6, 6, "exact"), "6 of them women", "killed"),
    ]
    assert _key(_one("Gunmen fired on the villagers killing 3 of them.")) == (
        "killed", 3, 3, "exact"
    )
    assert _key(_one("The raids ended wounding dozens of them.")) == ("wounded", 12, None, "vague")


def test_an_attribution_between_verb_and_count() -> None:
    claim = _one("Rockets hit the market killing according to the latest toll 44 civilians.")
    assert (_key(claim), claim["victim"]) == (("killed", 44, 44, "exact"), "civilians")


def test_two_groups_left_dead_are_two_figures() -> None:
    claims = _claims("Clashes left 23 villagers - including nine children - and 16 fighters dead.")
    assert sorted((_key(c), c["victim"]) for c in claims) == [
        (("killed", 16, 16, "exact"), "fighters"),
        (("killed", 23, 23, "exact"), "villagers"),
    ]


def _figures(text: str) -> list[tuple]:
    return sorted((c["outcome"], c["count_low"], c["victim"]) for c in _claims(text))


def test_a_list_closed_by_one_verb_is_one_figure_per_victim() -> None:
    assert _figures("At least 23 civilians and 16 combatants were killed on Friday.") == [
        ("killed", 16, "combatants"), ("killed", 23, "civilians")
    ]
    assert _figures("Three soldiers, two police officers and five civilians were wounded.") == [
        ("wounded", 2, "police"), ("wounded", 3, "soldiers"), ("wounded", 5, "civilians")
    ]


def test_a_list_opened_by_one_verb_is_one_figure_per_victim() -> None:
    assert _figures("The strike killed 23 civilians and 16 fighters, the monitor said.") == [
        ("killed", 16, "fighters"), ("killed", 23, "civilians")
    ]
    assert _figures("The army lost 5 soldiers and 2 officers in the battle.") == [
        ("killed", 2, "officers"), ("killed", 5, "soldiers")
    ]


def test_equal_counts_of_different_victims_are_two_figures() -> None:
    assert _figures("Two soldiers and two civilians were killed.") == [
        ("killed", 2, "civilians"), ("killed", 2, "soldiers")
    ]


def test_a_list_stops_at_a_figure_with_its_own_verb() -> None:
    assert _figures("Shelling killed 4 soldiers and 12 civilians were wounded.") == [
        ("killed", 4, "soldiers"), ("wounded", 12, "civilians")
    ]


def test_a_demonym_plural_names_the_victims_and_their_side() -> None:
    claim = _one("At least 12 Palestinians were killed on Monday.")
    assert (_key(claim), claim["victim"], claim["side"]) == (
        ("killed", 12, None, "at_least"), "people", "PSE"
    )
    claim = _one("Twelve Syrians died in the blast.")
    assert (claim["count_low"], claim["side"]) == (12, "SYR")
    claim = _one("The raid killed 3 Afghans.")
    assert (claim["count_low"], claim["victim"], claim["side"]) == (3, "people", "AFG")


def test_a_running_total_over_a_long_period_is_background() -> None:
    claim = _one("The monitor said more than 3000 people have been killed during the past month.")
    assert (_key(claim), claim["time_reference"]) == (
        ("killed", 3001, None, "more_than"),
        "background",
    )
    assert _one("Twelve people were killed in the past 24 hours.")["time_reference"] == "main"


@pytest.mark.parametrize(("text", "reference"), [
    ("The conflict has killed more than 280000 people.", "background"),
    ("Syria's war, which began in March, has killed more than 280000 people.", "background"),
    ("More than 146000 people have died in Syria's three-year war.", "background"),
    ("More than 290000 people have been killed in Syria since the conflict began.", "background"),
    ("A monitor puts the death toll from the six-year conflict at more than 470000.",
     "background"),
    ("It ended five years of conflict in which more than 300000 people have been killed.",
     "background"),
    # The day's figure beside the war: not the war's toll.
    ("A gas attack killed at least 213 people on Wednesday in what would be the worst use of "
     "gas in the two-year-old civil war.", "main"),
    ("The war monitor said an air strike killed 12 people.", "main"),
    ("At least 49 soldiers were killed in border clashes on Tuesday in the deadliest fighting "
     "since a 2020 war.", "main"),
    ("A bloody week in the conflict also saw 33 civilians killed in Aleppo on Thursday.", "main"),
    ("Twelve people were killed in the war-torn province on Monday.", "main"),
    ("Twelve people were killed in the civil war's deadliest attack on Monday.", "main"),
])
def test_a_whole_wars_toll_is_background(text: str, reference: str) -> None:
    assert _one(text)["time_reference"] == reference


def test_a_victim_noun_modifying_the_next_one() -> None:
    claim = _one("At least 40 government and rebel fighters have died in two days of battle.")
    assert _key(claim) == ("killed", 40, None, "at_least")
    assert claim["victim"] == "fighters"


def test_a_place_or_in_total_between_victim_and_verb() -> None:
    assert _key(_one("Some 30 villagers in the province have been killed by floods.")) == (
        "killed", 30, 30, "about"
    )
    assert _key(_one("The agency said 18 people in total had died.")) == ("killed", 18, 18, "exact")


def test_an_estimate_before_the_verb() -> None:
    claim = _one("More than 900 are estimated to have been killed in the quake.")
    assert _key(claim) == ("killed", 901, None, "more_than")


def test_a_victim_noun_before_and_is_the_victim_not_a_modifier() -> None:
    claims = _claims("Rebels killed 17 Chilean soldiers and left three others wounded.")
    assert sorted(_key(claim) for claim in claims) == [
        ("killed", 17, 17, "exact"), ("wounded", 3, 3, "exact")
    ]


def test_a_count_of_some_of_the_victims_is_a_part_of_their_figure() -> None:
    claims = _claims(
        "More than 30 people were wounded in the blast. Eight of the wounded are in critical "
        "condition. The strike killed 40 people, including 25 children."
    )
    assert [(_key(c), c["victim"], c["part_of"]) for c in claims] == [
        (("wounded", 31, None, "more_than"), "people", None),
        (("wounded", 8, 8, "exact"), None, "wounded"),
        (("killed", 40, 40, "exact"), "people", None),
        (("killed", 25, 25, "exact"), "children", "killed"),
    ]


def test_who_the_part_were_and_what_became_of_them() -> None:
    dead = _one("Officials said 11 of the dead were civilians.")
    assert (_key(dead), dead["victim"], dead["part_of"]) == (
        ("killed", 11, 11, "exact"), "civilians", "killed"
    )
    died = _one("Two of the wounded later died in hospital.")
    assert (_key(died), died["part_of"], died["evidence"]) == (
        ("killed", 2, 2, "exact"), "wounded", "Two of the wounded later died"
    )


def test_disaster_outcomes() -> None:
    claims = _claims(
        "Three people drowned when the river burst its banks, and more than 20,000 people were "
        "forced from their homes. Twelve villagers are missing. Authorities evacuated 5,000 "
        "residents, and 14 people were hospitalized."
    )
    assert [(_key(c), c["victim"]) for c in claims] == [
        (("killed", 3, 3, "exact"), "people"),
        (("displaced", 20001, None, "more_than"), "people"),
        (("missing", 12, 12, "exact"), "villagers"),
        (("displaced", 5000, 5000, "exact"), "residents"),
        (("wounded", 14, 14, "exact"), "people"),
    ]


def test_every_part_of_a_listed_subset_is_a_part_of_the_figure() -> None:
    claims = _claims(
        "The strike killed 40 people, including 5 children and 3 women. Clashes wounded 30 "
        "people, among them 4 soldiers, 2 police and 6 civilians."
    )
    assert [(_key(c), c["victim"], c["part_of"]) for c in claims] == [
        (("killed", 40, 40, "exact"), "people", None),
        (("killed", 5, 5, "exact"), "children", "killed"),
        (("killed", 3, 3, "exact"), "women", "killed"),
        (("wounded", 30, 30, "exact"), "people", None),
        (("wounded", 4, 4, "exact"), "soldiers", "wounded"),
        (("wounded", 2, 2, "exact"), "police", "wounded"),
        (("wounded", 6, 6, "exact"), "civilians", "wounded"),
    ]


def test_a_clock_time_is_no_count() -> None:
    assert _claims("He was arrested around 1:30 a.m. on suspicion of drunken driving.") == []
    assert [_key(c) for c in _claims("At 11:30 gunmen killed 12 people.")] == [
        _key(_one("gunmen killed 12 people."))
    ]


def test_a_number_with_a_singular_verb_names_a_thing() -> None:
    assert _claims("The only thing the Curve 8900 is missing is 3G.") == []
    claims = _claims("Twelve soldiers died and one is missing.")
    assert [_key(c) for c in claims] == [("killed", 12, 12, "exact"), ("missing", 1, 1, "exact")]
