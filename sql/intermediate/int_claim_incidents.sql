-- Every claim bound to an incident: background figures and events (an earlier war's toll) go to
-- a background incident keyed by the year they refer to, shared across documents; everything
-- else goes to its document's incident.
with claims as (
    select claim_id, doc_id, time_reference, reference_year from stg_casualty_claims
    union all
    select claim_id, doc_id, time_reference, reference_year from stg_event_claims
    union all
    select claim_id, doc_id, 'main' as time_reference, null as reference_year from stg_statements
)

select
    claims.claim_id,
    claims.doc_id,
    claims.time_reference = 'background' as is_background,
    case
        when claims.time_reference = 'background'
            then 'background:' || coalesce(cast(claims.reference_year as varchar), 'undated')
        else members.incident_key
    end as incident_key,
from claims
inner join int_incident_members as members using (doc_id)
