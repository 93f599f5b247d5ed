"""Attribution gold (PolNeAR format): claimers in `statements` against gold sources."""

from corroborate.evaluation.attribution import (
    AttributionReport,
    Statement,
    carry_span,
    content_words,
    format_attribution,
    is_attribution_gold,
    offset_map,
    score_attribution,
    statements_by_source,
)
from corroborate.evaluation.labels import is_label_gold

# The gold text, as annotated: a leading blank line and doubled spaces the ingest normalises.
ORIGINAL = (
    "\n  Mayor Lena Ortiz said  the bridge would reopen in May.\n\n"
    "She added that tolls would stay. The harbour board disputed the date."
)
STORED = " ".join(ORIGINAL.split())


def _span(text: str, part: str) -> list:
    start = text.index(part)
    return [start, start + len(part), part]


def _attribution(source: str, cue: str, content: str) -> dict:
    return {"Source": _span(ORIGINAL, source), "Cue": _span(ORIGINAL, cue),
            "Content": _span(ORIGINAL, content)}


GOLD = {
    "doc-1": {
        "text": ORIGINAL,
        "attributions": [
            _attribution("Mayor Lena Ortiz", "said", "the bridge would reopen in May"),
            _attribution("She", "added", "that tolls would stay"),  # a bare pronoun: not counted
            _attribution("The harbour board", "disputed", "the date"),
        ],
    }
}


def _stated(speaker: str, part: str) -> Statement:
    start = STORED.index(part)
    return Statement(speaker, start, start + len(part))


def _row(doc_id: str, speaker: str | None, part: str) -> tuple:
    start = STORED.index(part)
    return (doc_id, speaker, start, start + len(part))


def test_content_words_drop_pronouns_and_function_words():
    assert content_words("The Mayor's office") == {"mayor's", "office"}
    assert content_words("Ortiz’s aides said") == {"ortiz’s", "aides"}
    assert content_words("she") == frozenset()
    assert content_words("They") == frozenset()


def test_offsets_cross_normalised_spacing():
    mapping = offset_map(STORED, ORIGINAL)
    part = "bridge would reopen"
    start = STORED.index(part)
    assert carry_span(mapping, start, start + len(part)) == tuple(_span(ORIGINAL, part)[:2])
    assert carry_span(mapping, start, start) is None


def test_span_overlapping_content_with_a_shared_word_matches():
    statements = {"doc-1": [_stated("Lena Ortiz", "bridge would reopen")]}
    report = score_attribution(GOLD, {"doc-1": STORED}, statements)
    assert report == AttributionReport(2, 1, 1, 1)
    assert (report.precision, report.recall) == (1.0, 0.5)


def test_span_overlapping_only_the_cue_matches():
    statements = {"doc-1": [_stated("harbour board", "board disputed")]}
    report = score_attribution(GOLD, {"doc-1": STORED}, statements)
    assert (report.matched_attributions, report.matched_statements) == (1, 1)


def test_no_match_without_overlap_or_without_a_shared_word():
    statements = {"doc-1": [
        _stated("Lena Ortiz", "the date"),  # Ortiz's words are elsewhere
        _stated("the city council", "bridge would reopen"),  # right span, wrong claimer
    ]}
    report = score_attribution(GOLD, {"doc-1": STORED}, statements)
    assert report == AttributionReport(2, 2, 0, 0)
    assert report.f1 == 0.0


def test_pronoun_sources_are_not_counted_and_cannot_be_matched():
    statements = {"doc-1": [_stated("she", "tolls would stay")]}
    report = score_attribution(GOLD, {"doc-1": STORED}, statements)
    assert report == AttributionReport(2, 1, 0, 0)


def test_each_statement_and_each_attribution_counts_once():
    statements = {"doc-1": [
        _stated("Mayor Ortiz", "reopen in May"),
        _stated("Lena Ortiz", "Ortiz said"),
        _stated("Ortiz and the harbour board", "in May. She added that tolls would stay. The"
                " harbour board disputed"),
    ]}
    report = score_attribution(GOLD, {"doc-1": STORED}, statements)
    # All three match Ortiz, the third the board as well: each attribution and each
    # statement is one hit, however many matches it has.
    assert report == AttributionReport(2, 3, 2, 3)


def test_precision_is_over_statements_with_a_speaker_in_gold_documents():
    documents = [("d1", "doc-1"), ("d2", "doc-elsewhere")]
    rows = [
        _row("d1", "Lena Ortiz", "bridge would reopen"),
        _row("d1", None, "tolls would stay"),  # no speaker: not a claim to score
        _row("d1", "a spokesman", "the date"),  # a speaker that matches nothing
        _row("d2", "Lena Ortiz", "Mayor"),  # a document the gold does not hold
        _row("d9", "Lena Ortiz", "Mayor"),  # a document the warehouse does not list
    ]
    statements = statements_by_source(documents, rows)
    assert sorted(statements) == ["doc-1", "doc-elsewhere"]
    report = score_attribution(GOLD, {"doc-1": STORED}, statements)
    assert report == AttributionReport(2, 2, 1, 1)
    assert report.precision == 0.5


def test_statements_of_a_document_without_text_still_count():
    statements = {"doc-1": [_stated("Lena Ortiz", "bridge would reopen")]}
    assert score_attribution(GOLD, {}, statements) == AttributionReport(2, 1, 0, 0)


def test_format_and_detection():
    line = format_attribution(AttributionReport(4, 2, 1, 1))
    assert line == (
        "attribution: claimer P=0.500 R=0.250 F1=0.333 "
        "(4 gold attributions with a named source, 2 statements with a speaker)"
    )
    assert is_attribution_gold(GOLD) and not is_label_gold(GOLD)
    assert not is_attribution_gold({"doc-1": "12ecb"})
    assert not is_attribution_gold({"casualties": [], "documents": {}})
    assert not is_attribution_gold({})
