"""Every number form news uses becomes the documented interval."""

import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from corroborate.extract.numbers import (
    PhraseFinder,
    alternation,
    numbers_in,
    parse_quantity,
    quantity_source,
)


@pytest.mark.parametrize(
    ("text", "low", "high", "qualifier"),
    [
        ("17", 17, 17, "exact"),
        ("6,500", 6500, 6500, "exact"),
        ("6500", 6500, 6500, "exact"),
        ("6 500", 6500, 6500, "exact"),
        ("1.5 million", 1_500_000, 1_500_000, "exact"),
        ("forty-nine", 49, 49, "exact"),
        ("Thirty Two", 32, 32, "exact"),
        ("one", 1, 1, "exact"),
        ("two", 2, 2, "exact"),
        ("a dozen", 12, 12, "exact"),
        ("three dozen", 36, 36, "exact"),
        ("two hundred and five", 205, 205, "exact"),
        ("a thousand", 1000, 1000, "exact"),
        ("half a dozen", 6, 6, "exact"),
        ("half a million", 500_000, 500_000, "exact"),
        ("a quarter of a million", 250_000, 250_000, "exact"),
        ("three quarters of a million", 750_000, 750_000, "exact"),
        ("more than a quarter of a million", 250_001, None, "more_than"),
        ("dozens", 12, None, "vague"),
        ("scores", 20, None, "vague"),
        ("hundreds", 100, None, "vague"),
        ("thousands", 1000, None, "vague"),
        ("tens of thousands", 10_000, None, "vague"),
        ("between 10 and 15", 10, 15, "range"),
        ("10-15", 10, 15, "range"),
        ("four to six", 4, 6, "range"),
        ("at least 16", 16, None, "at_least"),
        ("At Least 50", 50, None, "at_least"),
        ("no fewer than 8", 8, None, "at_least"),
        ("more than 6,500", 6501, None, "more_than"),
        ("over 300", 301, None, "more_than"),
        ("more than a dozen", 13, None, "more_than"),
        ("about 40", 40, 40, "about"),
        ("around 30,000", 30_000, 30_000, "about"),
        ("some 25", 25, 25, "about"),
        ("roughly 70", 70, 70, "about"),
        ("approximately 90", 90, 90, "about"),
        ("nearly 50", None, 50, "up_to"),
        ("almost 200", None, 200, "up_to"),
        ("up to 12", None, 12, "up_to"),
        ("as many as 80", None, 80, "up_to"),
        ("fewer than 10", None, 9, "up_to"),
    ],
)
def test_quantity_forms(text: str, low: int | None, high: int | None, qualifier: str) -> None:
    quantity = parse_quantity(text)
    assert quantity is not None
    assert (quantity.low, quantity.high, quantity.qualifier) == (low, high, qualifier)


@pytest.mark.parametrize("text", ["soldiers", "2020-19", "a", "killed"])
def test_not_a_quantity(text: str) -> None:
    assert parse_quantity(text) is None


def test_numbers_in_counts_measures_too() -> None:
    assert numbers_in("met four times since May and sent 3,000 troops") == [4, 3000]


@pytest.mark.parametrize(
    "text",
    [
        "17",
        "6,500",
        "forty-nine",
        "a dozen",
        "two hundred and five",
        "a thousand",
        "tens of thousands",
        "between 10 and 15",
        "10-15",
        "four to six",
        "at least 16",
        "more than a dozen",
        "nearly 50",
    ],
)
def test_embeddable_source_matches_what_the_parser_reads(text: str) -> None:
    assert re.fullmatch(quantity_source(), text)


@pytest.mark.parametrize("text", ["between 10", "between 10 - 15", "12 years", "a", "seventy-"])
def test_embeddable_source_rejects(text: str) -> None:
    assert re.fullmatch(quantity_source(), text) is None


_PHRASES = ["said", "says", "killed", "kill", "death toll", "toll", "according to"]


@settings(max_examples=300, deadline=None)
@given(
    st.lists(
        st.sampled_from([*_PHRASES, "skilled", "x", "-", "’", " ", "\n", "2", "é", "_", "İ"])
    ).map("".join)
)
def test_phrase_finder_finds_what_word_boundaries_find(text: str) -> None:
    expected = re.compile(rf"\b(?:{alternation(_PHRASES)})\b")
    assert PhraseFinder(_PHRASES).spans(text) == [m.span() for m in expected.finditer(text)]
