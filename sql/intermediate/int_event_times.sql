-- materialized: view
-- Grain: one row per event claim.
--
-- One row per event claim: when it happened, as the timeline reads it. A weekday resolves only
-- against a day-precise anchor, and a clock time read against a month or a year says no day.
-- When an article dates itself only to a month or a year but its incident dates it to the day
-- (documents.published_at, from the incident's dated reports), its weekdays and clock times
-- are read against that day, the way the article's own date would have read them: "Tuesday"
-- is the latest Tuesday on or before it, "9 a.m. Moscow time" is that day's 06:00 UTC (the zone
-- the tagger read is kept: its offset is the clock against the start's UTC time of day). A
-- weekday that no day-precise anchor pins down dates nothing (is_dated false), so "said
-- Tuesday" in an article dated only to its year never opens or joins a timeline.
with event_claims as (
    select * from stg_event_claims
),

expressions as (
    select * from stg_time_expressions
),

published_documents as (
    select * from documents
),

own_documents as (
    select * from stg_documents
),

claims as (
    select
        claim_id,
        doc_id,
        char_start,
        char_end,
        time_text,
        occurred_start,
        occurred_end,
        precision,
    from event_claims
),

-- Only a coarse claim is read again, so only a coarse claim's time value is looked up.
values_of_claims as (
    select
        claims.claim_id,
        min(expressions.value) as time_value,
    from claims
    inner join expressions
        on expressions.doc_id = claims.doc_id
        and expressions.text = claims.time_text
        and expressions.char_start >= claims.char_start
        and expressions.char_end <= claims.char_end
    where claims.precision not in ('minute', 'hour', 'part_of_day', 'day')
    group by claims.claim_id
),

anchors as (
    select
        documents.doc_id,
        cast(documents.published_at at time zone 'UTC' as date) as anchor_day,
    from published_documents as documents
    inner join own_documents as own using (doc_id)
    where documents.published_precision in ('minute', 'hour', 'part_of_day', 'day')
      and coalesce(own.published_precision, 'unknown')
          not in ('minute', 'hour', 'part_of_day', 'day')
),

read as (
    select
        claims.*,
        anchors.anchor_day,
        claims.precision not in ('minute', 'hour', 'part_of_day', 'day') as is_coarse,
        try_cast(regexp_extract(values_of_claims.time_value, 'WXX-(\d)$', 1) as integer)
            as weekday,
        regexp_extract(values_of_claims.time_value, 'T(\d\d):(\d\d)$', ['hour', 'minute'])
            as clock,
    from claims
    left join values_of_claims using (claim_id)
    left join anchors using (doc_id)
),

resolved as (
    select
        *,
        try_cast(clock.hour as integer) * 60 + try_cast(clock.minute as integer) as local_minutes,
        hour(occurred_start at time zone 'UTC') * 60 + minute(occurred_start at time zone 'UTC')
            as utc_minutes,
    from read
),

-- The instant of a clock time on the anchor day: its local minutes less the zone's offset, the
-- offset being local less UTC, within half a day either way ("00:05 GMT+4" is 20:05 UTC the
-- day before).
on_the_day as (
    select
        *,
        cast(anchor_day as timestamp) at time zone 'UTC'
        + to_minutes(local_minutes - ((local_minutes - utc_minutes + 2160) % 1440 - 720))
            as clock_at,
        cast(
            anchor_day - cast((isodow(anchor_day) - weekday + 7) % 7 as integer) as timestamp
        ) at time zone 'UTC' as weekday_at,
    from resolved
),

final as (
    select
        claim_id,
        case
            when not is_coarse or anchor_day is null then occurred_start
            when local_minutes is not null then clock_at
            when weekday is not null then weekday_at
            else occurred_start
        end as occurred_start,
        case
            when not is_coarse or anchor_day is null then occurred_end
            when local_minutes is not null then clock_at
            when weekday is not null then weekday_at + interval 1 day - interval 1 microsecond
            else occurred_end
        end as occurred_end,
        case
            when not is_coarse or anchor_day is null then precision
            when local_minutes is not null then 'minute'
            when weekday is not null then 'day'
            else precision
        end as precision,
        not (is_coarse and weekday is not null and anchor_day is null) as is_dated,
        is_coarse and anchor_day is not null
        and (local_minutes is not null or weekday is not null) as is_read_against_incident,
    from on_the_day
)

select * from final
