"""TimeBank / AQUAINT (TempEval-3 TBAQ) loader and a TempEval-3-style temporal-expression scorer.

Why: the time tagger is written for the seed articles' war reports but must hold on news it was
not written for. TimeBank 1.2 and AQUAINT are the standard TimeML corpora (TempEval-3 training
release); scoring on them the way TempEval-3 does (strict and relaxed span match, then value and
type accuracy on the relaxed matches) makes our numbers comparable with HeidelTime's.

Their creation times also test the publication dating: each text is dated again with its DCT
withheld, and scored as the day-per-document gold is (exact, one day off, right at a coarser
precision, unknown, wrong): news of 1989 to 2000 that none of our rules were written on.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from collections import Counter
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

from corroborate.evaluation.labels import DAY_OUTCOMES, format_days, score_days
from corroborate.extract.records import Publication, TimeExpression
from corroborate.extract.sentences import split_sentences
from corroborate.extract.times import infer_publication, tag_time_expressions

_SPACES = re.compile(r"\s+")


@dataclass(frozen=True)
class GoldTimex:
    start: int
    end: int
    text: str
    type: str
    value: str


@dataclass(frozen=True)
class TimebankDoc:
    doc_id: str
    dct: str  # the CREATION_TIME value, e.g. "1998-01-08"
    text: str  # the <TEXT> element with all markup stripped
    timexes: tuple[GoldTimex, ...]


def load_tml(path: Path) -> TimebankDoc:
    """Plain text of <TEXT> with gold TIMEX3 offsets into it, and the document creation time."""
    root = ET.parse(path).getroot()
    dct_node = root.find("DCT/TIMEX3")
    dct = dct_node.get("value", "") if dct_node is not None else ""
    text_node = root.find("TEXT")
    parts: list[str] = []
    timexes: list[GoldTimex] = []

    def walk(node: ET.Element) -> None:
        if node.text:
            parts.append(node.text)
        for child in node:
            start = sum(map(len, parts))
            walk(child)
            if child.tag == "TIMEX3":
                end = sum(map(len, parts))
                timexes.append(
                    GoldTimex(start, end, "".join(parts)[start:end], child.get("type", ""),
                              child.get("value", ""))
                )
            if child.tail:
                parts.append(child.tail)

    if text_node is not None:
        walk(text_node)
    return TimebankDoc(path.stem, dct, "".join(parts), tuple(timexes))


def iter_corpus(root: Path) -> Iterator[TimebankDoc]:
    for path in sorted(root.rglob("*.tml")):
        yield load_tml(path)


def publication_from_dct(dct: str) -> Publication:
    """The gold DCT as metadata at day precision (TimeBank DCTs are dates, some with a clock)."""
    day = datetime.strptime(dct[:10], "%Y-%m-%d").replace(tzinfo=UTC)
    return {"published_at": day, "published_precision": "day", "published_basis": "metadata"}


@dataclass
class TimebankReport:
    documents: int = 0
    gold: int = 0
    system: int = 0
    strict_matches: int = 0
    relaxed_matches: int = 0
    value_correct: int = 0
    type_correct: int = 0
    value_errors: Counter[tuple[str, str, str]] = field(default_factory=Counter)
    missed: Counter[str] = field(default_factory=Counter)
    spurious: Counter[str] = field(default_factory=Counter)
    dct_withheld: dict[str, int] = field(default_factory=lambda: dict.fromkeys(DAY_OUTCOMES, 0))

    def _prf(self, matches: int) -> tuple[float, float, float]:
        precision = matches / self.system if self.system else 0.0
        recall = matches / self.gold if self.gold else 0.0
        f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
        return precision, recall, f1

    @property
    def strict(self) -> tuple[float, float, float]:
        return self._prf(self.strict_matches)

    @property
    def relaxed(self) -> tuple[float, float, float]:
        return self._prf(self.relaxed_matches)

    @property
    def value_accuracy(self) -> float:
        return self.value_correct / self.relaxed_matches if self.relaxed_matches else 0.0

    @property
    def type_accuracy(self) -> float:
        return self.type_correct / self.relaxed_matches if self.relaxed_matches else 0.0

    @property
    def value_f1(self) -> float:
        """TempEval-3's value F1: relaxed F1 scaled by value accuracy."""
        return self.relaxed[2] * self.value_accuracy


def score_document(
    report: TimebankReport, doc: TimebankDoc, system: Sequence[TimeExpression]
) -> None:
    """Add one document's matches to `report`: a gold span matches at most one system span."""
    report.documents += 1
    report.gold += len(doc.timexes)
    report.system += len(system)
    used: set[int] = set()
    for gold in doc.timexes:
        best = None
        for index, expr in enumerate(system):
            if index in used or expr["char_end"] <= gold.start or expr["char_start"] >= gold.end:
                continue
            exact = expr["char_start"] == gold.start and expr["char_end"] == gold.end
            if best is None or exact:
                best = (index, exact)
            if exact:
                break
        if best is None:
            report.missed[gold.text.lower()] += 1
            continue
        index, exact = best
        used.add(index)
        expr = system[index]
        report.relaxed_matches += 1
        report.strict_matches += exact
        report.type_correct += expr["type"] == gold.type
        if expr["value"] == gold.value:
            report.value_correct += 1
        else:
            report.value_errors[(gold.text, gold.value, expr["value"])] += 1
    for index, expr in enumerate(system):
        if index not in used:
            report.spurious[expr["text"].lower()] += 1


def evaluate_timebank(root: Path) -> TimebankReport:
    """Tag every .tml under `root` with its gold DCT and score against its gold TIMEX3s; date
    each text again without its DCT and score that against the DCT."""
    report = TimebankReport()
    days, inferred = {}, {}
    for doc in iter_corpus(root):
        sentences = split_sentences(doc.text)
        system = tag_time_expressions(
            doc.doc_id, doc.text, sentences, publication_from_dct(doc.dct)
        )
        score_document(report, doc, system)
        withheld = infer_publication(doc.text, sentences, None)
        days[doc.doc_id] = doc.dct[:10]
        inferred[doc.doc_id] = (withheld["published_at"], withheld["published_precision"])
    report.dct_withheld = score_days(days, inferred)
    return report


def format_report(report: TimebankReport, name: str = "", errors: int = 0) -> str:
    """A short table of the TempEval-3 measures; with `errors`, the most common failures."""
    lines = [
        f"{name} documents={report.documents} gold={report.gold} system={report.system}",
        "strict  P={:.3f} R={:.3f} F1={:.3f}".format(*report.strict),
        "relaxed P={:.3f} R={:.3f} F1={:.3f}".format(*report.relaxed),
        f"value accuracy={report.value_accuracy:.3f} type accuracy={report.type_accuracy:.3f} "
        f"value F1={report.value_f1:.3f}",
        "DCT withheld, " + format_days(report.dct_withheld),
    ]
    if errors:
        lines.append("missed: " + _top(report.missed, errors))
        lines.append("spurious: " + _top(report.spurious, errors))
        lines.extend(
            f"  value {text!r}: gold {gold} got {got} x{count}"
            for (text, gold, got), count in report.value_errors.most_common(errors)
        )
    return "\n".join(lines)


def _top(counter: Counter[str], n: int) -> str:
    return ", ".join(f"{_SPACES.sub(' ', k)!r}x{v}" for k, v in counter.most_common(n))
