-- Grain: one row per document that takes its publication day from its incident.
--
-- Publication days the corpus supplies: a document dated only to a month or a year, whose
-- incident other documents date to one day, gets that day when its own weekdays say so.
--
-- News style (AP) names days of the past week by their weekday, and the latest weekday a report
-- names is usually the day it was written. So a coarse document that reports "early Tuesday"
-- fighting, in an incident whose members (at least two independent sources, all dated to the
-- day by their own metadata or text) were written on Tuesday 13 September, was written on that
-- Tuesday; had its weekdays run on to Wednesday ("said Wednesday"), on the Wednesday after.
--
-- Conservative by construction; a document is left as it was when:
--   * its weekdays (time expressions the coarse DCT could not resolve: XXXX-WXX-2) are not one
--     run of consecutive days, or the run does not contain the incident day's weekday;
--   * the day falls outside its own period, or before a day its own text dates
--     ("met Aug. 31": written on or after 31 August);
--   * another incident of its period that shares two of its countries, and whose day its
--     weekdays also fit, would put it on a different day.
-- Downstream of incident resolution and never read by it: refining a date moves no document
-- between incidents.
with anchors as not materialized (
    select * from int_document_anchors
),

time_expressions as not materialized (
    select * from stg_time_expressions
),

members as not materialized (
    select * from int_incident_members
),

documents as (
    select * from stg_documents
),

sources as (
    select * from int_document_sources
),

coarse_documents as (
    select doc_id, period_start, period_end, countries,
    from anchors
    where anchor_precision in ('month', 'year')
),

weekday_mentions as (
    select
        doc_id,
        cast(regexp_extract(value, '^[0-9X]{4}-WXX-([1-7])', 1) as integer) as weekday,
    from time_expressions
    where type in ('DATE', 'TIME')
      and regexp_matches(value, '^[0-9X]{4}-WXX-[1-7]')
),

document_weekdays as (
    select
        doc_id,
        list(distinct weekday order by weekday) as weekdays,
    from weekday_mentions
    group by doc_id
),

weekday_runs as (
    -- The weekday each run of consecutive weekdays ends on: Monday and Tuesday end on Tuesday.
    select
        doc_id,
        weekdays,
        list_filter(weekdays, lambda day: not list_contains(weekdays, day % 7 + 1)) as run_ends,
    from document_weekdays
),

single_runs as (
    select doc_id, weekdays, run_ends[1] as run_end,
    from weekday_runs
    where len(run_ends) = 1
),

own_lower_bounds as (
    select
        doc_id,
        max(cast(start_utc at time zone 'UTC' as date)) as not_before,
    from time_expressions
    where precision in ('minute', 'hour', 'part_of_day', 'day')
    group by doc_id
),

dated_members as (
    select
        members.incident_key,
        documents.doc_id,
        sources.source_group,
        cast(documents.published_at at time zone 'UTC' as date) as published_day,
    from members
    inner join documents using (doc_id)
    inner join sources using (doc_id)
    where documents.published_precision in ('minute', 'hour', 'part_of_day', 'day')
),

dated_incidents as (
    select
        incident_key,
        min(published_day) as incident_day,
        list(doc_id order by doc_id) as dated_by,
    from dated_members
    group by incident_key
    having count(distinct published_day) = 1
       and count(distinct source_group) >= 2
),

incident_countries as (
    select distinct
        members.incident_key,
        unnest(anchors.countries) as country,
    from members
    inner join anchors using (doc_id)
    where anchors.anchor_precision = 'day'
),

coarse_weekdays as (
    select
        coarse_documents.doc_id,
        coarse_documents.period_start,
        coarse_documents.period_end,
        coarse_documents.countries,
        single_runs.weekdays,
        single_runs.run_end,
    from coarse_documents
    inner join single_runs using (doc_id)
),

-- Coarse documents of one period that name the same countries have the same rivals, so each
-- distinct set is matched once, by a number: matching every document against every dated
-- incident grew with the square of the corpus (3 million pairs at 100,000 bench documents).
coarse_sets as (
    select
        period_start,
        period_end,
        countries,
        row_number() over () as coarse_set,
    from coarse_weekdays
    where len(countries) >= 2
    group by period_start, period_end, countries
),

coarse_set_countries as (
    select coarse_set, period_start, period_end, unnest(countries) as country,
    from coarse_sets
),

dated_incident_countries as (
    select dated_incidents.incident_key, dated_incidents.incident_day, incident_countries.country,
    from dated_incidents
    inner join incident_countries using (incident_key)
),

rival_incidents as (
    -- Dated incidents of the set's period that share at least two of its countries: the ones
    -- incident resolution could have put its documents in.
    select
        coarse_set_countries.coarse_set,
        dated_incident_countries.incident_key,
        dated_incident_countries.incident_day,
    from coarse_set_countries
    inner join dated_incident_countries
        on dated_incident_countries.country = coarse_set_countries.country
        and dated_incident_countries.incident_day
        between coarse_set_countries.period_start and coarse_set_countries.period_end
    group by
        coarse_set_countries.coarse_set,
        dated_incident_countries.incident_key,
        dated_incident_countries.incident_day
    having count(*) >= 2
),

-- A rival matters only by the day it would give, so rivals of one day count once.
rival_days as (
    select distinct coarse_set, incident_day,
    from rival_incidents
),

own_candidates as (
    -- The document's own incident, when it is dated and its day fits the document's weekdays,
    -- with the day it gives.
    select
        coarse_weekdays.doc_id,
        coarse_weekdays.weekdays,
        coarse_weekdays.run_end,
        coarse_weekdays.period_end,
        coarse_sets.coarse_set,
        dated_incidents.incident_key,
        dated_incidents.dated_by,
        dated_incidents.incident_day + cast(
            (coarse_weekdays.run_end - isodow(dated_incidents.incident_day) + 7) % 7 as integer
        ) as published_day,
        own_lower_bounds.not_before,
    from coarse_weekdays
    inner join members using (doc_id)
    inner join dated_incidents using (incident_key)
    left join coarse_sets using (period_start, period_end, countries)
    left join own_lower_bounds using (doc_id)
    where dated_incidents.incident_day
        between coarse_weekdays.period_start and coarse_weekdays.period_end
      and list_contains(coarse_weekdays.weekdays, isodow(dated_incidents.incident_day))
),

admissible as (
    select doc_id, weekdays, run_end, period_end, coarse_set, incident_key, dated_by,
        published_day, not_before,
    from own_candidates
    where published_day <= period_end
      and (not_before is null or published_day >= not_before)
),

rival_publications as (
    -- The day each rival whose day fits the document's weekdays would give it.
    select
        admissible.doc_id,
        admissible.published_day,
        admissible.period_end,
        admissible.not_before,
        rival_days.incident_day + cast(
            (admissible.run_end - isodow(rival_days.incident_day) + 7) % 7 as integer
        ) as rival_published_day,
    from admissible
    inner join rival_days using (coarse_set)
    where list_contains(admissible.weekdays, isodow(rival_days.incident_day))
),

ambiguous as (
    -- Documents that a rival would put on another admissible day.
    select distinct doc_id,
    from rival_publications
    where rival_published_day <> published_day
      and rival_published_day <= period_end
      and (not_before is null or rival_published_day >= not_before)
),

final as (
    select
        admissible.doc_id,
        cast(admissible.published_day as timestamp) at time zone 'UTC' as published_at,
        'day' as published_precision,
        'inferred' as published_basis,
        admissible.incident_key as dated_by_incident_key,
        admissible.dated_by,
    from admissible
    anti join ambiguous using (doc_id)
)

select * from final
