-- Grain: one row per casualty claim.
with claims as (
    select * from stg_casualty_claims
),

contexts as (
    select * from int_claim_contexts
),

final as (
    select
        claims.claim_id,
        claims.doc_id,
        contexts.incident_id,
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
    inner join contexts using (claim_id)
)

select * from final
