-- Event claims grouped into facts: one incident, one event type, and times that overlap
-- (gaps and islands over the claims ordered by start). Precision is the finest reported.
with claims as (
    select
        incident_keys.incident_id,
        claims.*,
        documents.outlet_key,
    from stg_event_claims as claims
    inner join int_claim_incidents using (claim_id)
    inner join int_incident_keys as incident_keys using (incident_key)
    inner join stg_documents as documents on documents.doc_id = claims.doc_id
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
),

facts as (
    select
        incident_id,
        event_type,
        island,
        min(occurred_start) as at_start,
        max(occurred_end) as at_end,
        arg_min(precision, occurred_end - occurred_start) as precision,
        arg_min(evidence, length(evidence)) as example_evidence,
        count(distinct doc_id) as n_documents,
        count(distinct outlet_key) as n_independent,
        count(*) as n_claims,
        list(distinct doc_id order by doc_id) as doc_ids,
        list(distinct coalesce(speaker, '(outlet)') order by coalesce(speaker, '(outlet)'))
            as speakers,
    from islands
    group by incident_id, event_type, island
)

select
    substr(md5(concat_ws('|', incident_id, 'event', event_type, at_start)), 1, 16) as fact_id,
    incident_id,
    'event' as kind,
    event_type || ' at ' || strftime(at_start at time zone 'UTC', '%Y-%m-%d %H:%M UTC') as fact,
    null::varchar as outcome,
    null::varchar as side,
    event_type,
    null::bigint as value_low,
    null::bigint as value_high,
    at_start,
    at_end,
    precision,
    example_evidence,
    n_documents,
    n_independent,
    n_claims,
    case when n_independent >= 2 then 'corroborated' else 'single_source' end as status,
    doc_ids,
    speakers,
from facts
