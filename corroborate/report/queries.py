"""Every query the report makes, in one place, over the published marts only.

One query per table, for every incident at once (set-based, never a query per incident),
fetched as Arrow; or for one share of the incidents (by a hash of their ids), which is what a
rendering process reads: each reads and groups its own rows, in parallel with the others.
A fact's evidence is read from `fact_evidence` (each claim behind each fact, and the offsets
of the sentence it stands in), its sentence cut from `documents` and split in SQL into the
words before the claim, its own and those after. Times are formatted in SQL too, for every
row at once. Contradictions are found among the same evidence (`pages`), not read from the
`contradictions` view: that lists every conflicting pair, and a fact that thousands of reports
give (the 20,000-document bench has them) has millions. Columns are named, never `*`, so new
mart columns change nothing here.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import duckdb
import pyarrow as pa


def _wanted(incident_id: str) -> str:
    """Which incidents a query reads: one (`$incident`) or all, and of those the `$share`-th of
    `$shares` parts, split by a hash of the id (what one rendering process reads)."""
    return (f"({incident_id} = $incident or $incident is null)"
            f" and hash({incident_id}) % $shares = $share")


def _shown(moment: str) -> str:
    """A time as the report prints it, in UTC (the session's zone), formatted by DuckDB for
    every row at once rather than by Python per cell."""
    return f"coalesce(strftime({moment}, '%Y-%m-%d %H:%M'), 'unknown')"


INCIDENTS = f"""
select
    incidents.incident_id, incidents.label,
    {_shown("incidents.start_utc")} as start_shown, {_shown("incidents.end_utc")} as end_shown,
    incidents.countries, incidents.is_background, len(incidents.doc_ids) as n_documents,
    count(facts.fact_id) filter (where facts.status = 'corroborated') as n_corroborated,
    count(facts.fact_id) filter (where facts.status = 'single_source') as n_single_source,
    count(facts.fact_id) filter (where facts.status = 'conflicting') as n_conflicting,
from incidents
left join source_agreement as facts using (incident_id)
where {_wanted("incidents.incident_id")}
group by all
order by
    incidents.is_background, any_value(incidents.start_utc) desc nulls last, incidents.incident_id
"""

FACTS = f"""
select
    fact_id, incident_id, fact, n_documents, n_independent, status, doc_ids, speakers,
    reported_values,
from source_agreement
where {_wanted("incident_id")}
order by incident_id, kind, status <> 'conflicting', n_independent desc, fact, fact_id
"""

TIMELINE = f"""
select
    incident_id, ordinal, occurred_start, occurred_end, {_shown("occurred_start")} as start_shown,
    {_shown("occurred_end")} as end_shown, precision, event_type, summary, n_documents, status,
    fact_id,
from timeline
where {_wanted("incident_id")}
order by incident_id, ordinal
"""

EVIDENCE = f"""
with evidence as (
    select
        fact_id, claim_id, doc_id, kind, is_summed, reported_value, speaker, evidence,
        char_start - sentence_start as phrase_start, char_end - sentence_start as phrase_end,
        sentence_start, sentence_end,
    from fact_evidence
    where {_wanted("incident_id")}
),

texts as (
    select doc_id, text,
    from documents
),

casualty as (
    select claim_id, qualifier, count_low, count_high,
    from casualty_claims
),

events as (
    select claim_id, time_text,
    from event_claims
),

-- Each wanted sentence, cut from its document's text here rather than read from the view's
-- `sentence`, which is cut for every row before the share is chosen (twice as long); and cut
-- once, however many claims it holds, before the claims join it (a third less time than
-- joining every claim to its document's text).
cut_sentences as (
    select
        wanted.doc_id,
        wanted.sentence_start,
        wanted.sentence_end,
        substr(
            texts.text, wanted.sentence_start + 1, wanted.sentence_end - wanted.sentence_start
        ) as sentence,
    from (select distinct doc_id, sentence_start, sentence_end, from evidence) as wanted
    inner join texts using (doc_id)
),

sentences as (
    select
        evidence.*,
        cut_sentences.sentence,
    from evidence
    -- A claim loaded before sentences were kept has no offsets, and its sentence is unknown.
    left join cut_sentences using (doc_id, sentence_start, sentence_end)
)

-- A count as the article writes it; a time as written, in local time where the text gave it.
select
    sentences.fact_id, sentences.doc_id, sentences.evidence, sentences.speaker,
    sentences.is_summed, casualty.qualifier, casualty.count_low, casualty.count_high,
    events.time_text,
    coalesce(events.time_text, sentences.reported_value) as value,
    substr(sentences.sentence, 1, sentences.phrase_start) as before,
    substr(sentences.sentence, sentences.phrase_end + 1) as after,
from sentences
left join casualty
    on sentences.kind = 'casualty' and casualty.claim_id = sentences.claim_id
left join events
    on sentences.kind = 'event' and events.claim_id = sentences.claim_id
order by sentences.fact_id, sentences.doc_id, sentences.phrase_start, sentences.claim_id
"""

DOCUMENTS = f"""
with wanted as (
    select distinct unnest(doc_ids) as doc_id
    from source_agreement
    where {_wanted("incident_id")}
)

select
    documents.doc_id, documents.source_group, documents.source_id, documents.title,
    documents.outlet, documents.url, {_shown("documents.published_at")} as published_shown,
    documents.published_precision,
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


def load(
    conn: duckdb.DuckDBPyConnection, incident: str | None = None, share: int = 0, shares: int = 1
) -> ReportData:
    """The rows of every incident (or of one), or of the `share`-th of `shares` parts."""
    _utc_session(conn)
    return ReportData(*(
        _records(conn, query, {"incident": incident, "share": share, "shares": shares})
        for query in (INCIDENTS, FACTS, TIMELINE, EVIDENCE, DOCUMENTS)
    ))


def load_incidents(
    conn: duckdb.DuckDBPyConnection, incident: str | None = None
) -> list[dict[str, Any]]:
    """Every incident's row (or one's), for the index."""
    _utc_session(conn)
    return _records(conn, INCIDENTS, {"incident": incident, "share": 0, "shares": 1})


def _records(
    conn: duckdb.DuckDBPyConnection, query: str, params: dict[str, Any]
) -> list[dict[str, Any]]:
    return _naive_utc(conn.sql(query, params=params).to_arrow_table()).to_pylist()


def _utc_session(conn: duckdb.DuckDBPyConnection) -> None:
    conn.execute("set TimeZone = 'UTC'")
    conn.execute("set enable_progress_bar = false")


def _naive_utc(table: pa.Table) -> pa.Table:
    """The table with its times as naive UTC datetimes (the marts' times are all UTC): a time
    with a zone costs a zone lookup per value to make in Python (the timeline's, which the chart
    measures; every time the pages print is formatted by `_shown` instead)."""
    for index, field in enumerate(table.schema):
        if pa.types.is_timestamp(field.type) and field.type.tz is not None:
            table = table.set_column(
                index, field.name, table.column(index).cast(pa.timestamp(field.type.unit))
            )
    return table
