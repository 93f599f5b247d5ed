-- Every event claim mapped to its fact: one incident, one event type, and times that overlap
-- (gaps and islands over the claims ordered by start: a claim whose interval starts after every
-- earlier one has ended begins a new fact).
with claims as (
    select
        incident_keys.incident_id,
        claims.*,
        documents.outlet_key,
        sources.source_group,
    from stg_event_claims as claims
    inner join int_claim_incidents using (claim_id)
    inner join int_incident_keys as incident_keys using (incident_key)
    inner join stg_documents as documents on documents.doc_id = claims.doc_id
    inner join int_document_sources as sources on sources.doc_id = claims.doc_id
),

with_reach as (
    select
        *,
        max(occurred_end) over (
            partition by incident_id, event_type
            order by occurred_start, claim_id
            rows between unbounded preceding and 1 preceding
        ) as reach_before,
    from claims
),

islands as (
    select
        *,
        sum(case when reach_before is null or occurred_start > reach_before then 1 else 0 end)
            over (partition by incident_id, event_type order by occurred_start, claim_id)
            as island,
    from with_reach
)

select
    substr(md5(concat_ws(
        '|', incident_id, 'event', event_type,
        min(occurred_start) over (partition by incident_id, event_type, island)
    )), 1, 16) as fact_id,
    * exclude (reach_before),
    source_group as independence_key,
    coalesce(speaker_country, speaker, '(outlet) ' || outlet_key) as party,
from islands
