select 'casualty_claims' as kind, claim_id from casualty_claims where incident_id is null
union all
select 'event_claims', claim_id from event_claims where incident_id is null
union all
select 'statements', claim_id from statements where incident_id is null
union all
select 'documents', doc_id from documents where incident_id is null
