-- Grain: one row per incident, side, stance and target. Contested responsibility: each side's
-- accusations, denials, condemnations and claims of responsibility, against whom, and how many
-- independent sources carry them.
with all_statements as (
    select * from stg_statements
),

contexts as (
    select * from int_claim_contexts
),

statements as (
    select
        contexts.incident_id,
        statements.* exclude (source_id),
        contexts.source_id,
        contexts.source_group,
    from all_statements as statements
    inner join contexts using (claim_id)
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
