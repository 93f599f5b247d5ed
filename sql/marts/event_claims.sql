-- Grain: one row per event claim.
select
    claims.claim_id,
    claims.doc_id,
    incident_keys.incident_id,
    claims.event_type,
    claims.occurred_start,
    claims.occurred_end,
    claims.precision,
    claims.time_text,
    claims.place,
    claims.place_country,
    claims.speaker,
    claims.speaker_country,
    claims.time_reference,
    claims.reference_year,
    claims.evidence,
    claims.char_start,
    claims.char_end,
    claims.summary,
from stg_event_claims as claims
inner join int_claim_incidents using (claim_id)
inner join int_incident_keys as incident_keys using (incident_key)
