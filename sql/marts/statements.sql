-- Grain: one row per attributed statement, with its incident and its source.
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
from stg_statements as statements
inner join int_statement_sources as statement_sources using (claim_id)
inner join int_claim_incidents using (claim_id)
inner join int_incident_keys as incident_keys using (incident_key)
