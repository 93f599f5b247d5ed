-- Grain: one row per attributed statement, with its incident and its source.
with statements as (
    select * from stg_statements
),

contexts as (
    select * from int_claim_contexts
),

final as (
    select
        statements.claim_id,
        statements.doc_id,
        contexts.incident_id,
        statements.speaker,
        statements.source_name,
        contexts.source_id,
        statements.source_kind,
        statements.speaker_country,
        statements.stance,
        statements.target_country,
        statements.content,
        statements.is_quote,
        statements.evidence,
        statements.char_start,
        statements.char_end,
        statements.source_start,
        statements.source_end,
        statements.cue_start,
        statements.cue_end,
        statements.content_start,
        statements.content_end,
    from statements
    inner join contexts using (claim_id)
)

select * from final
