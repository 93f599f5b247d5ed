"""The casualty scorer follows the gold format's `casualties` and `not_casualties` rules."""

from corroborate.evaluation.casualties import format_report, score_casualties

TEXT = "Floods killed 12 people. Officials met three times. Rebels said 4 soldiers died."
DOCS = [
    {"doc_id": "d1", "source_id": "a.txt", "text": TEXT},
    {"doc_id": "d2", "source_id": "b.txt", "text": "x"},
]


def _claim(doc_id: str, outcome: str, low: int | None, high: int | None, **extra: object) -> dict:
    row = {
        "doc_id": doc_id,
        "outcome": outcome,
        "count_low": low,
        "count_high": high,
        "qualifier": "exact",
        "side": None,
        "victim": None,
        "speaker_country": None,
        "char_start": 0,
        "char_end": 1,
        "evidence": TEXT[0],
    }
    return row | extra


GOLD = {
    "documents": {"a.txt": {}, "b.txt": {}},
    "casualties": [
        {
            "doc": "a.txt",
            "outcome": "killed",
            "count_low": 12,
            "count_high": 12,
            "qualifier": "exact",
            "side": None,
            "victim": "people",
            "attributed_country": None,
        },
        {
            "doc": "a.txt",
            "outcome": "killed",
            "count_low": 4,
            "count_high": 4,
            "qualifier": "exact",
            "side": "COL",
            "victim": "soldiers",
            "attributed_country": "COL",
        },
        {
            "doc": "a.txt",
            "outcome": "wounded",
            "count_low": 1000,
            "count_high": None,
            "qualifier": "vague",
            "side": None,
            "victim": None,
            "attributed_country": None,
            "optional": True,
        },
    ],
    "not_casualties": [{"doc": "a.txt", "text": "met three times"}],
}


def test_recall_precision_and_accuracies() -> None:
    claims = [
        _claim("d1", "killed", 12, 12, victim="people"),
        _claim("d1", "killed", 4, 4, side="COL", speaker_country="COL", qualifier="about"),
        _claim("d1", "wounded", 1000, None),  # matches the optional item: not a false positive
        _claim("d2", "missing", 3, 3),  # a scored document without gold: a false positive
    ]
    report = score_casualties(GOLD, claims, DOCS)
    assert (report.found, report.gold_items, report.recall) == (2, 2, 1.0)
    assert report.claims == 4 and len(report.false_positives) == 1
    assert report.precision == 0.75
    assert report.accuracy(report.qualifier_correct) == 1 / 3
    assert "recall 1.000" in format_report(report)


def test_side_and_country_must_match_where_gold_gives_them() -> None:
    claims = [_claim("d1", "killed", 12, 12), _claim("d1", "killed", 4, 4, side="PER")]
    report = score_casualties(GOLD, claims, DOCS)
    assert report.found == 1 and len(report.misses) == 1 and len(report.false_positives) == 1


def test_more_than_gold_written_as_stated() -> None:
    gold = {
        "casualties": [
            {
                "doc": "a.txt",
                "outcome": "killed",
                "count_low": 6500,
                "count_high": None,
                "qualifier": "more_than",
                "evidence": "more than 6,500 dead",
            }
        ]
    }
    assert score_casualties(gold, [_claim("d1", "killed", 6501, None)], DOCS).found == 1


def test_trap_fires_only_inside_its_sentence_with_its_number() -> None:
    start = TEXT.index("three")
    inside = _claim("d1", "killed", 3, 3, char_start=start, char_end=start + 5)
    elsewhere = _claim("d1", "killed", 3, 3, char_start=0, char_end=6)
    report = score_casualties(GOLD, [inside, elsewhere], DOCS)
    assert [claim is inside for _, claim in report.trap_violations] == [True]


def test_value_gold_is_recall_only() -> None:
    gold = {
        "casualties": [
            {
                "doc": "a.txt",
                "outcome": "killed",
                "count_low": 12,
                "count_high": 12,
                "match": "value",
            },
            {
                "doc": "b.txt",
                "outcome": "killed",
                "count_low": 5,
                "count_high": 5,
                "match": "value",
            },
        ]
    }
    claims = [_claim("d1", "killed", 12, None), _claim("d2", "killed", 4, 5)]
    report = score_casualties(gold, claims, DOCS)
    assert (report.value_found, report.value_articles) == (1, 2)
    assert report.claims == 0 and report.precision is None
    assert "1/2 articles" in format_report(report)


def test_an_article_that_arrived_twice_is_scored_under_both_records() -> None:
    # Two records with one text are one document; the gold names each record.
    documents = [*DOCS, {"doc_id": "d1", "source_id": "copy-of-a", "text": TEXT}]
    gold = {
        "casualties": [
            {"doc": source, "outcome": "killed", "count_low": 12, "count_high": 12,
             "match": "value"}
            for source in ("a.txt", "copy-of-a")
        ]
    }
    report = score_casualties(gold, [_claim("d1", "killed", 12, 12)], documents)
    assert (report.value_found, report.value_articles) == (2, 2)
    assert "toll missed" not in format_report(report)
