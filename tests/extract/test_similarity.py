
from corroborate.extract.similarity import BINS, EMPTY, estimated_jaccard, minhash, shingle_hashes

TEXT = (
    "Shelling hit the eastern districts of the provincial capital overnight, killing twelve "
    "people and wounding dozens more, the civil defence service said on Tuesday. "
) * 8


def test_signature_shape_and_determinism():
    signature = minhash(TEXT)
    assert len(signature) == BINS
    assert signature == minhash(TEXT)
    assert all(value == EMPTY or 0 <= value < 2**58 for value in signature)


def test_case_and_punctuation_do_not_matter():
    assert minhash(TEXT) == minhash(TEXT.upper().replace(",", " ;"))


def test_near_copy_scores_high_and_other_text_low():
    other = "A completely different story about harvests, weather and grain prices in spring."
    copy = TEXT.replace("on Tuesday", "on Tuesday morning", 1)
    assert estimated_jaccard(minhash(TEXT), minhash(copy)) > 0.7
    assert estimated_jaccard(minhash(TEXT), minhash(other * 5)) < 0.1


def test_short_texts_have_empty_bins():
    assert minhash("two words") == [EMPTY] * BINS
    assert shingle_hashes("one two three").size == 1
