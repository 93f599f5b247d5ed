-- Grain: one row per casualty claim.
select
    claims.claim_id,
    claims.doc_id,
    incident_keys.incident_id,
    claims.outcome,
    claims.count_low,
    claims.count_high,
    claims.qualifier,
    claims.part_of,
    claims.victim,
    claims.side,
    claims.speaker,
    claims.speaker_country,
    claims.time_reference,
    claims.reference_year,
    claims.evidence,
    claims.char_start,
    claims.char_end,
from stg_casualty_claims as claims
inner join int_claim_incidents using (claim_id)
inner join int_incident_keys as incident_keys using (incident_key)
