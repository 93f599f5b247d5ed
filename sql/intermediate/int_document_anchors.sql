-- Grain: one row per document.
--
-- When and where each document's own story happens. The anchor is its publication day when
-- known to the day (news reports what happened in the last day or so). A document published in
-- a known month or year only is coarse: that period bounds the story (its events' days hang on
-- relative expressions read against an uncertain date, so they do not anchor it). A document
-- with no publication time has no anchor: the dates it writes in full are mostly background (a
-- birth, an earlier trial; on undated web news, nearly half of the days they gave were months or
-- years away from the other reports of the story), and its current events, written as
-- weekdays, have no day without one. Regions are the first-level regions of the cities its
-- lead names as places, and its story keys those of every city name in its lead (also inside a
-- person's name: "Robert Buckley"); countries are the sides, places and speakers of its
-- current claims. Its story starts on its first day, or earlier when its main
-- event happened then: the day before (a morning paper's "yesterday"), or two or three days
-- before when all of its events happened before its own day (a report on "Sunday's strike"
-- published on Tuesday, or a feed that dates its copy late; a war's daily roundup, which also
-- reports its own day's attacks, stays on its day). Its named days are the days it writes out
-- as dates.
with parameters as (
    select
        3 as late_report_days,  -- the most days a report may follow its story's day and join it
),

event_claims as not materialized (
    select * from stg_event_claims
),

casualty_claims as not materialized (
    select * from stg_casualty_claims
),

statements as not materialized (
    select * from stg_statements
),

time_expressions as (
    select * from stg_time_expressions
),

documents as (
    select * from stg_documents
),

current_event_days as (
    select
        doc_id,
        cast(occurred_start at time zone 'UTC' as date) as event_day,
        count(*) as mentions,
    from event_claims
    where time_reference = 'main'
      and precision in ('minute', 'hour', 'part_of_day', 'day')
    group by all
),

main_event_day as (
    select
        doc_id,
        first(event_day order by mentions desc, event_day) as event_day,
        max(event_day) as last_event_day,
    from current_event_days
    group by doc_id
),

claim_countries as (
    select doc_id, side as country from casualty_claims where time_reference = 'main'
    union all
    select doc_id, speaker_country from casualty_claims where time_reference = 'main'
    union all
    select doc_id, place_country from event_claims where time_reference = 'main'
    union all
    select doc_id, speaker_country from statements
    union all
    select doc_id, target_country from statements
),

document_countries as (
    select
        doc_id,
        list(distinct country order by country) as countries,
    from claim_countries
    where country is not null
    group by doc_id
),

-- The days a document writes out as dates ("June 24, 2005", "24/6/2005", "Dec. 7"), not as
-- "Tuesday" or "yesterday": a report weeks after an incident (a trial, an inquiry) names the
-- incident's day, where the next day's reports need not.
written_days as (
    select
        doc_id,
        list_sort(list(distinct day)) as named_days,
    from (
        select doc_id, try_cast(value as date) as day,
        from time_expressions
        where precision = 'day' and regexp_matches(text, '[0-9]')
    )
    where day is not null
    group by doc_id
),

published as (
    select
        doc_id,
        first_run_id,
        lead_regions,
        lead_keys,
        published_precision,
        cast(published_at at time zone 'UTC' as date) as published_day,
    from documents
),

anchored as (
    select
        published.doc_id,
        published.first_run_id,
        -- A city in a country none of the document's claims involve is more often a word
        -- that happens to name one ("Date", "More", an agency called "SANA") than the story's
        -- place; with no country known at all, every region the lead names stands.
        list_filter(
            published.lead_keys,
            lambda region: document_countries.countries is null
                or list_contains(document_countries.countries, split_part(region, '/', 1))
        ) as story_keys,
        list_filter(published.lead_regions, lambda region: list_contains(story_keys, region))
            as regions,
        coalesce(document_countries.countries, []) as countries,
        case
            when published.published_precision in ('minute', 'hour', 'part_of_day', 'day')
                then published.published_day
        end as anchor_day,
        case
            when published.published_precision in ('month', 'year')
                then published.published_precision
        end as coarse_precision,
        published.published_day,
        main_event_day.event_day,
        main_event_day.last_event_day,
    from published
    left join main_event_day using (doc_id)
    left join document_countries using (doc_id)
),

final as (
    select
        doc_id,
        first_run_id,
        regions,
        story_keys,
        countries,
        anchor_day,
        case
            when anchor_day is not null then 'day'
            when coarse_precision is not null then coarse_precision
            else 'none'
        end as anchor_precision,
        case
            when anchor_day is not null then anchor_day
            when coarse_precision is not null then date_trunc(coarse_precision, published_day)
        end as period_start,
        case
            when anchor_day is not null then anchor_day
            when coarse_precision = 'month'
                then cast(
                    date_trunc('month', published_day) + interval 1 month - interval 1 day as date
                )
            when coarse_precision = 'year'
                then cast(
                    date_trunc('year', published_day) + interval 1 year - interval 1 day as date
                )
        end as period_end,
        case
            when anchor_day - event_day = 1 then event_day
            when anchor_day - event_day between 2 and late_report_days
                and last_event_day < anchor_day then event_day
            when anchor_day is not null then anchor_day
            when coarse_precision is not null then date_trunc(coarse_precision, published_day)
        end as story_start,
        coalesce(written_days.named_days, []) as named_days,
    from anchored
    left join written_days using (doc_id)
    cross join parameters
)

select * from final
