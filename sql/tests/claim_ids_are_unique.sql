select claim_id, count(*) as copies
from (
    select claim_id from casualty_claims
    union all
    select claim_id from event_claims
    union all
    select claim_id from statements
)
group by claim_id
having count(*) > 1
