-- materialized: view
-- Conflicting facts side by side: every pair of firm figures of one fact whose intervals
-- cannot both be true and that come from different documents or parties (a party's own figures
-- in one article count parts or update a toll), each with its document, outlet, speaker and
-- words, for a reader who wants to check them. A document's total for everyone, added up from
-- its figures by class, stands with the words it adds up.
with reports as (
    select
        claims.fact_id,
        claims.incident_id,
        claims.claim_id,
        claims.doc_id,
        documents.source_id,
        documents.outlet,
        claims.speaker,
        claims.speaker_country,
        claims.party,
        claims.qualifier,
        claims.count_low,
        claims.count_high,
        claims.bound_low,
        claims.bound_high,
        claims.evidence,
    from int_casualty_reports as claims
    inner join stg_documents as documents using (doc_id)
    where not claims.is_soft
)

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
from int_casualty_facts as facts
inner join reports as lower_report using (fact_id)
inner join reports as higher_report
    on higher_report.fact_id = lower_report.fact_id
    and higher_report.bound_low > lower_report.bound_high
    and (higher_report.doc_id <> lower_report.doc_id or higher_report.party <> lower_report.party)
where facts.status = 'conflicting'
