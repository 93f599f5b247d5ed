-- Grain: one row per ingested article.
--
-- One row per ingested article, with the key an outlet is known by for independence.
with source as (
    select * from raw_documents
),

final as (
    select
        doc_id,
        source_file,
        source_id,
        title,
        outlet,
        coalesce(lower(trim(outlet)), 'doc:' || doc_id) as outlet_key,
        url,
        published_at,
        published_precision,
        published_basis,
        text,
        char_count,
        first_run_id,
        coalesce(lead_regions, []) as lead_regions,
        coalesce(lead_keys, lead_regions, []) as lead_keys,
        minhash,
        coalesce(story_terms, []) as story_terms,
        coalesce(story_weights, []) as story_weights,
    from source
)

select * from final
