-- Casualty claims grouped into facts: one incident, one outcome, one side. Reported values are
-- intervals; they agree when they intersect, and the fact's value is their intersection.
with claims as (
    select
        incident_keys.incident_id,
        claims.*,
        documents.outlet_key,
    from stg_casualty_claims as claims
    inner join int_claim_incidents using (claim_id)
    inner join int_incident_keys as incident_keys using (incident_key)
    inner join stg_documents as documents on documents.doc_id = claims.doc_id
),

facts as (
    select
        incident_id,
        outcome,
        side,
        max(count_low) as value_low,
        min(count_high) as value_high,
        count(distinct doc_id) as n_documents,
        count(distinct outlet_key) as n_independent,
        count(*) as n_claims,
        list(distinct doc_id order by doc_id) as doc_ids,
        list(distinct coalesce(speaker, '(outlet)') order by coalesce(speaker, '(outlet)'))
            as speakers,
        list(distinct victim order by victim) filter (where victim is not null) as victims,
    from claims
    group by incident_id, outcome, side
)

select
    substr(md5(concat_ws('|', incident_id, 'casualty', outcome, side)), 1, 16) as fact_id,
    incident_id,
    'casualty' as kind,
    outcome || ' (' || coalesce(side, 'side not stated') || ')' as fact,
    outcome,
    side,
    null::varchar as event_type,
    value_low,
    value_high,
    null::timestamptz as at_start,
    null::timestamptz as at_end,
    n_documents,
    n_independent,
    n_claims,
    case
        when value_low > value_high then 'conflicting'
        when n_independent >= 2 then 'corroborated'
        else 'single_source'
    end as status,
    doc_ids,
    speakers,
from facts
