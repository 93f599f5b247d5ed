-- Grain: one row per casualty claim.
with claims as (
    select * from stg_casualty_claims
),

claim_incidents as (
    select * from int_claim_incidents
),

incident_keys as (
    select * from int_incident_keys
),

final as (
    select
        claims.claim_id,
        claims.doc_id,
        incident_keys.incident_id,
        claims.outcome,
        claims.count_low,
        claims.count_high,
        claims.qualifier,
        claims.part_of,
        claims.victim,
        claims.side,
        claims.speaker,
        claims.speaker_country,
        claims.time_reference,
        claims.reference_year,
        claims.evidence,
        claims.char_start,
        claims.char_end,
    from claims
    inner join claim_incidents using (claim_id)
    inner join incident_keys using (incident_key)
)

select * from final
