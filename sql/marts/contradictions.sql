-- materialized: view
-- Grain: one row per pair of independent sources (or quoted parties) whose figures for one fact
-- cannot both be true.
--
-- Conflicting facts side by side: one row per pair of independent sources (or of parties one
-- source quotes) whose figures for one fact cannot both be true, never one per copy: each
-- source and party stands with its largest figure (a party's own figures in one article count
-- parts or update a toll), from its first document, with outlet, speaker and words, for a
-- reader who wants to check them. A document's total for everyone, added up from
-- its figures by class, stands with the words it adds up.
with claims as (
    select * from int_casualty_reports
),

documents as (
    select * from stg_documents
),

facts as (
    select * from int_casualty_facts
),

reports as (
    select
        claims.fact_id,
        claims.independence_key,
        -- Within one source, the outlets' own voice is one, whichever outlet carries the copy.
        case when claims.speaker is null then '(outlet)' else claims.party end as voice,
        claims.doc_id,
        claims.char_start,
        claims.claim_id,
        claims.speaker,
        claims.speaker_country,
        claims.qualifier,
        claims.count_low,
        claims.count_high,
        claims.bound_low,
        claims.bound_high,
        claims.evidence,
    from claims
    where not claims.is_soft
),

-- One figure per independent source and party: the party's largest, as agreement weighs it,
-- from the group's first document, so a syndicated copy adds no row of its own.
group_reports as (
    select fact_id, independence_key, voice, claim_id,
    from reports
    qualify row_number() over (
        partition by fact_id, independence_key, voice
        order by coalesce(bound_low, bound_high) desc, doc_id, char_start
    ) = 1
),

chosen as (
    select
        reports.*,
        documents.source_id,
        documents.outlet,
    from group_reports
    inner join reports using (claim_id)
    inner join documents on documents.doc_id = reports.doc_id
),

final as (
    select
        facts.incident_id,
        facts.fact_id,
        facts.fact,
        lower_report.count_low as lower_count_low,
        lower_report.count_high as lower_count_high,
        lower_report.qualifier as lower_qualifier,
        lower_report.doc_id as lower_doc_id,
        lower_report.source_id as lower_source_id,
        lower_report.outlet as lower_outlet,
        lower_report.speaker as lower_speaker,
        lower_report.speaker_country as lower_speaker_country,
        lower_report.evidence as lower_evidence,
        higher_report.count_low as higher_count_low,
        higher_report.count_high as higher_count_high,
        higher_report.qualifier as higher_qualifier,
        higher_report.doc_id as higher_doc_id,
        higher_report.source_id as higher_source_id,
        higher_report.outlet as higher_outlet,
        higher_report.speaker as higher_speaker,
        higher_report.speaker_country as higher_speaker_country,
        higher_report.evidence as higher_evidence,
    from facts
    inner join chosen as lower_report using (fact_id)
    inner join chosen as higher_report
        on higher_report.fact_id = lower_report.fact_id
        and higher_report.bound_low > lower_report.bound_high
        and (higher_report.independence_key <> lower_report.independence_key
            or higher_report.voice <> lower_report.voice)
    where facts.status = 'conflicting'
)

select * from final
