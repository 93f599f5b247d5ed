-- Grain: one row per document and the incident it reports (its main incident), with why it
-- belongs there: the fellow member its story is most alike, and what the two share.
with members as (
    select doc_id, incident_key, founder_doc_id, from int_incident_members
),

keys as (
    select incident_key, incident_id, from int_incident_keys
),

similarities as not materialized (
    select * from int_story_similarities
),

documents as (
    select doc_id, story_terms, from stg_documents
),

anchors as (
    select doc_id, regions, story_start, period_end, named_days, from int_document_anchors
),

-- Each pair both ways, so that every member finds its closest fellow member.
pairs as (
    select left_doc_id as doc_id, right_doc_id as other_doc_id, * exclude (left_doc_id, right_doc_id),
    from similarities
    union all
    select right_doc_id as doc_id, left_doc_id as other_doc_id, * exclude (left_doc_id, right_doc_id),
    from similarities
),

-- The closest fellow member; of two as close, the smaller doc_id, so that a rebuild names the
-- same one.
fellows as (
    select
        pairs.doc_id,
        arg_min(
            {
                'closest_doc_id': pairs.other_doc_id,
                'similarity': pairs.similarity,
                'shared_keys': pairs.shared_keys,
                'same_day': pairs.same_day,
                'days_apart': pairs.days_apart,
            },
            {'distance': -pairs.similarity, 'doc_id': pairs.other_doc_id}
        ) as fellow,
    from pairs
    inner join members on members.doc_id = pairs.doc_id
    inner join members as others
        on others.doc_id = pairs.other_doc_id
        and others.incident_key = members.incident_key
    group by pairs.doc_id
),

closest as (
    select doc_id, unnest(fellow),
    from fellows
),

final as (
    select
        keys.incident_id,
        members.doc_id,
        members.doc_id = members.founder_doc_id as is_founder,
        closest.closest_doc_id,
        closest.similarity,
        -- The words both tell, in the order of this document's weights (heaviest first).
        list_filter(
            own.story_terms, lambda term: list_contains(other.story_terms, term)
        )[1:5] as shared_terms,
        -- Of the keys both share, the regions both name as places.
        list_filter(
            closest.shared_keys,
            lambda region: list_contains(own_anchor.regions, region)
                and list_contains(other_anchor.regions, region)
        ) as shared_regions,
        closest.same_day,
        closest.days_apart,
        -- What lets a report weeks later join: the day of its fellow's story it writes out.
        list_filter(
            own_anchor.named_days,
            lambda day: day between other_anchor.story_start and other_anchor.period_end
        )[1] as named_day,
    from members
    inner join keys using (incident_key)
    left join closest using (doc_id)
    left join documents as own on own.doc_id = members.doc_id
    left join documents as other on other.doc_id = closest.closest_doc_id
    left join anchors as own_anchor on own_anchor.doc_id = members.doc_id
    left join anchors as other_anchor on other_anchor.doc_id = closest.closest_doc_id
)

select * from final
