"""Gold files with one label per document: B-cubed over incidents, and publication days."""

from datetime import UTC, datetime

from corroborate.evaluation.labels import is_day_gold, is_label_gold, score_days, score_groups


def test_bcubed_of_a_split_and_a_merge():
    gold = {"a": "e1", "b": "e1", "c": "e2", "d": "e3"}
    predicted = {"a": "i1", "b": "i2", "c": "i3", "d": "i3"}
    report = score_groups(gold, predicted)
    # a, b: precision 1, recall 1/2; c, d: precision 1/2, recall 1.
    assert (report.precision, report.recall) == (0.75, 0.75)
    assert round(report.f1, 3) == 0.75


def test_documents_without_an_incident_each_stand_alone():
    report = score_groups({"a": "e1", "b": "e1"}, {"a": None, "b": None})
    assert (report.precision, report.recall) == (1.0, 0.5)


def test_days_are_exact_one_off_coarse_unknown_or_wrong():
    def at(text):
        return datetime.fromisoformat(text).replace(tzinfo=UTC)

    gold = {"a": "2013-05-02", "b": "2013-05-02", "c": "2013-05-02", "d": "2013-05-02",
            "e": "2013-05-02", "f": "2013-05-02"}
    published = {"a": (at("2013-05-02"), "day"), "b": (at("2013-05-03"), "minute"),
                 "c": (at("2013-05-01"), "month"), "d": (None, None),
                 "e": (at("2014-01-01"), "year"), "f": (at("2013-05-09"), "day")}
    assert score_days(gold, published) == {
        "exact": 1, "one_day_off": 1, "right_coarse": 1, "unknown": 1, "wrong": 2}


def test_formats_are_told_apart():
    assert is_label_gold({"a": "12ecb"}) and not is_day_gold({"a": "12ecb"})
    assert is_day_gold({"a": "2013-05-02"})
    assert not is_label_gold({"documents": {"a": {"incident": "x"}}})
