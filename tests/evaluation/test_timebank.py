"""The TimeML loader and the TempEval-3-style scorer, on a tiny hand-made document."""

from __future__ import annotations

from pathlib import Path

from corroborate.evaluation.timebank import (
    TimebankReport,
    evaluate_timebank,
    format_report,
    load_tml,
)

TML = (
    '<?xml version="1.0" ?>\n<TimeML>\n<DOCID>X1</DOCID>\n'
    '<DCT><TIMEX3 tid="t0" type="DATE" value="1998-01-08" functionInDocument="CREATION_TIME">'
    "19980108</TIMEX3></DCT>\n<TEXT>\n"
    'Stocks <EVENT eid="e1" class="OCCURRENCE">fell</EVENT> '
    '<TIMEX3 tid="t1" type="DATE" value="1998-01-07">yesterday</TIMEX3> after '
    '<TIMEX3 tid="t2" type="DURATION" value="P2W">two weeks</TIMEX3> of gains, and on '
    '<TIMEX3 tid="t3" type="DATE" value="1998-01-09">Friday</TIMEX3> more.\n'
    "</TEXT>\n</TimeML>\n"
)


def write(tmp_path: Path) -> Path:
    (tmp_path / "X1.tml").write_text(TML, encoding="utf-8")
    return tmp_path


def test_load_tml_strips_tags_and_keeps_offsets(tmp_path: Path) -> None:
    doc = load_tml(write(tmp_path) / "X1.tml")
    assert doc.dct == "1998-01-08"
    assert [t.text for t in doc.timexes] == ["yesterday", "two weeks", "Friday"]
    for timex in doc.timexes:
        assert doc.text[timex.start : timex.end] == timex.text
    assert "<" not in doc.text


def test_evaluate_scores_strict_relaxed_value_and_type(tmp_path: Path) -> None:
    report = evaluate_timebank(write(tmp_path))
    assert (report.gold, report.relaxed_matches, report.strict_matches) == (3, 3, 3)
    assert report.type_accuracy == 1.0
    # "Friday" in a past-tense sentence is the Friday before the DCT: the gold says after
    assert report.value_correct == 2
    text = format_report(report, "tiny", errors=3)
    assert "relaxed P=1.000 R=1.000 F1=1.000" in text


def test_empty_report_is_zero_not_an_error() -> None:
    report = TimebankReport()
    assert report.relaxed == (0.0, 0.0, 0.0) and report.value_accuracy == 0.0


def test_each_text_is_dated_again_with_its_dct_withheld(tmp_path: Path) -> None:
    dated = TML.replace("X1", "X2").replace("1998-01-08", "1999-02-10").replace(
        "<TEXT>\n", "<TEXT>\nBRUSSELS, February 10 (Xinhua) --\n\nAn official said on Wednesday "
        "that three states, which applied in 1997, will join. "
    )
    (write(tmp_path) / "X2.tml").write_text(dated, encoding="utf-8")
    report = evaluate_timebank(tmp_path)
    # X1 says nothing of its own date; X2's dateline and its Wednesday give 10 February 1999.
    assert (report.dct_withheld["unknown"], report.dct_withheld["exact"]) == (1, 1)
    assert "DCT withheld, dates: exact=1" in format_report(report, "tiny")
