-- Grain: one row per event claim.
with claims as (
    select * from stg_event_claims
),

contexts as (
    select * from int_claim_contexts
),

final as (
    select
        claims.claim_id,
        claims.doc_id,
        contexts.incident_id,
        claims.event_type,
        claims.occurred_start,
        claims.occurred_end,
        claims.precision,
        claims.time_text,
        claims.place,
        claims.place_country,
        claims.speaker,
        claims.speaker_country,
        claims.time_reference,
        claims.reference_year,
        claims.evidence,
        claims.char_start,
        claims.char_end,
        claims.summary,
    from claims
    inner join contexts using (claim_id)
)

select * from final
