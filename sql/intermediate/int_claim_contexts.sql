-- Grain: one row per claim (casualty claim, event claim or statement), with what places it
-- among the others: its incident, its document's outlet and independent source group, the
-- original source it rests on, and whose word it is. Every mart and fact model that reads
-- claims takes these from here, so each is decided once.
--   source_id: a statement's own source (int_statement_sources); for a casualty or event
--     claim, the source of the statement that holds it and whose speaker it names
--     (int_claim_sources), NULL in the outlet's own voice.
--   party: the speaker's country, else the country int_speaker_parties finds for a speaker
--     named without one (a government and its officials are one party), else the speaker, else
--     the outlet itself.
with casualty_claims as (
    select claim_id, doc_id, speaker, speaker_country, from stg_casualty_claims
),

event_claims as (
    select claim_id, doc_id, speaker, speaker_country, from stg_event_claims
),

statements as (
    select claim_id, doc_id, speaker, speaker_country, from stg_statements
),

claim_incidents as (
    select * from int_claim_incidents
),

incident_keys as (
    select * from int_incident_keys
),

documents as (
    select * from stg_documents
),

sources as (
    select * from int_document_sources
),

claim_sources as (
    select * from int_claim_sources
),

statement_sources as (
    select * from int_statement_sources
),

parties as (
    select * from int_speaker_parties
),

-- Each claim with the source it rests on: a statement is matched only against the statements'
-- sources, a casualty or event claim only against the claims' (a join of each kind's own rows).
casualty_and_event_claims as (
    select * from casualty_claims
    union all
    select * from event_claims
),

claims as (
    select casualty_and_event_claims.*, claim_sources.source_id,
    from casualty_and_event_claims
    left join claim_sources using (claim_id)
    union all
    select statements.*, statement_sources.source_id,
    from statements
    left join statement_sources using (claim_id)
),

final as (
    select
        claims.claim_id,
        incident_keys.incident_id,
        claim_incidents.is_background,
        documents.outlet_key,
        sources.source_group,
        claims.source_id,
        coalesce(
            claims.speaker_country, parties.party, claims.speaker,
            '(outlet) ' || documents.outlet_key
        ) as party,
    from claims
    inner join claim_incidents using (claim_id)
    inner join incident_keys using (incident_key)
    inner join documents on documents.doc_id = claims.doc_id
    inner join sources on sources.doc_id = claims.doc_id
    left join parties
        on parties.doc_id = claims.doc_id
        and parties.speaker = claims.speaker
        and claims.speaker_country is null
)

select * from final
