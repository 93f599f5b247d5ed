-- materialized: view
-- Every figure that agreement weighs: the casualty claims mapped to their facts, and the totals
-- documents give for everyone when they count by class (int_casualty_document_totals), each
-- with the source it counts as (independence_key): its source group (same outlet or near-copy
-- text), unless every figure the group gives for the fact quotes one statement: then the quote,
-- so outlets repeating the same quoted words count once. A total added up by a document quotes
-- nothing of its own.
with figures as (
    select
        fact_id, claim_id, incident_id, doc_id, outcome, side, victim_class, count_low,
        count_high, qualifier, bound_low, bound_high, is_soft, speaker, speaker_country, party,
        source_group, quote_key, char_start, evidence,
        [claim_id] as claim_ids,
        false as is_derived,
    from int_casualty_fact_claims
    union all
    select
        fact_id, claim_id, incident_id, doc_id, outcome, side, victim_class, count_low,
        count_high, qualifier, bound_low, bound_high, is_soft, speaker, speaker_country, party,
        source_group, null as quote_key, char_start, evidence,
        claim_ids,
        true as is_derived,
    from int_casualty_document_totals
)

select
    *,
    case
        when bool_and(quote_key is not null) over (partition by fact_id, source_group)
            then min(quote_key) over (partition by fact_id, source_group)
        else source_group
    end as independence_key,
from figures
