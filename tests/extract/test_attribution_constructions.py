"""Each way news attributes, in a sentence written for the test: every speaker a sentence
reports, as the sentence names it."""

from __future__ import annotations

import pytest

from corroborate.extract.sentences import split_sentences
from corroborate.extract.speakers import sentence_attributions

OPENING = "Rain fell all week. "  # so the sentence under test is not the text's first line

CONSTRUCTIONS = {
    "thought": ("The governor believes the dam will hold.", ["governor"]),
    "intent": ("The mayor plans to reopen the schools on Monday.", ["mayor"]),
    "nested": ("The ministry said a commander told it that the bridge fell.",
               ["ministry", "commander"]),
    "appositive": ("Ann Lee, the mayor of the town, said the water was rising.", ["Ann Lee"]),
    "parenthesis": ("The relief agency (which runs three camps) said food was short.",
                    ["relief agency"]),
    "participle": ("The army said the road was closed, adding that two bridges were down.",
                   ["army"]),
    "transcript label": ("LEE: We will rebuild the school.", ["LEE"]),
    "transcript label inside a quote": ('"LEE: We will rebuild the school.', ["LEE"]),
    "two appositives": (
        "Ann Lee, the mayor of Lima, a city of ten million, said the water was rising.",
        ["Ann Lee"]),
    "an aside after a place is no appositive": (
        "In Lima, the mayor of the city, a former engineer, said the water was rising.",
        ["mayor of the city"]),
    "dash-signed quote": ("“We will not leave our homes.” — Maria Ortiz, a farmer.",
                          ["Maria Ortiz"]),
    "according to, closing the sentence": (
        "Troops crossed the river overnight, according to the regional governor.",
        ["regional governor"]),
    "quote, then an inverted verb closing the sentence": (
        "“The fire is contained,” said the fire chief.", ["fire chief"]),
    "quote around the reporting clause": (
        "“The fire,” the fire chief said, “is contained now.”", ["fire chief"]),
    "two subjects joined by and": ("The police and the coroner said three bodies were found.",
                                   ["police", "coroner"]),
    "a speaker noun with its complement": (
        "Later, attorneys for the family said the video was incomplete.",
        ["attorneys for the family"]),
    "an adjunct between subject and verb": (
        "The senator on Twitter called for calm.", ["senator"]),
    "a weekday between subject and verb": (
        "Ruritania on Tuesday appealed to its allies, citing an attack.", ["Ruritania"]),
    "a name whose last word is also a modal": (
        "Prime Minister Rosa May said this week that talks would resume.", ["Rosa May"]),
    "a participle after the subject": (
        "The latest opinion poll released Friday shows that the mayor leads.",
        ["latest opinion poll"]),
    "records speak": ("Video of the crash shows him braking hard.", ["Video of the crash"]),
    "according to a possessive phrase": (
        "The family saw the footage, according to their attorneys.", ["their attorneys"]),
    "no speaker in the outlet's own voice": ("The water rose by two metres overnight.", []),
    "a date names no speaker": ("In August, the storm claimed forty lives.", []),
    "a date before the speaker, its comma lost": (
        "The convoy was hit on Wednesday the Ruritanian government's official news agency said.",
        ["Ruritanian government's official news agency"]),
    "a dateline before the speaker, its commas lost": (
        "March 4 2019 The relief agency said food was short.", ["relief agency"]),
    "a month may be a given name": ("June Okafor said the road was closed.", ["June Okafor"]),
    "so-called is no reporting verb": ("The so-called report of the committee was thin.", []),
    "a name after a comma and 'called' names the noun": (
        "One of the new computers, called Sparcstation 1, sold well.", []),
    "a subject, an adjunct and 'called' still speak": (
        "The ministry, in a statement, called the reports nonsense.", ["ministry"]),
}


@pytest.mark.parametrize("construction", CONSTRUCTIONS)
def test_construction(construction: str) -> None:
    sentence, expected = CONSTRUCTIONS[construction]
    text = OPENING + sentence
    found = sentence_attributions(text, split_sentences(text))
    assert [text[a.char_start : a.char_end] for each in found for a in each] == expected


def test_a_pronoun_takes_the_nearest_speaker_it_fits() -> None:
    text = (
        "The Chilean navy said a ship had sunk. Ann Lee, a senator, said help was coming. "
        "She said the crew was safe. It said the search would go on."
    )
    found = sentence_attributions(text, split_sentences(text))
    assert [(a.speaker, a.kind) for each in found[2:] for a in each] == [
        ("Ann Lee", "pronoun"), ("Chilean navy", "pronoun")
    ]


@pytest.mark.parametrize("sentence", [
    "Rosa Quispe, Peru's prime minister, said the border was calm.",
    "“The border is calm,” said Rosa Quispe, the Peruvian foreign minister.",
])
def test_an_appositive_gives_a_person_office_and_country(sentence: str) -> None:
    text = OPENING + sentence
    [[found]] = [each for each in sentence_attributions(text, split_sentences(text)) if each]
    assert (found.speaker, found.country, found.is_person) == ("Rosa Quispe", "PER", True)


def test_he_or_she_finds_a_titled_person_the_text_names_without_quoting() -> None:
    text = "Chilean President Rosa Quispe toured the dam on Monday. He said it would hold."
    [(), (found,)] = sentence_attributions(text, split_sentences(text))
    assert (found.speaker, found.country, found.kind) == ("Rosa Quispe", "CHL", "pronoun")


@pytest.mark.parametrize(("role", "body"), [
    ("The spokesman added", "Peruvian defence ministry"),
    ("A spokesman added", "spokesman"),  # "a spokesman" may speak for anyone
])
def test_the_spokesman_speaks_for_the_last_institution_quoted(role: str, body: str) -> None:
    text = f"The Peruvian defence ministry said the border was calm. {role} that troops were ready."
    found = sentence_attributions(text, split_sentences(text))
    assert found[1][0].speaker == body
