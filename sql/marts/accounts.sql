-- Grain: one row per incident, side, stance and target. Contested responsibility: each side's
-- accusations, denials, condemnations and claims of responsibility, against whom, and how many
-- independent sources carry them.
with all_statements as (
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

sources as (
    select * from int_document_sources
),

statements as (
    select
        incident_keys.incident_id,
        statements.* exclude (source_id),
        statement_sources.source_id,
        sources.source_group,
    from all_statements as statements
    inner join statement_sources using (claim_id)
    inner join claim_incidents using (claim_id)
    inner join incident_keys using (incident_key)
    inner join sources on sources.doc_id = statements.doc_id
    where statements.stance in ('accuse', 'deny', 'condemn', 'claim_responsibility')
),

final as (
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
)

select * from final
