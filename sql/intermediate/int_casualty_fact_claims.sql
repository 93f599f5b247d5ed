-- Grain: one row per casualty claim, with its fact.
--
-- Every casualty claim mapped to its fact (incident, outcome, side, victim class), with the
-- interval it asserts for agreement and the source it counts as.
--   victim_class: the class the claim's victim noun names (stated_victim_class), except that a
--     generic toll ("45 people were killed", "45 killed") is the same toll as the class-specific
--     ones when the incident's reports of that outcome and side name one class only
--     ("18 civilians"): news reports count the same dead in their own words, so the generic
--     figure joins that class's fact and can agree or conflict with it. It stays a toll of its
--     own (class all) when the reports name two classes (civilians and soldiers: a total),
--     when its own document gives a different number for a class (the generic figure then
--     counts other people, or everyone: "30 killed, including 12 civilians"; "19 killed" and
--     "at least 16 fighters killed" in one report are one toll), and in a background incident
--     (it gathers many happenings' figures of a year, not one happening's dead).
--   bound_low/bound_high: the reported interval; "about N" allows 10% either way; vague
--     ("dozens") and unspecified reports are soft: they confirm a fact, never contradict one.
--   source_id, party: the original source the claim rests on, if quoted, and whose word it is
--     (int_claim_contexts).
--   quote_key: the statement the claim quotes, if any (int_casualty_reports turns the source
--     group and the quote into the claim's independence key).
--   A part ("eight of the wounded", "including 25 children", "two of the wounded died": part_of
--     set) is soft too: it says the fact is at least that large, so its interval has no upper
--     end, and it never rivals a total. Nor does it name a class for the generic tolls, or say that a generic
--     toll counts other people ("34 killed, 6 of them women": the rest may be civilians too).
with casualty_claims as (
    select * from stg_casualty_claims
),

contexts as (
    select * from int_claim_contexts
),

classes as (
    select * from int_victim_classes
),

statements as (
    select * from stg_statements
),

claims as (
    select
        contexts.incident_id,
        claims.*,
        contexts.is_background,
        coalesce(classes.victim_class, 'all') as stated_victim_class,
        contexts.outlet_key,
        contexts.source_group,
        contexts.source_id,
        contexts.party,
    from casualty_claims as claims
    inner join contexts using (claim_id)
    left join classes on classes.victim = claims.victim
),

named_classes as (
    select
        incident_id,
        outcome,
        side,
        count(distinct stated_victim_class) as n_classes,
        min(stated_victim_class) as only_class,
    from claims
    where stated_victim_class <> 'all' and part_of is null
    group by incident_id, outcome, side
),

class_counts as (
    select incident_id, outcome, side, doc_id, count_low, count_high,
    from claims
    where stated_victim_class <> 'all' and part_of is null
      and (count_low is not null or count_high is not null)
),

counting_other_people as (
    select distinct generic.claim_id,
    from claims as generic
    inner join class_counts
        on class_counts.incident_id = generic.incident_id
        and class_counts.outcome = generic.outcome
        and class_counts.side is not distinct from generic.side
        and class_counts.doc_id = generic.doc_id
    where generic.stated_victim_class = 'all'
      and (class_counts.count_high < generic.count_low
          or class_counts.count_low > generic.count_high)
),

classed as (
    select
        claims.*,
        case
            when claims.stated_victim_class = 'all'
                and not claims.is_background
                and named_classes.n_classes = 1
                and counting_other_people.claim_id is null
                then named_classes.only_class
            else claims.stated_victim_class
        end as victim_class,
    from claims
    left join named_classes
        on named_classes.incident_id = claims.incident_id
        and named_classes.outcome = claims.outcome
        and named_classes.side is not distinct from claims.side
    left join counting_other_people using (claim_id)
),

quoted as (
    select
        claims.claim_id,
        min('quote:' || md5(lower(regexp_replace(statements.content, '\W+', ' ', 'g'))))
            as quote_key,
    from classed as claims
    inner join statements
        on statements.doc_id = claims.doc_id
        and statements.char_start <= claims.char_start
        and statements.char_end >= claims.char_end
        and statements.is_quote
        and length(statements.content) >= 20
    group by claims.claim_id
),

mapped as (
    select
        substr(md5(concat_ws('|', incident_id, 'casualty', outcome, side, victim_class)), 1, 16)
            as fact_id,
        claims.* exclude (source_id, party),
        quoted.quote_key,
        claims.source_id,
        qualifier in ('vague', 'unspecified') or part_of is not null as is_soft,
        case
            when qualifier = 'about' then cast(floor(count_low * 0.9) as bigint)
            else count_low
        end as bound_low,
        case
            when part_of is not null then null
            when qualifier = 'about' then cast(ceil(count_high * 1.1) as bigint)
            else count_high
        end as bound_high,
        claims.party,
    from classed as claims
    left join quoted using (claim_id)
),

final as (
    select * from mapped
)

select * from final
