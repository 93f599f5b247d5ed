-- materialized: view
-- Every figure that agreement weighs: the casualty claims mapped to their facts, and the totals
-- documents give for everyone when they count by class (int_casualty_document_totals).
select
    fact_id, claim_id, incident_id, doc_id, outcome, side, victim_class, count_low, count_high,
    qualifier, bound_low, bound_high, is_soft, speaker, speaker_country, party, independence_key,
    char_start, evidence,
    [claim_id] as claim_ids,
    false as is_derived,
from int_casualty_fact_claims
union all
select
    fact_id, claim_id, incident_id, doc_id, outcome, side, victim_class, count_low, count_high,
    qualifier, bound_low, bound_high, is_soft, speaker, speaker_country, party, independence_key,
    char_start, evidence,
    claim_ids,
    true as is_derived,
from int_casualty_document_totals
