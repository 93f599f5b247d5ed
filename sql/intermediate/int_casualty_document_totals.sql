-- Grain: one row per (fact, document) whose document counts the dead by class but gives no figure
-- for everyone.
--
-- Each document's own total for the toll of everyone (victim class all) when the incident's
-- reports count the dead by class and the document gives no figure for everyone: the sum of its
-- largest figure for each class it names, "23 civilians and 16 fighters" being 39 dead, and
-- "20 fighters" alone being 20. This is how casualty datasets read a report (UCDP's best
-- estimate adds up the deaths a source gives for each side, civilians and unknown; FA-KES
-- records civilians and non-civilians, a class not mentioned being none). So an outlet's
-- "30 killed", another's "12 civilians and 20 soldiers" and a third's "7 soldiers" meet in one
-- fact, and conflict: their tolls differ, and each report's classes stay visible in its
-- evidence. Only where the incident's reports name two classes or more: where they all name
-- one, the generic figures join that class's fact (int_casualty_fact_claims), which is then
-- everyone's toll already. A derived total is no claim of the text: it carries the claims it
-- adds up (claim_ids) and their words.
with fact_claims as (
    select * from int_casualty_fact_claims
),

current_claims as (
    select *,
    from fact_claims
    where not is_background
),

incidents_counting_by_class as (
    select incident_id, outcome, side,
    from current_claims
    where victim_class <> 'all' and not is_soft
    group by all
    having count(distinct victim_class) >= 2
),

documents_with_a_total as (
    select distinct incident_id, outcome, side, doc_id,
    from current_claims
    where victim_class = 'all' and not is_soft
),

-- A document's largest figure for a class is its count of that class (the rest are parts of
-- it or earlier tolls); ties go to the first claim, so the choice is stable.
class_figures as (
    select
        claims.incident_id,
        claims.outcome,
        claims.side,
        claims.doc_id,
        claims.victim_class,
        max({
            'figure': coalesce(claims.bound_low, claims.bound_high),
            'first': -claims.char_start,
            'claim_id': claims.claim_id,
            'count_low': claims.count_low,
            'count_high': claims.count_high,
            'bound_low': claims.bound_low,
            'bound_high': claims.bound_high,
            'char_start': claims.char_start,
            'evidence': claims.evidence,
            'party': claims.party,
            'speaker': claims.speaker,
            'speaker_country': claims.speaker_country,
            'source_group': claims.source_group,
            'outlet_key': claims.outlet_key,
        }) as largest,
    from current_claims as claims
    semi join incidents_counting_by_class as by_class
        on by_class.incident_id = claims.incident_id
        and by_class.outcome = claims.outcome
        and by_class.side is not distinct from claims.side
    anti join documents_with_a_total as own_total
        on own_total.incident_id = claims.incident_id
        and own_total.outcome = claims.outcome
        and own_total.side is not distinct from claims.side
        and own_total.doc_id = claims.doc_id
    where not claims.is_soft and claims.victim_class <> 'all'
    group by all
),

summed as (
    select
        incident_id,
        outcome,
        side,
        doc_id,
        sum(coalesce(largest.count_low, 0)) as count_low,
        case when bool_and(largest.count_high is not null) then sum(largest.count_high) end
            as count_high,
        sum(coalesce(largest.bound_low, 0)) as bound_low,
        case when bool_and(largest.bound_high is not null) then sum(largest.bound_high) end
            as bound_high,
        list(largest.claim_id order by largest.char_start) as claim_ids,
        min(largest.char_start) as char_start,
        string_agg(largest.evidence, ' … ' order by largest.char_start) as evidence,
        case when count(distinct largest.party) = 1 then any_value(largest.party) end
            as only_party,
        case when count(distinct coalesce(largest.speaker, '')) = 1
            then any_value(largest.speaker) end as speaker,
        case when count(distinct coalesce(largest.speaker_country, '')) = 1
            then any_value(largest.speaker_country) end as speaker_country,
        any_value(largest.source_group) as source_group,
        any_value(largest.outlet_key) as outlet_key,
    from class_figures
    group by all
),

final as (
    select
        -- Named as int_casualty_fact_claims names facts, so the totals join the fact of everyone.
        substr(md5(concat_ws('|', incident_id, 'casualty', outcome, side, 'all')), 1, 16)
            as fact_id,
        'total:' || substr(md5(concat_ws('|', doc_id, incident_id, outcome, side)), 1, 16)
            as claim_id,
        incident_id,
        doc_id,
        outcome,
        side,
        'all' as victim_class,
        cast(count_low as bigint) as count_low,
        cast(count_high as bigint) as count_high,
        'total' as qualifier,
        cast(bound_low as bigint) as bound_low,
        cast(bound_high as bigint) as bound_high,
        false as is_soft,
        speaker,
        speaker_country,
        coalesce(only_party, '(outlet) ' || outlet_key) as party,
        source_group,
        char_start,
        evidence,
        claim_ids,
    from summed
)

select * from final
