"""Speakers from the grammar of reporting, with carry-over and the speaker's country."""

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from corroborate.extract.sentences import split_sentences
from corroborate.extract.speakers import attribute_sentences


def _speakers(text: str) -> list[tuple[str, str | None] | None]:
    sentences = split_sentences(text)
    return [(a.speaker, a.country) if a else None for a in attribute_sentences(text, sentences)]


def test_subject_verb_with_fillers() -> None:
    assert _speakers("Peru's interior ministry on Friday said the road was closed.") == [
        ("Peru's interior ministry", "PER")
    ]


def test_quote_then_source() -> None:
    text = '"We will respond," the Kenyan Defence Ministry said in a statement.'
    assert _speakers(text) == [("Kenyan Defence Ministry", "KEN")]


def test_inverted_source_and_title_stripped() -> None:
    text = '"The border is calm," said Mongolian Foreign Minister Batmunkh Tserendorj.'
    assert _speakers(text) == [("Batmunkh Tserendorj", "MNG")]


def test_according_to() -> None:
    assert _speakers("According to the Chadian army, the town fell.") == [("Chadian army", "TCD")]


def test_capital_and_seat_of_government() -> None:
    assert _speakers("Ottawa has also said it will help.") == [("Ottawa", "CAN")]
    assert _speakers("The Kremlin said talks had stalled.") == [("Kremlin", "RUS")]


@pytest.mark.parametrize(("text", "speaker"), [
    # A text that lost its commas: the subject opens at "the" after another word.
    ("Air strikes killed 24 people the Syrian Observatory for Human Rights said.",
     "Syrian Observatory for Human Rights"),
    ("Shelling hit Aleppo Saturday the observatory said.", "observatory"),
    # A name with its title after it is one phrase; so is a place after a preposition.
    ("Jan Egeland the UN special envoy said the convoy was stopped.",
     "Jan Egeland the UN special envoy"),
    ("A man outside the store said he heard shots.", "man outside the store"),
])
def test_a_subject_opens_at_the_after_another_word(text: str, speaker: str) -> None:
    assert _speakers(text)[0][0] == speaker


def test_pronoun_and_ministry_refer_back() -> None:
    text = (
        "The Malian Defence Ministry said fighting began at dawn. "
        "The weather was poor. "
        "It added that the convoy was safe. "
        "The ministry noted that roads were cut."
    )
    assert _speakers(text) == [
        ("Malian Defence Ministry", "MLI"),
        None,
        ("Malian Defence Ministry", "MLI"),
        ("Malian Defence Ministry", "MLI"),
    ]


def test_person_keeps_nationality_from_earlier_mention() -> None:
    text = (
        "Nepalese Prime Minister Arjun Thapa visited the area. Thapa said the rescue would go on."
    )
    assert _speakers(text) == [None, ("Thapa", "NPL")]


def test_outlet_voice_and_possessive_noun() -> None:
    text = "Floods hit the valley. Villagers heard Chile's claims of sabotage."
    assert _speakers(text) == [None, None]


def test_who_accuses_or_denies_speaks() -> None:
    text = "Officials rejected Chile's claims of sabotage. Lima accused Quito of lying."
    assert _speakers(text) == [("Officials", None), ("Lima", "PER")]


def test_multi_sentence_quote_takes_closing_speaker() -> None:
    text = '"The enemy fired first. We answered," the Ghanaian army said.'
    assert _speakers(text) == [("Ghanaian army", "GHA"), ("Ghanaian army", "GHA")]


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("aA1 .,\"“”'’-\nsaid it the Ministry"))) | st.text())
def test_never_raises_and_spans_are_in_text(text: str) -> None:
    sentences = split_sentences(text)
    attributions = attribute_sentences(text, sentences)
    assert len(attributions) == len(sentences)
    for attribution in attributions:
        if attribution is not None:
            assert 0 <= attribution.char_start <= attribution.char_end <= len(text)


def test_it_refers_back_past_a_person_and_he_past_an_institution() -> None:
    text = (
        "The Malian Defence Ministry said fighting began at dawn. "
        "Malian Prime Minister Awa Keita said the army held the town. "
        "It added that the convoy was safe. "
        "He said talks would resume."
    )
    assert _speakers(text) == [
        ("Malian Defence Ministry", "MLI"),
        ("Awa Keita", "MLI"),
        ("Malian Defence Ministry", "MLI"),
        ("Awa Keita", "MLI"),
    ]
