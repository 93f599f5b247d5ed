"""Score casualty claims against a gold file (the rules of its `casualties` and `not_casualties`
sections).

Why: the casualty rules are judged on articles they were not written for; one pure function that
takes plain dicts (gold JSON, `casualty_claims` rows, `documents` rows) serves the tests, the
development driver and `corroborate eval` alike, with no database in the loop.

One reading beyond the gold's letter: the design reads "more than n" as [n+1, NULL], while gold
records the figure as written. A gold item with qualifier more_than and count_low = n, n in its
evidence, is compared as [n+1, NULL] (one that already says n+1 as it stands); a "match": "value"
toll n is also found by a more_than claim [n+1, NULL], which states n.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from corroborate.extract.numbers import numbers_in
from corroborate.extract.sentences import split_sentences

Row = dict[str, Any]


@dataclass
class CasualtyReport:
    gold_items: int = 0  # non-optional items matched on outcome, count, side and country
    found: int = 0
    claims: int = 0  # claims in the scored documents
    false_positives: list[Row] = field(default_factory=list)
    misses: list[Row] = field(default_factory=list)
    side_correct: int = 0
    country_correct: int = 0
    qualifier_correct: int = 0
    victim_correct: int = 0
    matched: int = 0  # found items, optional ones included: the base of the accuracies
    trap_violations: list[tuple[Row, Row]] = field(default_factory=list)
    value_articles: int = 0  # "match": "value" items (gold toll only)
    value_found: int = 0
    value_misses: list[Row] = field(default_factory=list)

    @property
    def recall(self) -> float | None:
        return self.found / self.gold_items if self.gold_items else None

    @property
    def precision(self) -> float | None:
        if not self.claims:
            return None
        return (self.claims - len(self.false_positives)) / self.claims

    @property
    def f1(self) -> float | None:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p and r else None

    @property
    def value_recall(self) -> float | None:
        return self.value_found / self.value_articles if self.value_articles else None

    def accuracy(self, correct: int) -> float | None:
        return correct / self.matched if self.matched else None


def _gold_interval(item: Row) -> tuple[int | None, int | None]:
    low, high = item.get("count_low"), item.get("count_high")
    stated = numbers_in(item.get("evidence", ""))
    if item.get("qualifier") == "more_than" and high is None and low is not None and low in stated:
        return low + 1, None
    return low, high


def _matches(item: Row, claim: Row) -> bool:
    if claim["outcome"] != item["outcome"]:
        return False
    if (claim["count_low"], claim["count_high"]) != _gold_interval(item):
        return False
    if item.get("side") is not None and claim.get("side") != item["side"]:
        return False
    country = item.get("attributed_country")
    return country is None or claim.get("speaker_country") == country


def _value_found(item: Row, claims: Iterable[Row]) -> bool:
    count = item["count_low"]
    return any(
        claim["outcome"] == item["outcome"]
        and count in (claim["count_low"], _stated_low(claim))
        and (claim["count_high"] is None or claim["count_high"] >= count)
        for claim in claims
    )


def _stated_low(claim: Row) -> int | None:
    """The figure as written: "more than 120" is stored as [121, NULL] but states 120."""
    low = claim["count_low"]
    return low - 1 if claim.get("qualifier") == "more_than" and low is not None else low


def sources_of(documents: list[Row]) -> dict[str, list[str]]:
    """doc_id -> the source ids (gold keys) that carried the document; `documents` has a row
    per source."""
    sources: dict[str, list[str]] = defaultdict(list)
    for doc in documents:
        sources[doc["doc_id"]].append(doc["source_id"])
    return sources


def score_casualties(gold: Row, claims: list[Row], documents: list[Row]) -> CasualtyReport:
    """Recall, precision and accuracies of `claims` against `gold` (keys by source_id);
    `documents` has a row per source, so a claim counts for every source of its document."""
    sources = sources_of(documents)
    by_source: dict[str, list[Row]] = defaultdict(list)
    for claim in claims:
        for source in sources.get(claim["doc_id"], [claim["doc_id"]]):
            by_source[source].append(claim)
    report = CasualtyReport()
    items = gold.get("casualties", [])
    full = [item for item in items if item.get("match") != "value"]
    scored = set(gold.get("documents", {})) | {item["doc"] for item in full}
    used: set[int] = set()
    for item in full:
        claim = next(
            (c for c in by_source[item["doc"]] if id(c) not in used and _matches(item, c)), None
        )
        if not item.get("optional"):
            report.gold_items += 1
            if claim is None:
                report.misses.append(item)
            else:
                report.found += 1
        if claim is not None:
            used.add(id(claim))
            _tally(report, item, claim)
    for source in sorted(scored):
        report.claims += len(by_source[source])
        report.false_positives += [c for c in by_source[source] if id(c) not in used]
    for item in items:
        if item.get("match") == "value":
            report.value_articles += 1
            if _value_found(item, by_source[item["doc"]]):
                report.value_found += 1
            else:
                report.value_misses.append(item)
    texts = {doc["source_id"]: doc["text"] for doc in documents}
    for trap in gold.get("not_casualties", []):
        report.trap_violations += [
            (trap, claim)
            for claim in _trap_hits(trap, texts.get(trap["doc"], ""), by_source[trap["doc"]])
        ]
    return report


def _tally(report: CasualtyReport, item: Row, claim: Row) -> None:
    report.matched += 1
    report.side_correct += claim.get("side") == item.get("side")
    report.country_correct += claim.get("speaker_country") == item.get("attributed_country")
    report.qualifier_correct += claim.get("qualifier") == item.get("qualifier")
    report.victim_correct += claim.get("victim") == item.get("victim")


def _trap_hits(trap: Row, text: str, claims: list[Row]) -> list[Row]:
    """Claims inside a sentence containing the trap text whose count is a number of the trap."""
    numbers = set(numbers_in(trap["text"]))
    spans = [(s.start, s.end) for s in split_sentences(text) if trap["text"] in s.text]
    return [
        claim
        for claim in claims
        if any(start <= claim["char_start"] and claim["char_end"] <= end for start, end in spans)
        and ({claim["count_low"], claim["count_high"]} & numbers)
    ]


def _percent(value: float | None) -> str:
    return "n/a" if value is None else f"{value:.3f}"


def format_report(report: CasualtyReport) -> str:
    """A plain-text summary for the terminal."""
    lines = []
    if report.gold_items or report.claims:
        lines += [
            f"casualties: recall {_percent(report.recall)} ({report.found}/{report.gold_items})"
            f"  precision {_percent(report.precision)}"
            f" ({report.claims - len(report.false_positives)}/{report.claims})"
            f"  F1 {_percent(report.f1)}",
            f"  accuracy on {report.matched} matched:"
            f" side {_percent(report.accuracy(report.side_correct))}"
            f"  speaker country {_percent(report.accuracy(report.country_correct))}"
            f"  qualifier {_percent(report.accuracy(report.qualifier_correct))}"
            f"  victim {_percent(report.accuracy(report.victim_correct))}",
        ]
        lines += [
            f"  miss: {item['doc']} {item['outcome']} {item.get('evidence', '')!r}"
            for item in report.misses
        ]
        lines += [
            f"  false positive: {c['doc_id']} {c['outcome']} [{c['count_low']}, {c['count_high']}]"
            f" {c['evidence']!r}"
            for c in report.false_positives
        ]
    if report.value_articles:
        lines.append(
            f"gold toll found as a killed claim: {_percent(report.value_recall)}"
            f" ({report.value_found}/{report.value_articles} articles)"
        )
        lines += [
            f"  toll missed: {item['doc']} {item['count_low']} ({item.get('note', '')})"
            for item in report.value_misses
        ]
    lines.append(f"not_casualties violations: {len(report.trap_violations)}")
    lines += [
        f"  trap {trap['text']!r}: {claim['evidence']!r}" for trap, claim in report.trap_violations
    ]
    return "\n".join(lines)
