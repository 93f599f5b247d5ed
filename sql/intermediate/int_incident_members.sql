-- Grain: one row per document, with the incident it reports.
-- Documents that tell one story (`int_story_clusters`: alike in words, day and place, within a
-- time window) are one incident. The incident key is the anchor and the founding member: the
-- first-loaded member anchored to a day, else the first loaded; so an incident keeps its id
-- while its membership stays, and as later documents join it.
with clusters as (
    select doc_id, cluster_doc_id, from int_story_clusters
),

anchors as (
    select doc_id, first_run_id, anchor_precision, anchor_day, period_start,
    from int_document_anchors
),

members as (
    select
        clusters.doc_id,
        clusters.cluster_doc_id,
        anchors.first_run_id,
        anchors.anchor_precision,
        case anchors.anchor_precision
            when 'day' then strftime(anchors.anchor_day, '%Y-%m-%d')
            when 'month' then strftime(anchors.period_start, '%Y-%m')
            when 'year' then strftime(anchors.period_start, '%Y')
            else 'undated'
        end as anchor,
    from clusters
    inner join anchors using (doc_id)
),

founded as (
    select
        doc_id,
        first_value(anchor) over by_arrival as anchor,
        first_value(doc_id) over by_arrival as founder_doc_id,
    from members
    window by_arrival as (
        partition by cluster_doc_id
        order by anchor_precision <> 'day', anchor_precision = 'none', first_run_id, doc_id
        rows between unbounded preceding and unbounded following
    )
),

final as (
    select
        doc_id,
        'incident:' || anchor || ':' || founder_doc_id as incident_key,
        anchor,
        founder_doc_id,
    from founded
)

select * from final
