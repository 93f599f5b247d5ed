-- Grain: one row per dated event claim, with its fact.
--
-- Every event claim mapped to its fact: one incident, one event type, and times that overlap.
-- Times are as the timeline reads them (int_event_times: a weekday only against a day-precise
-- anchor, an article's weekdays and clock times read against its incident's day).
-- Claims dated to the day or finer make the facts: gaps and islands over them ordered by start
-- (a claim whose interval starts after every earlier one has ended begins a new fact). A coarse
-- claim (a month, a year, "Tuesday" in a document dated only to its year) is too wide to say
-- that two happenings are one, so it never bridges them: it joins the fact it overlaps that most
-- documents report (the earliest on a tie), and only coarse claims overlapping no fact make
-- facts of their own, by the same gaps and islands.
with event_claims as (
    select * from stg_event_claims
),

times as (
    select * from int_event_times
),

contexts as (
    select * from int_claim_contexts
),

claims as (
    select
        contexts.incident_id,
        claims.* replace (
            times.occurred_start as occurred_start,
            times.occurred_end as occurred_end,
            times.precision as precision,
        ),
        times.precision in ('minute', 'hour', 'part_of_day', 'day') as is_fine,
        contexts.outlet_key,
        contexts.source_group,
        contexts.source_id,
        contexts.party,
    from event_claims as claims
    inner join times using (claim_id)
    inner join contexts using (claim_id)
    where times.is_dated
),

-- The gaps and islands run over the claims' intervals alone: window operators sort every
-- column they carry, and the evidence and context columns are most of a claim's bytes.
intervals as (
    select claim_id, incident_id, event_type, is_fine, occurred_start, occurred_end, doc_id,
    from claims
),

with_reach as (
    select
        *,
        max(occurred_end) over (
            partition by incident_id, event_type, is_fine
            order by occurred_start, claim_id
            rows between unbounded preceding and 1 preceding
        ) as reach_before,
    from intervals
),

islands as (
    select
        *,
        sum(case when reach_before is null or occurred_start > reach_before then 1 else 0 end)
            over (partition by incident_id, event_type, is_fine order by occurred_start, claim_id)
            as island,
    from with_reach
),

fine_facts as (
    select
        incident_id,
        event_type,
        island,
        min(occurred_start) as fact_start,
        max(occurred_end) as fact_end,
        count(distinct doc_id) as n_documents,
    from islands
    where is_fine
    group by all
),

coarse_in_fine as (
    select
        coarse.claim_id,
        min({
            'fewer_documents': -fine_facts.n_documents,
            'fact_start': fine_facts.fact_start,
        }).fact_start as fact_start,
    from islands as coarse
    inner join fine_facts
        on fine_facts.incident_id = coarse.incident_id
        and fine_facts.event_type = coarse.event_type
        and fine_facts.fact_start <= coarse.occurred_end
        and fine_facts.fact_end >= coarse.occurred_start
    where not coarse.is_fine
    group by coarse.claim_id
),

placed as (
    select
        islands.claim_id,
        coalesce(
            coarse_in_fine.fact_start,
            min(islands.occurred_start) over (
                partition by islands.incident_id, islands.event_type, islands.is_fine,
                    islands.island, coarse_in_fine.fact_start is null
            )
        ) as fact_start,
    from islands
    left join coarse_in_fine using (claim_id)
),

final as (
    select
        substr(
            md5(concat_ws('|', claims.incident_id, 'event', claims.event_type, placed.fact_start)),
            1, 16
        ) as fact_id,
        claims.* exclude (source_id, party),
        claims.source_group as independence_key,
        claims.source_id,
        coalesce('source:' || claims.source_id, 'outlet:' || claims.source_group)
            as original_source,
        claims.party,
    from claims
    inner join placed using (claim_id)
)

select * from final
