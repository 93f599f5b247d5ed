-- Grain: one row per casualty fact (incident, outcome, side, victim class).
--
-- Casualty reports grouped into facts: one incident, one outcome, one side, one victim class.
-- Reported values are intervals. A party's figures in one document are one report, its largest
-- figure: an article that counts six dead and then the two of the first blast, or updates its
-- toll, does not contradict itself (two parties it quotes can). Firm reports agree when their
-- intervals intersect, and the fact's value is their intersection (the tightest interval every
-- report allows). Soft reports (vague, unspecified) narrow it further only where they fit it.
-- Firm reports that do not intersect make the fact conflicting; its bounds then span the
-- disagreement, from the lower report's upper end to the higher report's lower end, so
-- value_low <= value_high always. A part ("eight of the wounded") is soft: it refines a
-- fact, never rivals it. Reported values read as the articles wrote them ("more than 6,500").
with reports as not materialized (
    select * from int_casualty_reports
),

party_reports as (
    select
        fact_id,
        doc_id,
        party,
        max({
            'figure': coalesce(bound_low, bound_high),
            'first': -char_start,
            'low': bound_low,
            'high': bound_high,
        }) as largest,
    from reports
    where not is_soft
    group by all
),

firm as (
    select
        fact_id,
        max(largest.low) as core_low,
        min(largest.high) as core_high,
    from party_reports
    group by fact_id
),

soft_fitting as (
    select
        claims.fact_id,
        max(claims.bound_low) as soft_low,
        min(claims.bound_high) as soft_high,
    from reports as claims
    left join firm using (fact_id)
    where claims.is_soft
      and (firm.core_low is null or firm.core_high is null or firm.core_low <= firm.core_high)
      and (claims.bound_high is null or firm.core_low is null or claims.bound_high >= firm.core_low)
      and (claims.bound_low is null or firm.core_high is null or claims.bound_low <= firm.core_high)
    group by claims.fact_id
),

facts as (
    select
        fact_id,
        any_value(incident_id) as incident_id,
        any_value(outcome) as outcome,
        any_value(side) as side,
        any_value(victim_class) as victim_class,
        unnest(sources_of_fact(
            doc_id, independence_key, original_source, party, speaker, source_id,
            speaker_country
        )),
        count(*) filter (where not is_derived) as n_claims,
        list_sort(list(distinct as_written)) as reported_values,
        coalesce(
            arg_min(evidence, lpad(cast(length(evidence) as varchar), 9, '0') || claim_id)
                filter (where not is_derived),
            arg_min(evidence, claim_id)
        ) as example_evidence,
    from reports
    group by fact_id
),

final as (
    select
        facts.fact_id,
        facts.incident_id,
        'casualty' as kind,
        facts.outcome || ' (' || coalesce(facts.side, 'side not stated')
        || case when facts.victim_class = 'all' then '' else ', ' || facts.victim_class end
        || ')' as fact,
        facts.outcome,
        facts.side,
        facts.victim_class,
        null::varchar as event_type,
        case
            when firm.core_low > firm.core_high then firm.core_high
            else greatest(firm.core_low, soft_fitting.soft_low)
        end as value_low,
        case
            when firm.core_low > firm.core_high then firm.core_low
            else least(firm.core_high, soft_fitting.soft_high)
        end as value_high,
        null::timestamptz as at_start,
        null::timestamptz as at_end,
        facts.n_documents,
        facts.n_independent,
        facts.n_original_sources,
        facts.n_claims,
        fact_status(firm.core_low > firm.core_high, facts.n_independent) as status,
        facts.doc_ids,
        facts.speakers,
        facts.source_ids,
        facts.speaker_countries,
        facts.n_parties,
        facts.rests_on_one_party,
        facts.reported_values,
        facts.example_evidence,
    from facts
    left join firm using (fact_id)
    left join soft_fitting using (fact_id)
)

select * from final
