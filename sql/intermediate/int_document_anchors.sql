-- When each document's own story happened: its publication day when known to the day (news
-- reports what happened in the last day or so), else the day most of its current events fall
-- on, else its publication month or year. Documents anchored alike form one incident.
with current_event_days as (
    select
        doc_id,
        date_trunc('day', occurred_start at time zone 'UTC') as event_day,
        count(*) as mentions,
    from stg_event_claims
    where time_reference = 'main'
      and precision in ('minute', 'hour', 'part_of_day', 'day')
    group by all
),

main_event_day as (
    select
        doc_id,
        arg_max(event_day, mentions order by event_day) as event_day,
    from current_event_days
    group by doc_id
),

anchored as (
    select
        documents.doc_id,
        coalesce(
            case
                when documents.published_precision in ('minute', 'hour', 'part_of_day', 'day')
                    then strftime(documents.published_at at time zone 'UTC', '%Y-%m-%d')
            end,
            strftime(main_event_day.event_day, '%Y-%m-%d'),
            case
                when documents.published_precision = 'month'
                    then strftime(documents.published_at at time zone 'UTC', '%Y-%m')
                when documents.published_precision = 'year'
                    then strftime(documents.published_at at time zone 'UTC', '%Y')
            end,
            'undated:' || documents.doc_id
        ) as anchor,
    from stg_documents as documents
    left join main_event_day using (doc_id)
)

select
    doc_id,
    anchor,
    'incident:' || anchor as incident_key,
from anchored
