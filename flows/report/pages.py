"""What each page of the report shows, assembled from the marts' rows.

A big incident (facts by the hundreds) is split over several pages rather than cut: every
fact, timeline row, contradiction and evidence sentence is on one of them, and each page stays
small enough to open at once (well under 2 MB).
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from typing import Any

from flows.report.chart import Chart, timeline_chart
from flows.report.queries import CONTEXT_CHARS, ReportData

FACTS_PER_PAGE = 100
TIMELINE_PER_PAGE = 100
INCIDENTS_PER_INDEX = 500
_SAFE_URL = re.compile(r"https?://[^\s\x00-\x1f\x7f]+", re.IGNORECASE)
_FILE_SAFE = re.compile(r"[^A-Za-z0-9_-]")
_SENTENCE_END = re.compile(r"[.!?][\"'”’)\]]*\s+|\n\s*")


@dataclass
class Cell:
    state: str  # agreeing, conflicting or silent
    values: list[str] = field(default_factory=list)


@dataclass
class IncidentPage:
    incident: dict[str, Any]
    number: int
    pages: list[str]  # file names of all the incident's pages, in order
    facts: list[dict[str, Any]]
    groups: list[dict[str, Any]]
    matrix: list[tuple[dict[str, Any], list[Cell]]]
    timeline: list[dict[str, Any]]
    chart: Chart | None
    contradictions: list[dict[str, Any]]
    evidence: dict[str, list[dict[str, Any]]]
    documents: list[dict[str, Any]]


def safe_url(url: str | None) -> str | None:
    """The URL when it is http(s) and holds no whitespace or control characters; None else
    (a `javascript:` or `data:` address is shown as text, never linked)."""
    return url if url and _SAFE_URL.fullmatch(url) else None


def incident_file(incident_id: str, number: int = 1) -> str:
    stem = "incident-" + _FILE_SAFE.sub("_", incident_id)
    return f"{stem}.html" if number == 1 else f"{stem}-p{number}.html"


def index_file(number: int) -> str:
    return "index.html" if number == 1 else f"index-p{number}.html"


def index_pages(incidents: Sequence[dict[str, Any]]) -> Iterator[tuple[int, list[dict]]]:
    for start in range(0, max(len(incidents), 1), INCIDENTS_PER_INDEX):
        yield start // INCIDENTS_PER_INDEX + 1, list(incidents[start:start + INCIDENTS_PER_INDEX])


def incident_pages(data: ReportData) -> Iterator[IncidentPage]:
    """Every page of every incident in `data`."""
    by_incident = {name: _grouped(rows, "incident_id") for name, rows in (
        ("facts", data.facts), ("timeline", data.timeline),
        ("contradictions", data.contradictions),
    )}
    evidence = _grouped(data.evidence, "fact_id")
    documents = {doc["doc_id"]: doc for doc in data.documents}
    for incident in data.incidents:
        key = incident["incident_id"]
        facts = by_incident["facts"].get(key, [])
        timeline = by_incident["timeline"].get(key, [])
        count = max(1, -(-len(facts) // FACTS_PER_PAGE), -(-len(timeline) // TIMELINE_PER_PAGE))
        names = [incident_file(key, number) for number in range(1, count + 1)]
        for number in range(1, count + 1):
            page_facts = facts[(number - 1) * FACTS_PER_PAGE:number * FACTS_PER_PAGE]
            page_timeline = timeline[(number - 1) * TIMELINE_PER_PAGE:number * TIMELINE_PER_PAGE]
            yield _page(incident, number, names, page_facts, page_timeline,
                        by_incident["contradictions"].get(key, []), evidence, documents)


def _page(
    incident: dict[str, Any],
    number: int,
    names: list[str],
    facts: list[dict[str, Any]],
    timeline: list[dict[str, Any]],
    contradictions: list[dict[str, Any]],
    evidence: dict[str, list[dict[str, Any]]],
    documents: dict[str, dict[str, Any]],
) -> IncidentPage:
    shown = {fact["fact_id"] for fact in facts} | {row["fact_id"] for row in timeline}
    page_evidence = {fact_id: [_with_value(row) for row in evidence.get(fact_id, [])]
                     for fact_id in shown}
    doc_ids = sorted({doc_id for fact in facts for doc_id in fact["doc_ids"] or []}
                     | {row["doc_id"] for rows in page_evidence.values() for row in rows})
    docs = [_document(documents[doc_id]) for doc_id in doc_ids if doc_id in documents]
    groups = _source_groups(docs, facts)
    disputed: dict[str, set[str]] = defaultdict(set)
    for row in contradictions:
        disputed[row["fact_id"]] |= {row["lower_doc_id"], row["higher_doc_id"]}
    for row in timeline:
        row["as_written"] = sorted({item["time_text"] for item in page_evidence[row["fact_id"]]
                                    if item["time_text"]})
    return IncidentPage(
        incident=incident, number=number, pages=names, facts=facts, groups=groups,
        matrix=[(fact, _cells(fact, groups, page_evidence[fact["fact_id"]],
                              disputed[fact["fact_id"]])) for fact in facts],
        timeline=timeline, chart=timeline_chart(timeline),
        contradictions=[_sides_valued(row) for row in contradictions if row["fact_id"] in shown],
        evidence=page_evidence, documents=docs,
    )


def _source_groups(
    docs: list[dict[str, Any]], facts: list[dict[str, Any]]
) -> list[dict[str, Any]]:
    """The independent sources among the page's documents, those reporting most facts first;
    each named by its outlet, else its first document's title or file."""
    members: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for doc in docs:
        members[doc["source_group"] or doc["doc_id"]].append(doc)
    group_of = {doc["doc_id"]: key for key, group_docs in members.items() for doc in group_docs}
    reported: dict[str, int] = defaultdict(int)
    for fact in facts:
        for key in {group_of.get(doc_id) for doc_id in fact["doc_ids"] or []} - {None}:
            reported[key] += 1
    groups = []
    for key, group_docs in members.items():
        first = group_docs[0]
        name = first["outlet"] or first["title"] or first["source_id"] or key
        groups.append({"key": key, "name": _short(name), "n_documents": len(group_docs),
                       "doc_ids": {doc["doc_id"] for doc in group_docs},
                       "n_facts": reported[key]})
    groups.sort(key=lambda group: (-group["n_facts"], group["key"]))
    return groups


def _cells(
    fact: dict[str, Any],
    groups: list[dict[str, Any]],
    evidence: list[dict[str, Any]],
    disputed: set[str],
) -> list[Cell]:
    """Per source group: silent (none of its documents reports the fact), conflicting (one of
    its documents is a side of a contradiction of the fact) or agreeing; with its values."""
    reporting = set(fact["doc_ids"] or [])
    cells = []
    for group in groups:
        docs = group["doc_ids"] & reporting
        if not docs:
            cells.append(Cell("silent"))
            continue
        values = sorted({row["value"] for row in evidence if row["doc_id"] in docs})
        state = "conflicting" if docs & disputed else "agreeing"
        cells.append(Cell(state, values or ["reported"]))
    return cells


def _sides_valued(row: dict[str, Any]) -> dict[str, Any]:
    """A contradiction with each side's value as a reader says it."""
    valued = dict(row)
    for side in ("lower", "higher"):
        valued[f"{side}_value"] = claim_value({
            "count_low": row[f"{side}_count_low"], "count_high": row[f"{side}_count_high"],
            "qualifier": row[f"{side}_qualifier"],
        })
    return valued


def _with_value(row: dict[str, Any]) -> dict[str, Any]:
    return {**row, "value": claim_value(row), "before": _sentence_start(row["text_before"]),
            "after": _sentence_end(row["text_after"])}


def _sentence_start(text: str | None) -> str:
    """The part of `text` (what precedes a claim) in the claim's own sentence; "…" marks a
    sentence longer than the words read (a shorter read began at the document's start)."""
    text = text or ""
    ends = [match.end() for match in _SENTENCE_END.finditer(text)]
    if ends:
        return text[ends[-1]:].lstrip()
    return text.lstrip() if len(text) < CONTEXT_CHARS else "…" + text.lstrip()


def _sentence_end(text: str | None) -> str:
    """The part of `text` (what follows a claim) up to the end of the claim's sentence."""
    text = text or ""
    match = _SENTENCE_END.search(text)
    if match:
        return text[:match.end()].rstrip()
    return text.rstrip() if len(text) < CONTEXT_CHARS else text.rstrip() + "…"


def claim_value(row: dict[str, Any]) -> str:
    """A claim's value as a reader says it: "at least 49", "20-25", or the time as written."""
    if row.get("time_text") is not None:
        return row["time_text"]
    low, high, qualifier = row.get("count_low"), row.get("count_high"), row.get("qualifier")
    if qualifier == "exact" or (qualifier == "about" and low is not None):
        return f"{'about ' if qualifier == 'about' else ''}{low}"
    if qualifier in ("at_least", "vague") and low is not None:
        return f"at least {low}" if qualifier == "at_least" else f"vague ({low} or more)"
    if qualifier == "more_than" and low is not None:
        return f"more than {low - 1}"
    if qualifier == "up_to" and high is not None:
        return f"up to {high}"
    if low is not None and high is not None:
        return f"{low}-{high}"
    return "no number" if qualifier == "unspecified" else (qualifier or "reported")


def _document(doc: dict[str, Any]) -> dict[str, Any]:
    return {**doc, "link": safe_url(doc["url"]), "name": doc["title"] or doc["source_id"]}


def _short(text: str, limit: int = 40) -> str:
    text = " ".join(str(text).split())
    return text if len(text) <= limit else text[:limit - 1] + "…"


def _grouped(rows: Sequence[dict[str, Any]], key: str) -> dict[str, list[dict[str, Any]]]:
    grouped: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for row in rows:
        grouped[row[key]].append(row)
    return grouped
