"""What each page of the report shows, assembled from the marts' rows.

A big incident (facts by the hundreds) is split over several pages rather than cut: every
fact, timeline row, contradiction and evidence sentence is on one of them, and each page stays
small enough to open at once (well under 2 MB).
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from operator import itemgetter
from typing import Any, NamedTuple

from markupsafe import Markup

from corroborate.report.chart import Chart, timeline_chart
from corroborate.report.queries import ReportData

FACTS_PER_PAGE = 100
TIMELINE_PER_PAGE = 100
EVIDENCE_PER_PAGE = 300
#: What the page shows of an evidence row, as a tuple the template unpacks (the cheapest
#: way for Jinja2 to read a row's columns, and there are hundreds of thousands of rows).
EVIDENCE_SHOWN = itemgetter("before", "evidence", "after", "value", "speaker", "doc_id")
#: What the timeline table shows of a row, as a tuple the template unpacks.
TIMELINE_SHOWN = itemgetter("ordinal", "start_shown", "end_shown", "precision", "as_written",
                            "fact_id", "summary", "n_documents", "status")
#: Sources shown as the matrix's own columns; the others are counted in its last column.
MATRIX_GROUPS = 30
INCIDENTS_PER_INDEX = 500
_SAFE_URL = re.compile(r"https?://[^\s\x00-\x1f\x7f]+", re.IGNORECASE)
_FILE_SAFE = re.compile(r"[^A-Za-z0-9_-]")


class Cell(NamedTuple):
    state: str  # agreeing, conflicting or silent
    values: tuple[str, ...] = ()


@dataclass
class IncidentPage:
    incident: dict[str, Any]
    number: int
    pages: list[str]  # file names of all the incident's pages, in order
    groups: list[dict[str, Any]]
    matrix: list[tuple[dict[str, Any], list[Cell], str]]
    others: bool  # whether the matrix has a last column, for the sources beyond its own
    timeline: list[tuple]  # TIMELINE_SHOWN
    chart: Chart | None
    contradictions: list[dict[str, Any]]
    sections: list[tuple[dict[str, Any], list[tuple], bool]]  # fact, EVIDENCE_SHOWN, continued
    documents: list[Markup]  # each document's item of the list, rendered once per report
    links: dict[str, Markup]  # a link to each document the page lists


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


@dataclass(frozen=True)
class Lookup:
    """The rows of `data` by incident and by fact, built once, so that a page is assembled
    from its own rows only."""

    data: ReportData
    facts_of: dict[str, list[dict[str, Any]]]
    timeline_of: dict[str, list[dict[str, Any]]]
    evidence: dict[str, list[dict[str, Any]]]
    documents: dict[str, dict[str, Any]]  # with their URL's link, name, list item and link
    link: Callable[[str, str], Markup]  # a link to a document, by its id and name

    @classmethod
    def of(cls, data: ReportData, macros: Any) -> Lookup:
        """The lookup of `data`, each document's list item and the link to it rendered by
        `macros` once, however many pages list the document."""
        documents = {doc["doc_id"]: _document(doc) for doc in data.documents}
        for doc in documents.values():
            doc["listed"] = macros.document(doc)
            doc["linked"] = macros.doc_link(doc["doc_id"], doc["name"])
        return cls(data, _grouped(data.facts, "incident_id"),
                   _grouped(data.timeline, "incident_id"), _grouped(data.evidence, "fact_id"),
                   documents, macros.doc_link)


def incident_pages(found: Lookup) -> Iterator[IncidentPage]:
    """Every page of every incident `found` holds."""
    for incident in found.data.incidents:
        key = incident["incident_id"]
        fact_pages = _packed(found.facts_of.get(key, []), found.evidence)
        timeline = found.timeline_of.get(key, [])
        timeline_pages = [timeline[start:start + TIMELINE_PER_PAGE]
                          for start in range(0, len(timeline), TIMELINE_PER_PAGE)]
        count = max(1, len(fact_pages), len(timeline_pages))
        context = _Context(incident, [incident_file(key, number) for number in
                                      range(1, count + 1)], found)
        for number in range(1, count + 1):
            yield _page(
                context, number,
                fact_pages[number - 1] if number <= len(fact_pages) else [],
                timeline_pages[number - 1] if number <= len(timeline_pages) else [],
            )


@dataclass(frozen=True)
class _Slice:
    """A fact's evidence, or the part of it that fits on one page."""

    fact: dict[str, Any]
    rows: list[dict[str, Any]]
    first: bool  # the fact's matrix row and contradictions are on the page of its first slice


@dataclass(frozen=True)
class _Context:
    incident: dict[str, Any]
    names: list[str]
    found: Lookup


def _packed(
    facts: list[dict[str, Any]], evidence: dict[str, list[dict[str, Any]]]
) -> list[list[_Slice]]:
    """The facts in pages of at most FACTS_PER_PAGE facts and EVIDENCE_PER_PAGE evidence
    sentences; a fact that thousands of reports give continues over pages of its own."""
    pages: list[list[_Slice]] = []
    current: list[_Slice] = []
    items = begun = 0  # evidence sentences and facts begun on the current page
    for fact in facts:
        rows = evidence.get(fact["fact_id"], [])
        chunks = [rows[start:start + EVIDENCE_PER_PAGE]
                  for start in range(0, len(rows), EVIDENCE_PER_PAGE)] or [[]]
        for index, chunk in enumerate(chunks):
            if current and (begun >= FACTS_PER_PAGE or items + len(chunk) > EVIDENCE_PER_PAGE):
                pages.append(current)
                current, items, begun = [], 0, 0
            current.append(_Slice(fact, chunk, index == 0))
            items += len(chunk)
            begun += index == 0
    return [*pages, current] if current else pages


def _page(
    context: _Context, number: int, slices: list[_Slice], timeline: list[dict[str, Any]]
) -> IncidentPage:
    facts = [part.fact for part in slices if part.first]
    evidence, documents = context.found.evidence, context.found.documents
    # A fact's contradictions are on the page of its matrix row: a row per disputed value.
    contradictions = [pair for fact in facts if fact["status"] == "conflicting"
                      for pair in disputes(fact, evidence.get(fact["fact_id"], []))]
    disputed: dict[str, set[str]] = defaultdict(set)  # for the matrix: all of a fact's sides
    for pair in contradictions:
        disputed[pair["fact_id"]] |= pair["lower"]["doc_ids"] | pair["higher"]["doc_ids"]
    sections = [(part.fact, list(map(EVIDENCE_SHOWN, part.rows)), not part.first)
                for part in slices]
    for row in timeline:
        row["as_written"] = "; ".join(sorted({item["time_text"] for item in
                                              evidence.get(row["fact_id"], [])
                                              if item["time_text"]}))
    shown = ({item["doc_id"] for part in slices for item in part.rows}
             | {row[side]["doc_id"] for row in contradictions for side in ("lower", "higher")}
             | {doc_id for part in slices if not part.rows
                for doc_id in part.fact["doc_ids"] or []})
    groups, other = _source_groups(facts, documents)
    matrix = [(fact, _cells(fact, groups, evidence.get(fact["fact_id"], []),
                            disputed[fact["fact_id"]]),
               _others(fact, other, disputed[fact["fact_id"]])) for fact in facts]
    return IncidentPage(
        incident=context.incident, number=number, pages=context.names, groups=groups,
        matrix=matrix, others=any(others for _, _, others in matrix),
        timeline=list(map(TIMELINE_SHOWN, timeline)), chart=timeline_chart(timeline),
        contradictions=contradictions, sections=sections,
        documents=[documents[key]["listed"] for key in sorted(shown) if key in documents],
        links={doc_id: documents[doc_id]["linked"] if doc_id in documents
               else context.found.link(doc_id, doc_id) for doc_id in shown},
    )


def _source_groups(
    facts: list[dict[str, Any]], documents: dict[str, dict[str, Any]]
) -> tuple[list[dict[str, Any]], dict[str, str]]:
    """The independent sources reporting the page's facts, those reporting most first, each
    named by its outlet, else its first document's title or file: the first MATRIX_GROUPS as
    the matrix's columns, and every other document's source for its last column."""
    members: dict[str, list[dict[str, Any]]] = defaultdict(list)
    reported: dict[str, int] = defaultdict(int)
    for fact in facts:
        keys = set()
        for doc_id in fact["doc_ids"] or []:
            doc = documents.get(doc_id)
            if doc is not None:
                keys.add(doc["source_group"] or doc_id)
                members[doc["source_group"] or doc_id].append(doc)
        for key in keys:
            reported[key] += 1
    ranked = sorted(members, key=lambda key: (-reported[key], key))
    groups = []
    for key in ranked[:MATRIX_GROUPS]:
        first = members[key][0]
        name = first["outlet"] or first["title"] or first["source_id"] or key
        groups.append({"key": key, "name": _short(name),
                       "doc_ids": {doc["doc_id"] for doc in members[key]},
                       "n_documents": len({doc["doc_id"] for doc in members[key]})})
    other = {doc["doc_id"]: key for key in ranked[MATRIX_GROUPS:] for doc in members[key]}
    return groups, other


def _others(fact: dict[str, Any], other: dict[str, str], disputed: set[str]) -> str:
    """The matrix's last column, beyond its named sources: how many others report the fact,
    and how many of those are a side of its contradictions."""
    reporting = {other[doc_id] for doc_id in fact["doc_ids"] or [] if doc_id in other}
    if not reporting:
        return ""
    conflicting = {other[doc_id] for doc_id in disputed if doc_id in other}
    return f"{len(reporting) - len(conflicting)} agreeing, {len(conflicting)} conflicting"


_SILENT = Cell("silent")


def _cells(
    fact: dict[str, Any],
    groups: list[dict[str, Any]],
    evidence: list[dict[str, Any]],
    disputed: set[str],
) -> list[Cell]:
    """Per source group: silent (none of its documents reports the fact), conflicting (one of
    its documents is a side of a contradiction of the fact) or agreeing; with its values."""
    reporting = set(fact["doc_ids"] or [])
    values_of: dict[str, set[str]] = defaultdict(set)
    for row in evidence:
        values_of[row["doc_id"]].add(row["value"])
    cells = []
    for group in groups:
        docs = group["doc_ids"] & reporting
        if not docs:
            cells.append(_SILENT)
            continue
        values = tuple(sorted(set().union(*(values_of[doc_id] for doc_id in docs))))
        state = "conflicting" if docs & disputed else "agreeing"
        cells.append(Cell(state, values or ("reported",)))
    return cells


def disputes(fact: dict[str, Any], evidence: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Each value of `fact` that cannot be true with another document's, beside the value
    furthest from it, with the words of the first report giving each and every document that
    does: a row per disputed value, rather than per pair of reports (a fact that thousands of
    reports give has millions; `contradictions` lists them all). Intervals are read as the
    marts read them: "about N" allows 10% either way, an open end is unbounded, and vague or
    unspecified reports, and the figures a document's total adds up, never contradict."""
    firm = [(row, *_bounds(row)) for row in evidence
            if row["qualifier"] not in (None, "vague", "unspecified") and not row.get("is_summed")
            and (row["count_low"] is not None or row["count_high"] is not None)]
    if not firm:
        return []
    highest = max(firm, key=lambda report: report[1])
    lowest = min(firm, key=lambda report: report[2])
    pairs: dict[tuple[str, str], dict[str, Any]] = {}
    for report, low, high in firm:
        if high < highest[1] and report["doc_id"] != highest[0]["doc_id"]:
            _add(pairs, fact, report, highest[0])
        if low > lowest[2] and report["doc_id"] != lowest[0]["doc_id"]:
            _add(pairs, fact, lowest[0], report)
    return list(pairs.values())


def _add(
    pairs: dict[tuple[str, str], dict[str, Any]], fact: dict[str, Any],
    lower: dict[str, Any], higher: dict[str, Any],
) -> None:
    key = (lower["value"], higher["value"])
    if key not in pairs:
        pairs[key] = {"fact_id": fact["fact_id"], "fact": fact["fact"],
                      **{side: {**{column: row[column] for column in
                                   ("doc_id", "speaker", "evidence", "value")}, "doc_ids": set()}
                         for side, row in (("lower", lower), ("higher", higher))}}
    pairs[key]["lower"]["doc_ids"].add(lower["doc_id"])
    pairs[key]["higher"]["doc_ids"].add(higher["doc_id"])


def _bounds(row: dict[str, Any]) -> tuple[float, float]:
    low, high = row["count_low"], row["count_high"]
    slack = 0.1 if row["qualifier"] == "about" else 0.0
    return ((low or 0) * (1 - slack),
            high * (1 + slack) if high is not None else float("inf"))


def _document(doc: dict[str, Any]) -> dict[str, Any]:
    """A document as the page lists it: its link only when http(s), and what a link to it
    says."""
    return {**doc, "link": safe_url(doc["url"]),
            "name": doc["title"] or doc["source_id"] or doc["doc_id"]}


def _short(text: str, limit: int = 40) -> str:
    text = " ".join(str(text).split())
    return text if len(text) <= limit else text[:limit - 1] + "…"


def _grouped(rows: Sequence[dict[str, Any]], key: str) -> dict[str, list[dict[str, Any]]]:
    grouped: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for row in rows:
        grouped[row[key]].append(row)
    return grouped
