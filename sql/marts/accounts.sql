-- Grain: one row per incident, side, stance and target. Contested responsibility: each side's
-- accusations, denials, condemnations and claims of responsibility, against whom, and how many
-- independent sources carry them.
with statements as (
    select
        incident_keys.incident_id,
        statements.* exclude (source_id),
        statement_sources.source_id,
        sources.source_group,
    from stg_statements as statements
    inner join int_statement_sources as statement_sources using (claim_id)
    inner join int_claim_incidents using (claim_id)
    inner join int_incident_keys as incident_keys using (incident_key)
    inner join int_document_sources as sources on sources.doc_id = statements.doc_id
    where statements.stance in ('accuse', 'deny', 'condemn', 'claim_responsibility')
)

select
    incident_id,
    coalesce(speaker_country, 'unknown') as side,
    stance,
    target_country,
    count(*) as n_statements,
    count(distinct doc_id) as n_documents,
    count(distinct source_group) as n_independent,
    count(distinct source_id) as n_original_sources,
    list(distinct speaker order by speaker) as speakers,
    list(distinct doc_id order by doc_id) as doc_ids,
    arg_min(evidence, lpad(cast(length(evidence) as varchar), 9, '0') || claim_id)
        as example_evidence,
from statements
group by incident_id, coalesce(speaker_country, 'unknown'), stance, target_country
