"""Every query the report makes, in one place, over the published marts only.

The marts say which documents report each fact (`source_agreement.doc_ids`) but not which of
their claims; the evidence query maps a claim to a fact by what both name (incident, outcome
and side, or event type and overlapping times) among the fact's documents. A claim whose
victim class differs from the fact's (a generic "45 killed" beside "45 soldiers") may show
under both of its incident's facts for that outcome and side: more evidence, never less.
Contradictions are found among the same evidence (`pages`), not read from the
`contradictions` view: that lists every conflicting pair, and a fact that thousands of reports
give (the 20,000-document bench has them) has millions. Columns are named, never `*`, so new
mart columns change nothing here.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import duckdb

INCIDENTS = """
select
    incidents.incident_id, incidents.label, incidents.start_utc, incidents.end_utc,
    incidents.countries, incidents.is_background, len(incidents.doc_ids) as n_documents,
    count(facts.fact_id) filter (where facts.status = 'corroborated') as n_corroborated,
    count(facts.fact_id) filter (where facts.status = 'single_source') as n_single_source,
    count(facts.fact_id) filter (where facts.status = 'conflicting') as n_conflicting,
from incidents
left join source_agreement as facts using (incident_id)
where $incident is null or incidents.incident_id = $incident
group by all
order by incidents.is_background, incidents.start_utc desc nulls last, incidents.incident_id
"""

FACTS = """
select
    fact_id, incident_id, kind, fact, value_low, value_high, at_start, at_end, n_documents,
    n_independent, status, doc_ids, speakers, reported_values,
from source_agreement
where $incident is null or incident_id = $incident
order by incident_id, kind, status <> 'conflicting', n_independent desc, fact, fact_id
"""

TIMELINE = """
select
    incident_id, ordinal, occurred_start, occurred_end, precision, event_type, summary,
    n_documents, status, fact_id,
from timeline
where $incident is null or incident_id = $incident
order by incident_id, ordinal
"""

EVIDENCE = """
with facts as (
    select fact_id, incident_id, kind, outcome, side, event_type, at_start, at_end, doc_ids,
    from source_agreement
    where $incident is null or incident_id = $incident
),

casualty as (
    select
        facts.fact_id, claims.doc_id, claims.claim_id, claims.char_start, claims.char_end,
        claims.evidence, claims.speaker, claims.qualifier, claims.count_low, claims.count_high,
        null::varchar as time_text, null::varchar as precision,
    from facts
    inner join casualty_claims as claims
        on claims.incident_id = facts.incident_id
        and claims.outcome = facts.outcome
        and claims.side is not distinct from facts.side
        and list_contains(facts.doc_ids, claims.doc_id)
    where facts.kind = 'casualty'
),

events as (
    select
        facts.fact_id, claims.doc_id, claims.claim_id, claims.char_start, claims.char_end,
        claims.evidence, claims.speaker, null::varchar, null::bigint, null::bigint,
        claims.time_text, claims.precision,
    from facts
    inner join event_claims as claims
        on claims.incident_id = facts.incident_id
        and claims.event_type = facts.event_type
        and claims.occurred_start <= facts.at_end
        and claims.occurred_end >= facts.at_start
        and list_contains(facts.doc_ids, claims.doc_id)
    where facts.kind = 'event'
),

claims as (
    select * from casualty
    union all
    select * from events
)

-- The words around each claim, for the report to show its whole sentence.
select
    claims.fact_id, claims.doc_id, claims.claim_id, claims.evidence, claims.speaker,
    claims.qualifier, claims.count_low, claims.count_high, claims.time_text, claims.precision,
    substr(
        documents.text, greatest(claims.char_start - $context, 0) + 1,
        claims.char_start - greatest(claims.char_start - $context, 0)
    ) as text_before,
    substr(documents.text, claims.char_end + 1, $context) as text_after,
from claims
inner join documents using (doc_id)
order by claims.fact_id, claims.doc_id, claims.char_start, claims.claim_id
"""
#: Characters read on either side of a claim to find the ends of its sentence.
CONTEXT_CHARS = 200

DOCUMENTS = """
with wanted as (
    select distinct unnest(doc_ids) as doc_id
    from source_agreement
    where $incident is null or incident_id = $incident
)

select
    documents.doc_id, documents.source_group, documents.source_id, documents.title,
    documents.outlet, documents.url, documents.published_at, documents.published_precision,
from documents
inner join wanted using (doc_id)
order by documents.doc_id
"""


@dataclass
class ReportData:
    """The marts' rows the report shows, as dicts, for every incident or one."""

    incidents: list[dict[str, Any]]
    facts: list[dict[str, Any]]
    timeline: list[dict[str, Any]]
    evidence: list[dict[str, Any]]
    documents: list[dict[str, Any]]


def load(conn: duckdb.DuckDBPyConnection, incident: str | None = None) -> ReportData:
    conn.execute("set TimeZone = 'UTC'")
    conn.execute("set enable_progress_bar = false")
    return ReportData(*(
        _records(conn, query, incident)
        for query in (INCIDENTS, FACTS, TIMELINE, EVIDENCE, DOCUMENTS)
    ))


def _records(
    conn: duckdb.DuckDBPyConnection, query: str, incident: str | None
) -> list[dict[str, Any]]:
    params: dict[str, Any] = {"incident": incident}
    if "$context" in query:
        params["context"] = CONTEXT_CHARS
    return conn.sql(query, params=params).to_arrow_table().to_pylist()
