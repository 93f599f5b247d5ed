select
    documents.doc_id,
    documents.source_file,
    documents.source_id,
    documents.title,
    documents.outlet,
    documents.url,
    documents.published_at,
    documents.published_precision,
    documents.published_basis,
    incident_keys.incident_id,
    sources.source_group,
    sources.near_duplicates,
    documents.lead_regions,
    documents.char_count,
    documents.text,
from stg_documents as documents
inner join int_incident_members as members using (doc_id)
inner join int_incident_keys as incident_keys using (incident_key)
inner join int_document_sources as sources using (doc_id)
