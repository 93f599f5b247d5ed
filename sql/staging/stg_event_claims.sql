-- Grain: one row per event claim.
with source as (
    select * from raw_event_claims
),

final as (
    select
        claim_id,
        doc_id,
        event_type,
        occurred_start,
        occurred_end,
        precision,
        time_text,
        place,
        place_country,
        speaker,
        speaker_country,
        time_reference,
        reference_year,
        evidence,
        char_start,
        char_end,
        sentence_start,
        sentence_end,
        summary,
    from source
)

select * from final
