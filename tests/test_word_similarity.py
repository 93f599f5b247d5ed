"""The word cosine of candidate pairs, against the dot products written out."""

from __future__ import annotations

import numpy as np
import pytest

from corroborate.word_similarity import word_similarities

# Three documents' words (id: weight in millionths); the third shares none with the first.
DOCUMENTS = [{1: 600_000, 4: 800_000}, {4: 1_000_000}, {2: 1_000_000}]


def _columns(documents):
    offsets = np.cumsum([0, *map(len, documents)])
    word_ids = [word for words in documents for word in sorted(words)]
    weights = [words[word] for words in documents for word in sorted(words)]
    return offsets, word_ids, weights


def test_each_pair_is_the_dot_product_of_its_two_vectors_in_any_order():
    lefts, rights = [0, 1, 0, 0, 2], [1, 2, 2, 0, 2]
    expected = [
        sum(weight * DOCUMENTS[right].get(word, 0) for word, weight in DOCUMENTS[left].items())
        / 1e12
        for left, right in zip(lefts, rights, strict=True)
    ]
    assert word_similarities(*_columns(DOCUMENTS), lefts, rights).tolist() == pytest.approx(
        expected, abs=0
    )
    assert expected == [0.8, 0.0, 0.0, 1.0, 1.0]


def test_no_pairs_and_no_words_give_no_similarities():
    assert word_similarities([0, 0], [], [], [], []).tolist() == []
    assert word_similarities([0, 0, 0], [], [], [0], [1]).tolist() == [0.0]
