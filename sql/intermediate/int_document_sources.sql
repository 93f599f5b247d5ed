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

-- Near-copies, each pair both ways.
copy_links as (
    select left_doc_id as doc_id, right_doc_id as neighbour from near_duplicates
    union
    select right_doc_id, left_doc_id from near_duplicates
),

-- Every document of an outlet linked to the outlet's first (smallest doc_id), which joins
-- them all.
outlet_first as (
    select outlet_key, min(doc_id) as first_doc_id, from documents group by outlet_key
),

outlet_links as (
    select documents.doc_id, outlet_first.first_doc_id as neighbour,
    from documents
    inner join outlet_first using (outlet_key)
    where documents.doc_id <> outlet_first.first_doc_id
),

links as (
    select * from copy_links
    union
    select doc_id, neighbour from outlet_links
    union
    select neighbour, doc_id from outlet_links
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
    from copy_links
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
