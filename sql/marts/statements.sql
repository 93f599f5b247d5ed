-- Grain: one row per attributed statement, with its incident and its source.
with statements as (
    select * from stg_statements
),

statement_sources as (
    select * from int_statement_sources
),

claim_incidents as (
    select * from int_claim_incidents
),

incident_keys as (
    select * from int_incident_keys
),

final as (
    select
        statements.claim_id,
        statements.doc_id,
        incident_keys.incident_id,
        statements.speaker,
        statements.source_name,
        statement_sources.source_id,
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
    inner join statement_sources using (claim_id)
    inner join claim_incidents using (claim_id)
    inner join incident_keys using (incident_key)
)

select * from final
