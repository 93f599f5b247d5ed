-- Grain: one row per event fact (incident, event type, overlapping times).
--
-- Event facts: the claims of one happening (int_event_fact_claims). Times are intervals, read
-- like casualty figures: the fact's time is the intersection of the reported intervals, the
-- tightest every report allows (a "that year" report does not widen "06:00 UTC"). Reports dated
-- to the day or finer set it when there are any; coarse ones only confirm it. When a chain of
-- overlapping reports has no common point, the fact spans them all. Precision is the finest
-- reported, or, for a fact spanning its reports, the widest of them.
with fact_claims as not materialized (
    select * from int_event_fact_claims
),

fine_facts as (
    select fact_id, bool_or(is_fine) as fact_has_fine,
    from fact_claims
    group by fact_id
),

-- A join, not a window: a window over all claims holds them all (evidence, summaries) at once.
timing_claims as (
    select claims.*, fine_facts.fact_has_fine,
    from fact_claims as claims
    inner join fine_facts using (fact_id)
),

-- Two aggregates over the claims, joined on the fact: one aggregate with all of them held
-- every group's states at once, and at 100,000 documents outgrew the build's memory.
fact_times as (
    select
        fact_id,
        any_value(incident_id) as incident_id,
        any_value(event_type) as event_type,
        max(occurred_start) filter (where is_fine = fact_has_fine) as latest_start,
        min(occurred_end) filter (where is_fine = fact_has_fine) as earliest_end,
        min(occurred_start) filter (where is_fine = fact_has_fine) as first_start,
        max(occurred_end) filter (where is_fine = fact_has_fine) as last_end,
        -- The finest precision any report gives (the shortest interval; ties by claim, so that
        -- a rebuild picks the same): the fact's when its reports share a point.
        arg_min(
            precision, {'span': occurred_end - occurred_start, 'claim_id': claim_id}
        ) as finest_precision,
        -- The widest of the reports that set the time: the fact's when they only chain, and it
        -- spans them all ("06:00" and "20:00" through "on Tuesday" are the day, no clock time).
        arg_max(
            precision, {'span': occurred_end - occurred_start, 'claim_id': claim_id}
        ) filter (where is_fine = fact_has_fine) as widest_precision,
        -- The report a summary is read from: one at the fact's precision, in the outlet's own
        -- voice before a quoted one, in the shortest sentence; its summary (who did what to
        -- whom, where) and the sentence it was read from.
        arg_min(
            {'doc_id': doc_id, 'start': sentence_start, 'end': sentence_end,
             'summary': summary, 'claim_id': claim_id},
            {'coarse': is_fine <> fact_has_fine, 'quoted': speaker is not null,
             'length': sentence_end - sentence_start, 'claim_id': claim_id}
        ) filter (where sentence_start is not null) as example_sentence,
    from timing_claims
    group by fact_id
),

fact_sources as (
    select
        fact_id,
        unnest(sources_of_fact(
            doc_id, independence_key, original_source, party, speaker, source_id,
            speaker_country
        )),
        count(*) as n_claims,
        arg_min(evidence, lpad(cast(length(evidence) as varchar), 9, '0') || claim_id)
            as example_evidence,
        list_sort(list(distinct
            strftime(occurred_start at time zone 'UTC', '%Y-%m-%d %H:%M') || ' to '
            || strftime(occurred_end at time zone 'UTC', '%Y-%m-%d %H:%M')
        )) as reported_values,
    from fact_claims
    group by fact_id
),

facts as (
    select *,
    from fact_times
    inner join fact_sources using (fact_id)
),

timed as (
    select
        * exclude (finest_precision, widest_precision),
        case when latest_start <= earliest_end then latest_start else first_start end
            as at_start,
        case when latest_start <= earliest_end then earliest_end else last_end end as at_end,
        case when latest_start <= earliest_end then finest_precision else widest_precision end
            as precision,
    from facts
),

-- A label says no more than the precision allows: "in 2021", "in Sep 2022", "on 13 Sep 2022",
-- "at 13 Sep 2022 06:00 UTC" (a clock time read against a month is a month). A fact spanning
-- reports that only chain gives both ends ("between 8 Jul 2016 and 9 Jul 2016").
shown as (
    select
        *,
        precision in ('minute', 'hour', 'part_of_day') as is_clock,
        list_transform(
            [at_start at time zone 'UTC', at_end at time zone 'UTC'],
            lambda moment: case
                when is_clock then strftime(moment, '%-d %b %Y %H:%M')
                when precision = 'day' then strftime(moment, '%-d %b %Y')
                when precision = 'month' then strftime(moment, '%b %Y')
                else strftime(moment, '%Y')
            end
        ) as shown_ends,
        shown_ends[1] as shown_start,
        shown_ends[2] as shown_end,
        if(is_clock, ' UTC', '') as zone,
    from timed
),

labelled as (
    select
        * exclude (is_clock, shown_ends, shown_start, shown_end, zone),
        case
            when precision = 'decade'
                then 'in the ' || (year(at_start at time zone 'UTC') // 10 * 10) || 's'
            when precision = 'part_of_day' and left(shown_start, -6) = left(shown_end, -6)
                then 'on ' || shown_start || '-' || right(shown_end, 5) || zone
            when shown_start = shown_end
                then case precision when 'day' then 'on ' when 'minute' then 'at '
                    when 'hour' then 'at ' else 'in ' end || shown_start || zone
            else 'between ' || shown_start || ' and ' || shown_end || zone
        end as time_label,
    from shown
),

final as (
    select
        fact_id,
        incident_id,
        'event' as kind,
        event_type || ' ' || time_label as fact,
        null::varchar as outcome,
        null::varchar as side,
        null::varchar as victim_class,
        event_type,
        null::bigint as value_low,
        null::bigint as value_high,
        at_start,
        at_end,
        precision,
        example_evidence,
        n_documents,
        n_independent,
        n_original_sources,
        n_claims,
        fact_status(false, n_independent) as status,
        doc_ids,
        speakers,
        source_ids,
        speaker_countries,
        n_parties,
        rests_on_one_party,
        reported_values,
        time_label,
        example_sentence,
    from labelled
)

select * from final
