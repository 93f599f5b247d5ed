-- Grain: one row per document, with its source group.
--
-- Which documents are one source, not independent ones: near-copies of each other
-- (int_near_duplicates) or from the same outlet, transitively (connected components). A
-- source group is named by its smallest doc_id.
with recursive near_duplicates as (
    select * from int_near_duplicates
),

documents as not materialized (
    select * from stg_documents
),

links as (
    select left_doc_id as doc_id, right_doc_id as neighbour from near_duplicates
    union
    select right_doc_id, left_doc_id from near_duplicates
    union
    select documents.doc_id, outlet_first.first_doc_id
    from documents
    inner join (
        select outlet_key, min(doc_id) as first_doc_id from documents group by outlet_key
    ) as outlet_first using (outlet_key)
    where documents.doc_id <> outlet_first.first_doc_id
    union
    select outlet_first.first_doc_id, documents.doc_id
    from documents
    inner join (
        select outlet_key, min(doc_id) as first_doc_id from documents group by outlet_key
    ) as outlet_first using (outlet_key)
    where documents.doc_id <> outlet_first.first_doc_id
),

groups (doc_id, source_group) using key (doc_id) as (
    select doc_id, doc_id as source_group from documents
    union
    select
        links.neighbour as doc_id,
        min(groups.source_group) as source_group,
    from groups
    inner join links on links.doc_id = groups.doc_id
    inner join recurring.groups as known on known.doc_id = links.neighbour
    group by links.neighbour, known.source_group
    having min(groups.source_group) < known.source_group
),

copies as (
    select doc_id, list(neighbour order by neighbour) as near_duplicates,
    from (
        select left_doc_id as doc_id, right_doc_id as neighbour from near_duplicates
        union
        select right_doc_id, left_doc_id from near_duplicates
    )
    group by doc_id
),

final as (
    select
        groups.doc_id,
        groups.source_group,
        coalesce(copies.near_duplicates, []) as near_duplicates,
    from groups
    left join copies using (doc_id)
)

select * from final
