-- Grain: one row per casualty claim.
with source as (
    select * from raw_casualty_claims
),

final as (
    select
        claim_id,
        doc_id,
        outcome,
        count_low,
        count_high,
        qualifier,
        victim,
        side,
        speaker,
        speaker_country,
        time_reference,
        reference_year,
        evidence,
        char_start,
        char_end,
        part_of,
        sentence_start,
        sentence_end,
    from source
)

select * from final
