-- materialized: view
-- Grain: one row per ingested article.
--
-- One row per ingested article. A document dated only to a month or a year may take its day
-- from its incident (int_publication_from_incidents; published_dated_by names the witnesses).
with documents as (
    select * from stg_documents
),

members as (
    select * from int_incident_members
),

incident_keys as (
    select * from int_incident_keys
),

sources as (
    select * from int_document_sources
),

from_incident as (
    select * from int_publication_from_incidents
),

final as (
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
    from documents
    inner join members using (doc_id)
    inner join incident_keys using (incident_key)
    inner join sources using (doc_id)
    left join from_incident using (doc_id)
)

select * from final
