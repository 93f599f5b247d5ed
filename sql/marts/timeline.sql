-- Grain: one row per event fact.
--
-- One row per event fact. Per incident, its dated facts in time order: first the incident's
-- own story, then its background. The own story is what happened within the incident's
-- period, to the day or finer: the days its members were written, from three days before
-- (news tells the last days' events by their weekday) to the day after; for an incident whose
-- members are dated only to a month or a year, that period. Facts come in the order of their
-- midpoints: "Monday night" after "20:05 on Monday", "on Tuesday" after "06:00 on Tuesday".
-- Earlier happenings ("met Aug. 31", "the pact last year") and reports too coarse to place in
-- the story (a month, a year) are background: they never open an incident's timeline. The
-- summary says who did what to whom, where: the clause the extractor read around the
-- happening's trigger (extract/times/summaries.py), from the report at the fact's precision in
-- the outlet's own voice; the sentence it stands in and that report's claim keep its provenance.
-- Claims loaded before summaries were read show their sentence, cut at 200 characters.
with facts as (
    select * from int_event_facts
),

published_documents as (
    select * from documents
),

document_texts as (
    select * from stg_documents
),

member_periods as (
    select
        incident_id,
        published_precision in ('minute', 'hour', 'part_of_day', 'day') as is_day,
        case
            when published_precision in ('month', 'year')
                then date_trunc(published_precision, published_at at time zone 'UTC')
            else cast(published_at at time zone 'UTC' as date)
        end as period_start,
        case
            when published_precision = 'month'
                then date_trunc('month', published_at at time zone 'UTC') + interval 1 month
            when published_precision = 'year'
                then date_trunc('year', published_at at time zone 'UTC') + interval 1 year
            else cast(published_at at time zone 'UTC' as date) + interval 1 day
        end as period_end,
    from published_documents
    where published_at is not null
),

incident_periods as (
    select
        incident_id,
        bool_or(is_day) as is_day,
        coalesce(
            min(period_start) filter (where is_day) - interval 3 day,
            min(period_start)
        ) as period_start,
        coalesce(max(period_end) filter (where is_day) + interval 1 day, max(period_end))
            as period_end,
    from member_periods
    group by incident_id
),

placed as (
    select
        facts.*,
        coalesce(
            (periods.is_day and facts.precision not in ('minute', 'hour', 'part_of_day', 'day'))
            or facts.at_start at time zone 'UTC' < periods.period_start
            or facts.at_end at time zone 'UTC' >= periods.period_end,
            false
        ) as is_background,
    from facts
    left join incident_periods as periods using (incident_id)
),

summarised as (
    select
        placed.*,
        placed.at_start + (placed.at_end - placed.at_start) / 2 as midpoint,
        trim(substr(
            documents.text,
            placed.example_sentence.start + 1,
            placed.example_sentence.end - placed.example_sentence.start
        )) as sentence,
    from placed
    left join document_texts as documents on documents.doc_id = placed.example_sentence.doc_id
),

final as (
    select
        incident_id,
        row_number() over (
            partition by incident_id
            order by is_background, midpoint, at_start, at_end, event_type
        ) as ordinal,
        is_background,
        at_start as occurred_start,
        at_end as occurred_end,
        precision,
        time_label as occurred,
        event_type,
        case
            when example_sentence.summary is not null then example_sentence.summary
            when sentence is null then example_evidence
            when length(sentence) <= 200 then sentence
            else regexp_replace(left(sentence, 200), '\s+\S*$', '') || ' …'
        end as summary,
        coalesce(sentence, example_evidence) as summary_sentence,
        example_sentence.claim_id as summary_claim_id,
        n_documents,
        status,
        doc_ids,
        fact_id,
    from summarised
)

select * from final
