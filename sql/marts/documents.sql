-- materialized: view
-- Grain: one row per ingested article.
--
-- One row per ingested article. A document dated only to a month or a year may take its day
-- from its incident (int_publication_from_incidents; published_dated_by names the witnesses).
select
    documents.doc_id,
    documents.source_file,
    documents.source_id,
    documents.title,
    documents.outlet,
    documents.url,
    coalesce(from_incident.published_at, documents.published_at) as published_at,
    coalesce(from_incident.published_precision, documents.published_precision)
        as published_precision,
    coalesce(from_incident.published_basis, documents.published_basis) as published_basis,
    from_incident.dated_by as published_dated_by,
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
left join int_publication_from_incidents as from_incident using (doc_id)
