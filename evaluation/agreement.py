"""Score incidents and `source_agreement` against a gold file.

Implements the incident labels of `documents` and the `agreement` section of the gold
format (publication times are scored in `corroborate.evaluation.times`). Pure functions
over rows as dicts, so tests feed them hand-made rows and the CLI feeds them the warehouse.
"""

from __future__ import annotations

import re
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
    # For a group whose tolls differ: some killed fact holding two of its documents shows one
    # agreed value (corroborated, not a range), the failure the agreement mart must not make.
    shown_agreeing: bool = False


@dataclass
class AgreementReport:
    incidents: list[Check] = field(default_factory=list)
    agreement: list[Check] = field(default_factory=list)
    merges: MergeReport | None = None


@dataclass
class MergeReport:
    """How incidents split the gold's distinct events: a wrong merge is an incident whose
    documents belong to two or more of them."""

    events: int  # distinct gold events among the scored documents
    incidents: int  # incidents holding scored documents
    wrong_merges: int
    documents_in_wrong_merges: int
    examples: list[str] = field(default_factory=list)


_LOCATION = re.compile(r"location\s+([^,;]+)")


def gold_events(gold: Mapping[str, Any], documents: Sequence[Mapping[str, Any]]) -> dict[str, str]:
    """source_id -> the distinct real event the gold says the document reports: its
    `documents` incident label, else (for FA-KES) its publication day and the location in its
    casualty note."""
    events = {
        source_id: expected["incident"]
        for source_id, expected in gold.get("documents", {}).items()
        if "incident" in expected
    }
    published = {row["source_id"]: row.get("published_at") for row in documents}
    for item in gold.get("casualties", []):
        found = _LOCATION.search(item.get("note", ""))
        day = published.get(item["doc"])
        if found and day is not None and item["doc"] not in events:
            events[item["doc"]] = f"{day:%Y-%m-%d} {found.group(1).strip()}"
    return events


def score_merges(
    gold: Mapping[str, Any], documents: Sequence[Mapping[str, Any]]
) -> MergeReport | None:
    events = gold_events(gold, documents)
    if not events:
        return None
    by_incident: dict[str, dict[str, str]] = defaultdict(dict)
    for row in documents:
        if row["source_id"] in events:
            by_incident[row["incident_id"]][row["source_id"]] = events[row["source_id"]]
    wrong = {
        incident: members for incident, members in by_incident.items()
        if len(set(members.values())) > 1
    }
    return MergeReport(
        events=len(set(events.values())),
        incidents=len(by_incident),
        wrong_merges=len(wrong),
        documents_in_wrong_merges=sum(len(members) for members in wrong.values()),
        examples=[
            f"{incident}: " + ", ".join(sorted(set(members.values())))
            for incident, members in sorted(wrong.items())[:5]
        ],
    )


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
            checks.append(
                _group_check(f"group {what}", item, facts, doc_of_source, incident_of_doc)
            )
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
        return Check(what, True, "same counts")
    [incident_id] = incidents
    killed = [
        fact for fact in facts
        if fact["incident_id"] == incident_id and fact["kind"] == "casualty"
        and fact["outcome"] == "killed" and doc_ids & set(fact["doc_ids"])
    ]
    # The documents' tolls are compared only in a fact that holds two of them: a conflict among
    # one document's own figures says nothing about whether the group's documents disagree.
    wanted = min(2, len(doc_ids))
    shared = [fact for fact in killed if len(doc_ids & set(fact["doc_ids"])) >= wanted]
    honest = any(
        fact["status"] == "conflicting"
        or (fact["value_low"] is not None and fact["value_high"] is not None
            and fact["value_low"] < fact["value_high"])
        for fact in shared
    )
    agreeing = any(
        fact["status"] == "corroborated" and fact["value_low"] == fact["value_high"]
        for fact in shared
    )
    shown = "; ".join(
        f"{f['value_low']}-{f['value_high']} {f['status']} "
        f"({len(doc_ids & set(f['doc_ids']))} of {len(doc_ids)} documents)"
        for f in killed
    )
    return Check(what, honest, "killed facts: " + (shown or "none"), shown_agreeing=agreeing)


def format_agreement(report: AgreementReport) -> str:
    lines = []
    groups = [check for check in report.agreement if check.what.startswith("group ")]
    for title, checks in (("incidents", report.incidents), ("agreement", report.agreement)):
        if not checks:
            continue
        passed, total = sum(check.passed for check in checks), len(checks)
        lines.append(f"{title}: {passed}/{total} ({passed / total:.0%})")
        lines.extend(f"  FAIL {check.what}: {check.detail}" for check in checks if not check.passed)
    if groups:
        shared = sum("documents in" not in check.detail for check in groups)
        differ = [check for check in groups if check.detail.startswith("killed facts")]
        honest = sum(check.passed for check in differ)
        agreeing = sum(check.shown_agreeing for check in differ)
        lines.append(
            f"groups sharing an incident: {shared}/{len(groups)} ({shared / len(groups):.0%}); "
            f"counts differ and shown as conflicting or a range: {honest}/{len(differ)}; "
            f"shown as agreeing on one value: {agreeing}/{len(differ)}"
        )
    if report.merges is not None:
        merges = report.merges
        lines.append(
            f"wrong merges: {merges.wrong_merges} of {merges.incidents} incidents join distinct "
            f"gold events ({merges.documents_in_wrong_merges} documents; "
            f"{merges.events} gold events)"
        )
        lines.extend(f"  merged {example}" for example in merges.examples)
    return "\n".join(lines)
