"""Score a published warehouse against a gold file: the `corroborate eval` command's engine.

Reads the public tables once, then hands plain rows to the pure scorers of each gold section
(`casualties`, `times`, `documents`, `agreement`); sections the gold file lacks are skipped.
Flat gold files (a label per document, or attributions per document) have scorers of their own.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import duckdb

from corroborate.evaluation import attribution, labels
from corroborate.evaluation.agreement import (
    AgreementReport,
    format_agreement,
    score_agreement,
    score_incidents,
    score_merges,
)
from corroborate.evaluation.casualties import format_report as format_casualties
from corroborate.evaluation.casualties import score_casualties, sources_of
from corroborate.evaluation.times import format_times_report, score_times


def _rows(conn: duckdb.DuckDBPyConnection, query: str) -> list[dict[str, Any]]:
    relation = conn.sql(query)
    columns = relation.columns
    return [dict(zip(columns, row, strict=True)) for row in relation.fetchall()]


def evaluate_warehouse(gold_path: Path, warehouse: Path) -> str:
    """A readable report of every gold section present in `gold_path`."""
    gold = json.loads(gold_path.read_text(encoding="utf-8"))
    if labels.is_label_gold(gold):
        return _evaluate_labels(gold, gold_path, warehouse)
    if attribution.is_attribution_gold(gold):
        return _evaluate_attribution(gold, gold_path, warehouse)
    with duckdb.connect(str(warehouse), read_only=True) as conn:
        # One row per source: an article that arrived twice (two records, one text) is one
        # document, and the gold may name it by either record.
        documents = _rows(
            conn,
            "select distinct documents.doc_id, sources.source_id, incident_id, published_at, "
            "published_precision, published_basis, text from documents "
            "inner join document_sources as sources using (doc_id)",
        )
        casualties = _rows(conn, "select * from casualty_claims")
        events = _rows(conn, "select * from event_claims")
        facts = _rows(conn, "select * from source_agreement")

    n_documents = len({row["doc_id"] for row in documents})
    sections = [f"gold: {gold_path}  warehouse: {warehouse}  documents: {n_documents}"]
    if "casualties" in gold:
        report = score_casualties(gold, casualties, documents)
        sections.append("== casualties ==\n" + format_casualties(report))
    if "times" in gold or "documents" in gold:
        publications = {row["source_id"]: row for row in documents}
        report = score_times(gold, events, publications, sources_of(documents))
        sections.append("== times and publication ==\n" + format_times_report(report))
    if "documents" in gold or "agreement" in gold or "casualties" in gold:
        agreement = AgreementReport(
            incidents=score_incidents(gold, documents),
            agreement=score_agreement(gold, facts, documents),
            merges=score_merges(gold, documents),
        )
        sections.append("== incidents and agreement ==\n" + format_agreement(agreement))
    return "\n\n".join(sections)


def _evaluate_labels(gold: dict[str, str], gold_path: Path, warehouse: Path) -> str:
    """A label per document: publication days when every label is a day, else event labels."""
    with duckdb.connect(str(warehouse), read_only=True) as conn:
        rows = conn.execute(
            "select source_id, incident_id, published_at, published_precision from documents"
        ).fetchall()
    header = f"gold: {gold_path}  warehouse: {warehouse}  documents: {len(rows)}"
    if labels.is_day_gold(gold):
        published = {source_id: (at, precision) for source_id, _, at, precision in rows}
        return header + "\n" + labels.format_days(labels.score_days(gold, published))
    incident_of = {source_id: incident_id for source_id, incident_id, _, _ in rows}
    return header + "\n" + labels.format_groups(labels.score_groups(gold, incident_of))


def _evaluate_attribution(gold: dict[str, Any], gold_path: Path, warehouse: Path) -> str:
    """Attributions per document: the claimers of `statements` against the gold sources."""
    with duckdb.connect(str(warehouse), read_only=True) as conn:
        documents = conn.execute("select doc_id, source_id, text from documents").fetchall()
        rows = conn.execute(
            "select doc_id, speaker, char_start, char_end from statements "
            "where speaker is not null"
        ).fetchall()
    header = f"gold: {gold_path}  warehouse: {warehouse}  documents: {len(documents)}"
    texts = {source_id: text for _, source_id, text in documents}
    statements = attribution.statements_by_source(
        ((doc_id, source_id) for doc_id, source_id, _ in documents), rows
    )
    report = attribution.score_attribution(gold, texts, statements)
    return header + "\n" + attribution.format_attribution(report)
