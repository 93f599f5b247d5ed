-- materialized: view
-- Grain: one row per (fact, claim).
--
-- One row per (fact, claim): the evidence behind every source_agreement row, one join away.
-- Who says so (document, outlet, publication time, speaker, party) and in which words (the
-- phrase, the whole sentence it stands in, both with their offsets into documents.text). A
-- document's total for everyone, added up from its figures by class, is no claim of the text:
-- the all fact lists the claims it adds up (is_summed). A view: the sentences are cut from the
-- stored text when read, never stored twice.
-- Read twice and left materialized: int_casualty_reports is a view, so materializing computes
-- it once (not materialized, the 20,000-document bench's view read in 0.74 to 1.06 s, not 0.49 to
-- 0.75 s).
with casualty_reports as (
    select * from int_casualty_reports
),

casualty_claims as (
    select * from stg_casualty_claims
),

event_fact_claims as (
    select * from int_event_fact_claims
),

facts as (
    select * from source_agreement
),

published_documents as (
    select * from documents
),

claim_reports as (
    select fact_id, claim_id, as_written, party,
    from casualty_reports
    where not is_derived
),

summed_reports as (
    select
        totals.fact_id,
        summed.claim_id,
    from casualty_reports as totals,
        unnest(totals.claim_ids) as summed(claim_id)
    where totals.is_derived
),

casualty_evidence as (
    select
        fact_id,
        claim_id as evidence_claim_id,
        false as is_summed,
        as_written as reported_value,
        party,
    from claim_reports
    union all
    select
        summed_reports.fact_id,
        summed_reports.claim_id,
        true,
        claim_reports.as_written,
        claim_reports.party,
    from summed_reports
    inner join claim_reports using (claim_id)
),

casualty_rows as (
    select
        evidence.fact_id,
        evidence.evidence_claim_id as claim_id,
        'casualty' as kind,
        evidence.is_summed,
        evidence.reported_value,
        evidence.party,
        claims.doc_id,
        claims.speaker,
        claims.speaker_country,
        claims.evidence,
        claims.char_start,
        claims.char_end,
        claims.sentence_start,
        claims.sentence_end,
    from casualty_evidence as evidence
    inner join casualty_claims as claims on claims.claim_id = evidence.evidence_claim_id
),

event_rows as (
    select
        fact_id,
        claim_id,
        'event' as kind,
        false as is_summed,
        strftime(occurred_start at time zone 'UTC', '%Y-%m-%d %H:%M') || ' to '
        || strftime(occurred_end at time zone 'UTC', '%Y-%m-%d %H:%M') || ' UTC ('
        || precision || ')' as reported_value,
        party,
        doc_id,
        speaker,
        speaker_country,
        evidence,
        char_start,
        char_end,
        sentence_start,
        sentence_end,
    from event_fact_claims
),

evidence as (
    select * from casualty_rows
    union all
    select * from event_rows
),

final as (
    select
        evidence.fact_id,
        facts.incident_id,
        evidence.kind,
        facts.fact,
        evidence.claim_id,
        evidence.is_summed,
        evidence.reported_value,
        evidence.doc_id,
        documents.source_id,
        documents.outlet,
        documents.published_at,
        documents.published_precision,
        evidence.speaker,
        evidence.speaker_country,
        evidence.party,
        evidence.evidence,
        evidence.char_start,
        evidence.char_end,
        substr(
            documents.text,
            evidence.sentence_start + 1,
            evidence.sentence_end - evidence.sentence_start
        ) as sentence,
        evidence.sentence_start,
        evidence.sentence_end,
    from evidence
    inner join facts using (fact_id)
    inner join published_documents as documents on documents.doc_id = evidence.doc_id
)

select * from final
