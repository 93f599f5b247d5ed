-- Grain: one row per incident.
--
-- One row per real-world happening the documents report, current or background.
with incident_members as not materialized (
    select * from int_incident_members
),

claim_incidents as not materialized (
    select * from int_claim_incidents
),

casualty_claims as (
    select * from stg_casualty_claims
),

event_claims as (
    select * from stg_event_claims
),

document_anchors as (
    select * from int_document_anchors
),

timeline_facts as (
    select * from timeline
),

keys as (
    select * from int_incident_keys
),

members as (
    select incident_key, doc_id from incident_members
),

mentions as (
    select incident_key, doc_id from incident_members
    union
    select incident_key, doc_id from claim_incidents
),

member_claims as (
    select incident_key, side as country, null::varchar as place, null::timestamptz as at_start,
        null::timestamptz as at_end
    from casualty_claims
    inner join claim_incidents using (claim_id)
    union all
    select incident_key, coalesce(place_country, speaker_country), place, occurred_start,
        occurred_end
    from event_claims
    inner join claim_incidents using (claim_id)
),

extents as (
    select
        incident_key,
        min(at_start) as start_utc,
        max(at_end) as end_utc,
        list(distinct country order by country) filter (where country is not null) as countries,
        list(distinct place order by place) filter (where place is not null) as places,
    from member_claims
    group by incident_key
),

membership as (
    select
        members.incident_key,
        list(distinct members.doc_id order by members.doc_id) as member_doc_ids,
        list_sort(list_distinct(flatten(list(anchors.regions)))) as regions,
    from members
    inner join document_anchors as anchors using (doc_id)
    group by members.incident_key
),

documents as (
    select
        incident_key,
        list(distinct doc_id order by doc_id) as doc_ids,
    from mentions
    group by incident_key
),

anchors as (
    select distinct incident_key, anchor from incident_members
),

-- An incident's own story (its timeline without the background) bounds it in time: an earlier
-- pact or a report dated only to a year does not open it.
story as (
    select incident_id, min(occurred_start) as start_utc, max(occurred_end) as end_utc,
    from timeline_facts
    where not is_background
    group by incident_id
),

final as (
    select
        keys.incident_id,
        case
            -- A background key is `background:<year>:incident:<anchor>:<founder>`.
            when keys.is_background
                then 'background: ' || split_part(keys.incident_key, ':', 2)
                    || ', behind reports of ' || split_part(keys.incident_key, ':', 4)
            else 'reports of ' || anchors.anchor
        end
        || coalesce(' (' || array_to_string(extents.countries, ', ') || ')', '')
        || coalesce(
            case when len(extents.places) > 0
                then ': ' || array_to_string(list_slice(extents.places, 1, 4), ', ') end, ''
        ) as label,
        coalesce(story.start_utc, extents.start_utc) as start_utc,
        coalesce(story.end_utc, extents.end_utc) as end_utc,
        coalesce(extents.countries, []) as countries,
        coalesce(extents.places, []) as places,
        coalesce(membership.regions, []) as regions,
        documents.doc_ids,
        coalesce(membership.member_doc_ids, []) as member_doc_ids,
        len(coalesce(membership.member_doc_ids, [])) as n_members,
        keys.is_background,
    from keys
    inner join documents using (incident_key)
    left join extents using (incident_key)
    left join membership using (incident_key)
    left join anchors using (incident_key)
    left join story on story.incident_id = keys.incident_id
)

select * from final
