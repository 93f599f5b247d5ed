-- Grain: one row per claim, with the incident it belongs to.
-- Claims about the document's own story go to its story's incident. Background figures and
-- events (an earlier war's toll) go to a background incident of that story and the year they
-- refer to: `background:<year>:<story's incident key>`. A past event is known by what the
-- story is about and when it happened, never by its year alone: the 2020 war behind a border
-- clash and a 2020 massacre behind another country's news are two background incidents, and
-- their tolls never meet as one disputed fact.
with claims as (
    select claim_id, doc_id, time_reference, reference_year from stg_casualty_claims
    union all
    select claim_id, doc_id, time_reference, reference_year from stg_event_claims
    union all
    select claim_id, doc_id, 'main' as time_reference, null as reference_year from stg_statements
),

members as (
    select doc_id, incident_key from int_incident_members
),

final as (
    select
        claims.claim_id,
        claims.doc_id,
        claims.time_reference = 'background' as is_background,
        case
            when claims.time_reference = 'background'
                then 'background:' || coalesce(cast(claims.reference_year as varchar), 'undated')
                    || ':' || members.incident_key
            else members.incident_key
        end as incident_key,
    from claims
    inner join members using (doc_id)
)

select * from final
