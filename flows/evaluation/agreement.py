"""Score incidents and `source_agreement` against a gold file.

Implements the incident labels of `documents` and the `agreement` section of
`shared/gold/FORMAT.md` (publication times are scored in `flows.evaluation.times`). Pure functions
over rows as dicts, so tests feed them hand-made rows and the CLI feeds them the warehouse.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any


@dataclass
class Check:
    what: str
    passed: bool
    detail: str = ""


@dataclass
class AgreementReport:
    incidents: list[Check] = field(default_factory=list)
    agreement: list[Check] = field(default_factory=list)


def score_incidents(
    gold: Mapping[str, Any], documents: Sequence[Mapping[str, Any]]
) -> list[Check]:
    """Documents with one gold incident label share an incident; different labels do not."""
    by_source = {row["source_id"]: row for row in documents}
    incident_of_label: dict[str, set[str]] = defaultdict(set)
    for source_id, expected in gold.get("documents", {}).items():
        if source_id in by_source and "incident" in expected:
            incident_of_label[expected["incident"]].add(by_source[source_id]["incident_id"])
    checks = [
        Check(f"'{label}' is one incident", len(ids) == 1, f"incident ids {sorted(ids)}")
        for label, ids in incident_of_label.items()
    ]
    labels_of_incident: dict[str, list[str]] = defaultdict(list)
    for label, ids in incident_of_label.items():
        for incident_id in ids:
            labels_of_incident[incident_id].append(label)
    checks.extend(
        Check(f"labels {labels} kept apart", False, f"share incident {incident_id}")
        for incident_id, labels in labels_of_incident.items()
        if len(labels) > 1
    )
    return checks


def score_agreement(
    gold: Mapping[str, Any],
    facts: Sequence[Mapping[str, Any]],
    documents: Sequence[Mapping[str, Any]],
) -> list[Check]:
    """One check per gold `agreement` item; `facts` are source_agreement rows."""
    doc_of_source = {row["source_id"]: row["doc_id"] for row in documents}
    incident_of_doc = {row["doc_id"]: row["incident_id"] for row in documents}
    checks = []
    for item in gold.get("agreement", []):
        what = item.get("what") or ", ".join(item.get("docs", []))
        if item.get("same_incident"):
            checks.append(_group_check(what, item, facts, doc_of_source, incident_of_doc))
        elif "at" in item:
            checks.append(Check(what, any(_event_matches(item, f, doc_of_source) for f in facts)))
        else:
            checks.append(Check(what, any(_fact_matches(item, f, doc_of_source) for f in facts)))
    return checks


def _doc_ids(sources: Sequence[str], doc_of_source: Mapping[str, str]) -> set[str]:
    return {doc_of_source.get(source, f"missing:{source}") for source in sources}


def _fact_matches(
    item: Mapping[str, Any], fact: Mapping[str, Any], doc_of_source: Mapping[str, str]
) -> bool:
    docs = set(fact["doc_ids"])
    return (
        fact["kind"] == "casualty"
        and fact["outcome"] == item["outcome"]
        and ("side" not in item or fact["side"] == item["side"])
        and fact["status"] == item["status"]
        and ("value_low" not in item or fact["value_low"] == item["value_low"])
        and _doc_ids(item["docs"], doc_of_source) <= docs
        and not _doc_ids(item.get("must_not_include_docs", []), doc_of_source) & docs
    )


def _event_matches(
    item: Mapping[str, Any], fact: Mapping[str, Any], doc_of_source: Mapping[str, str]
) -> bool:
    if fact["kind"] != "event" or fact["status"] != item["status"]:
        return False
    at = datetime.fromisoformat(item["at"].replace("Z", "+00:00"))
    if not (fact["at_start"] <= at <= fact["at_end"]):
        return False
    wanted = _doc_ids(item.get("docs_any_of", []), doc_of_source)
    return len(wanted & set(fact["doc_ids"])) >= item.get("min_docs", 1)


def _group_check(
    what: str,
    item: Mapping[str, Any],
    facts: Sequence[Mapping[str, Any]],
    doc_of_source: Mapping[str, str],
    incident_of_doc: Mapping[str, str],
) -> Check:
    doc_ids = _doc_ids(item["docs"], doc_of_source)
    incidents = {incident_of_doc.get(doc_id) for doc_id in doc_ids}
    if len(incidents) != 1 or None in incidents:
        return Check(what, False, f"documents in {len(incidents)} incidents")
    if not item.get("counts_differ"):
        return Check(what, True)
    [incident_id] = incidents
    killed = [
        fact for fact in facts
        if fact["incident_id"] == incident_id and fact["kind"] == "casualty"
        and fact["outcome"] == "killed" and doc_ids & set(fact["doc_ids"])
    ]
    honest = any(
        fact["status"] == "conflicting"
        or (fact["value_low"] is not None and fact["value_high"] is not None
            and fact["value_low"] < fact["value_high"])
        for fact in killed
    )
    return Check(what, honest, "killed facts: " + "; ".join(
        f"{f['value_low']}-{f['value_high']} {f['status']}" for f in killed) or "none")


def format_agreement(report: AgreementReport) -> str:
    lines = []
    for title, checks in (("incidents", report.incidents), ("agreement", report.agreement)):
        if not checks:
            continue
        passed, total = sum(check.passed for check in checks), len(checks)
        lines.append(f"{title}: {passed}/{total} ({passed / total:.0%})")
        lines.extend(f"  FAIL {check.what}: {check.detail}" for check in checks if not check.passed)
    return "\n".join(lines)
