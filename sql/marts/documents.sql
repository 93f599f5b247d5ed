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
    documents.char_count,
    documents.text,
from stg_documents as documents
inner join int_document_anchors as anchors using (doc_id)
inner join int_incident_keys as incident_keys using (incident_key)
