-- materialized: view
-- Grain: one row per figure agreement weighs: a casualty claim, or a document's total for
-- everyone.
--
-- Every figure that agreement weighs: the casualty claims mapped to their facts, and the totals
-- documents give for everyone when they count by class (int_casualty_document_totals), each
-- with the source it counts as (independence_key): its source group (same outlet or near-copy
-- text), unless every figure the group gives for the fact quotes one statement: then the quote,
-- so outlets repeating the same quoted words count once. A total added up by a document quotes
-- nothing of its own. original_source is the source a figure rests on: the quoted source
-- (int_claim_sources), else the outlet's own voice (its source group). as_written is the
-- value as the article writes it.
with fact_claims as (
    select * from int_casualty_fact_claims
),

document_totals as (
    select * from int_casualty_document_totals
),

figures as (
    select
        fact_id, claim_id, incident_id, doc_id, outcome, side, victim_class, count_low,
        count_high, qualifier, bound_low, bound_high, is_soft, speaker, speaker_country, party,
        source_group, quote_key, source_id, char_start, evidence, part_of,
        [claim_id] as claim_ids,
        false as is_derived,
    from fact_claims
    union all
    select
        fact_id, claim_id, incident_id, doc_id, outcome, side, victim_class, count_low,
        count_high, qualifier, bound_low, bound_high, is_soft, speaker, speaker_country, party,
        source_group, null as quote_key, null as source_id, char_start, evidence,
        null as part_of,
        claim_ids,
        true as is_derived,
    from document_totals
),

final as (
    select
        *,
        coalesce('source:' || source_id, 'outlet:' || source_group) as original_source,
        -- The value as an article writes it: "more than 6,500" (stored as [6501, NULL]).
        case
            when part_of is not null
                then format('{:,}', coalesce(count_low, count_high)) || ' of the '
                || case part_of when 'killed' then 'dead' else part_of end
            when count_low is null and count_high is null then qualifier
            when qualifier = 'total' and count_high is null
                then 'total at least ' || format('{:,}', count_low)
            when qualifier = 'total' and count_low < count_high
                then 'total ' || format('{:,}', count_low) || '-' || format('{:,}', count_high)
            when qualifier = 'total' then 'total ' || format('{:,}', count_low)
            when qualifier = 'exact' then format('{:,}', count_low)
            when qualifier = 'about' then 'about ' || format('{:,}', count_low)
            when qualifier = 'at_least' then 'at least ' || format('{:,}', count_low)
            when qualifier = 'more_than' then 'more than ' || format('{:,}', count_low - 1)
            when qualifier = 'vague' then 'at least ' || format('{:,}', count_low) || ' (vague)'
            when count_low is null then 'up to ' || format('{:,}', count_high)
            when count_high is null then 'at least ' || format('{:,}', count_low)
            else format('{:,}', count_low) || '-' || format('{:,}', count_high)
        end as as_written,
        case
            when bool_and(quote_key is not null) over (partition by fact_id, source_group)
                then min(quote_key) over (partition by fact_id, source_group)
            else source_group
        end as independence_key,
    from figures
)

select * from final
